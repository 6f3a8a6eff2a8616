// SPDX-License-Identifier: GPL-2.0-or-later
/* vgatectl monitor: one line per notification of the "events" group. */
#include <string.h>

#include "dataplane/cli.h"
#include "dataplane/genl_events.h"
#include "dataplane/parse.h"

static const char *const event_names[] = {
	[VGATE_EVENT_SA_EXPIRE] = "sa-expire",
	[VGATE_EVENT_ACCESS_DEL] = "access-del",
	[VGATE_EVENT_UNKNOWN_SPI] = "unknown-spi",
	[VGATE_EVENT_LOST] = "lost",
};

static const char *event_dev(const struct vgate_event *ev, char *buf)
{
	if (ev->ifname[0]) {
		snprintf(buf, CLI_IFNAME_SIZE, "%s", ev->ifname);
		return buf;
	}
	return cli_ifname(ev->ifindex, buf);
}

static json_object *event_json(const struct vgate_event *ev)
{
	json_object *obj = json_object_new_object();
	char buf[INET6_ADDRSTRLEN], dev[CLI_IFNAME_SIZE];

#define ADD(key, value) json_object_object_add(obj, key, value)
	ADD("event", json_object_new_string(event_names[ev->type]));
	switch (ev->type) {
	case VGATE_EVENT_SA_EXPIRE:
		ADD("hard", json_object_new_boolean(ev->hard));
		if (ev->has_limit)
			ADD("limit", json_object_new_string(vgate_limit_name(ev->limit)));
		ADD("dev", json_object_new_string(event_dev(ev, dev)));
		ADD("ifindex", json_object_new_int64(ev->ifindex));
		ADD("dir", json_object_new_string(vgate_dir_name(ev->dir)));
		ADD("spi", json_object_new_int64(ev->spi));
		break;
	case VGATE_EVENT_ACCESS_DEL:
		ADD("dev", json_object_new_string(event_dev(ev, dev)));
		ADD("ifindex", json_object_new_int64(ev->ifindex));
		if (ev->has_reason)
			ADD("reason", json_object_new_string(vgate_reason_name(ev->reason)));
		break;
	case VGATE_EVENT_UNKNOWN_SPI:
		ADD("spi", json_object_new_int64(ev->spi));
		if (ev->peer.family)
			ADD("peer", json_object_new_string(vgate_format_addr(&ev->peer, buf,
									     sizeof(buf))));
		if (ev->has_peer_port)
			ADD("peer_port", json_object_new_int64(ev->peer_port));
		break;
	case VGATE_EVENT_LOST:
		break;
	}
#undef ADD
	return obj;
}

static void event_print(const struct vgate_event *ev)
{
	char buf[INET6_ADDRSTRLEN], dev[CLI_IFNAME_SIZE], spi[CLI_SPI_SIZE];

	switch (ev->type) {
	case VGATE_EVENT_SA_EXPIRE:
		printf("sa-expire %s", ev->hard ? "hard" : "soft");
		if (ev->has_limit)
			printf(" %s", vgate_limit_name(ev->limit));
		printf(" dev %s dir %s spi %s\n", event_dev(ev, dev),
		       vgate_dir_name(ev->dir), cli_spi(ev->spi, spi));
		break;
	case VGATE_EVENT_ACCESS_DEL:
		printf("access-del %s", event_dev(ev, dev));
		if (ev->has_reason)
			printf(" reason %s", vgate_reason_name(ev->reason));
		printf("\n");
		break;
	case VGATE_EVENT_UNKNOWN_SPI:
		printf("unknown-spi %s", cli_spi(ev->spi, spi));
		if (ev->peer.family)
			printf(" peer %s", vgate_format_addr(&ev->peer, buf,
							     sizeof(buf)));
		if (ev->has_peer_port)
			printf(" sport %u", ev->peer_port);
		printf("\n");
		break;
	case VGATE_EVENT_LOST:
		printf("lost (notifications were dropped: receive buffer overrun)\n");
		break;
	}
	fflush(stdout);
}

static void monitor_cb(const struct vgate_event *ev, void *data)
{
	const struct cli_opts *opts = data;
	json_object *obj;

	if (!opts->json) {
		event_print(ev);
		return;
	}
	obj = event_json(ev);
	cli_print_json(obj, true);
	json_object_put(obj);
}

int cli_monitor(const struct cli_opts *opts, int argc, char **argv)
{
	struct vgate_genl g;

	(void)argv;
	if (argc != 0)
		return cli_usage_error("usage: monitor");
	if (cli_open(&g) < 0)
		return 1;
	/* Only returns on an error. */
	vgate_events_run(&g, monitor_cb, (void *)opts);
	return cli_kernel_fail(&g);
}
