// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgate.ko's notifications, read from the event loop: a soft expire of
 * a CHILD SA starts its rekey (RFC 7296 §2.8), a hard one means the
 * kernel removed the SA, so the peer is told; an access device deleted
 * by someone else ends its session, which could carry nothing more.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vgate.h>

#include "common/log.h"
#include "dataplane/genl_events.h"
#include "ike/engine_internal.h"

static struct ike_sa *session_on(struct ike_engine *e, uint32_t ifindex)
{
	struct ike_sa *sa, *tmp;

	HASH_ITER(hh, e->by_spi, sa, tmp)
		if (sa->access_ifindex == ifindex && sa->state == IKE_SA_ESTABLISHED)
			return sa;
	return NULL;
}

static struct child_sa *child_with(struct ike_sa *sa, uint32_t dir, uint32_t spi)
{
	for (struct child_sa *c = sa->children; c; c = c->next)
		if (dir == VGATE_SA_DIR_IN ? c->spi_in == spi : c->spi_out == spi)
			return c;
	return NULL;
}

static void on_event(const struct vgate_event *ev, void *data)
{
	struct ike_engine *e = data;
	struct child_sa *c;
	struct ike_sa *sa;

	switch (ev->type) {
	case VGATE_EVENT_SA_EXPIRE:
		sa = session_on(e, ev->ifindex);
		c = sa ? child_with(sa, ev->dir, ev->spi) : NULL;
		if (!c)
			return;
		if (ev->hard)
			ike_child_expired(e, sa, c);
		else
			ike_child_rekey(e, sa, c);
		return;
	case VGATE_EVENT_ACCESS_DEL:
		sa = session_on(e, ev->ifindex);
		if (!sa)
			return;		/* ours, already forgotten */
		sa->access_ifindex = 0;	/* gone: nothing to remove */
		ike_send_delete(e, sa);
		ike_sa_destroy(e, sa, "its access device was deleted");
		return;
	case VGATE_EVENT_LOST:
		log_warning("vgate.ko notifications were lost: a rekey may come late");
		return;
	default:
		return;
	}
}

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct ike_engine *e = arg;

	(void)fd;
	(void)what;
	if (vgate_events_read(&e->events, on_event, e) < 0)
		log_warning("reading vgate.ko notifications: %s", e->events.error);
}

int ike_kernel_events_open(struct ike_engine *e, char *error, size_t error_len)
{
	int fd;

	if (vgate_genl_open(&e->events) < 0 || vgate_genl_subscribe(&e->events) < 0) {
		snprintf(error, error_len, "%s", e->events.error);
		vgate_genl_close(&e->events);
		return -1;
	}
	fd = mnl_socket_get_fd(e->events.nl);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	e->events_ev = event_new(e->base, fd, EV_READ | EV_PERSIST, on_readable, e);
	event_add(e->events_ev, NULL);
	return 0;
}

void ike_kernel_events_close(struct ike_engine *e)
{
	if (e->events_ev)
		event_free(e->events_ev);
	e->events_ev = NULL;
	vgate_genl_close(&e->events);
}
