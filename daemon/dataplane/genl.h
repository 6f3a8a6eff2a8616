/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small generic-netlink client for the vgate family
 * (uapi/linux/vgate.h), in the caller's network namespace: one socket,
 * the family and its "events" group resolved once, requests with the
 * kernel's extack text turned into an error message.  The per-object
 * clients (genl_templates, genl_access, genl_sa, genl_net, genl_events)
 * are built on it.
 */
#ifndef VGATE_DATAPLANE_GENL_H
#define VGATE_DATAPLANE_GENL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

struct vgate_genl {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
	uint16_t family_id;
	uint32_t events_group;	/* 0 when the kernel has none */
	char *buf;
	int kernel_errno;
	char extack[256];
	/* why the last call failed, e.g. "kernel: vgate: no SA ..." */
	char error[512];
};

/*
 * Opens a netlink socket on BUS (NETLINK_ROUTE for rtnl.c) that
 * vgate_genl_transact() can drive.  Returns 0, or -1 (G->error).
 */
int vgate_netlink_open(struct vgate_genl *g, int bus);

/*
 * Opens a socket and resolves the family.  Returns 0, or -1 with the
 * reason in G->error (the socket is then closed).
 */
int vgate_genl_open(struct vgate_genl *g);
void vgate_genl_close(struct vgate_genl *g);

/* A new request for CMD, with NLM_F_REQUEST and FLAGS, in G's buffer. */
struct nlmsghdr *vgate_genl_request(struct vgate_genl *g, uint8_t cmd,
				    uint16_t flags);

/*
 * Sends NLH and runs CB(message, DATA) on each reply message until the
 * kernel acknowledged or finished the dump.  Returns 0, or -1 with
 * "kernel: EXTACK" (or "kernel: WHAT: strerror") in G->error.
 */
int vgate_genl_transact(struct vgate_genl *g, struct nlmsghdr *nlh,
			mnl_cb_t cb, void *data, const char *what);

/* Joins the "events" multicast group.  Returns 0 or -1 (G->error). */
int vgate_genl_subscribe(struct vgate_genl *g);

/*
 * Waits for the next batch of notifications and runs CB on each.
 * Returns 0, or -1 (G->error); a receive-buffer overrun (ENOBUFS) is
 * reported as -2 so the caller can say so and carry on.
 */
int vgate_genl_recv_events(struct vgate_genl *g, mnl_cb_t cb, void *data);

/*
 * Reading attributes.  vgate_attr_table() sorts the attributes of a
 * nest (or of the message after the genl header, NEST NULL) into
 * TB[0..MAX], ignoring unknown ones (a newer kernel).  The getters
 * return false when ATTR is absent or has the wrong size.
 */
void vgate_attr_table(const struct nlmsghdr *nlh, const struct nlattr *nest,
		      const struct nlattr **tb, unsigned int max);
bool vgate_attr_u8(const struct nlattr *attr, uint8_t *v);
bool vgate_attr_u16(const struct nlattr *attr, uint16_t *v);
bool vgate_attr_u32(const struct nlattr *attr, uint32_t *v);
bool vgate_attr_u64(const struct nlattr *attr, uint64_t *v);
/* Copies a NUL-terminated string attribute into BUF (SIZE octets). */
bool vgate_attr_str(const struct nlattr *attr, char *buf, size_t size);

#endif
