/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The notifications of the vgate genl family's "events" group. */
#ifndef VGATE_DATAPLANE_GENL_EVENTS_H
#define VGATE_DATAPLANE_GENL_EVENTS_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "dataplane/genl.h"
#include "dataplane/parse.h"

enum vgate_event_type {
	VGATE_EVENT_SA_EXPIRE,		/* VGATE_CMD_SA_EXPIRE_NTF */
	VGATE_EVENT_ACCESS_DEL,		/* VGATE_CMD_ACCESS_DEL_NTF */
	VGATE_EVENT_UNKNOWN_SPI,	/* VGATE_CMD_UNKNOWN_SPI_NTF */
	VGATE_EVENT_LOST,		/* the socket overran: some were lost */
};

/* One notification; members not carried by its type are 0. */
struct vgate_event {
	enum vgate_event_type type;
	uint32_t ifindex;		/* SA_EXPIRE, ACCESS_DEL */
	char ifname[IF_NAMESIZE];	/* ACCESS_DEL, when the kernel gave it */
	uint32_t dir;			/* SA_EXPIRE */
	uint32_t spi;			/* SA_EXPIRE, UNKNOWN_SPI */
	bool hard;			/* SA_EXPIRE */
	bool has_limit;
	uint32_t limit;			/* SA_EXPIRE: enum vgate_expire_limit */
	bool has_reason;
	uint32_t reason;		/* ACCESS_DEL: enum vgate_del_reason */
	struct vgate_addr peer;		/* UNKNOWN_SPI; family 0 if absent */
	bool has_peer_port;
	uint16_t peer_port;		/* UNKNOWN_SPI over UDP */
};

typedef void (*vgate_event_cb)(const struct vgate_event *event, void *data);

/*
 * Reads one datagram of notifications from G (subscribed) and calls CB
 * for each; an overrun is reported as VGATE_EVENT_LOST.  0, or -1 with
 * the reason in G->error.
 */
int vgate_events_read(struct vgate_genl *g, vgate_event_cb cb, void *data);

/*
 * Joins the events group and runs CB on every notification, until an
 * error: then returns -1 with the reason in G->error.
 */
int vgate_events_run(struct vgate_genl *g, vgate_event_cb cb, void *data);

#endif
