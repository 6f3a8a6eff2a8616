// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ctl/cli_crypto.h"
#include "ctl/client.h"
#include "dataplane/cli.h"

/* The reply's data for COMMAND, or NULL after printing why (*REPLY to free). */
static json_object *call(const struct cli_daemon *d, const char *command,
			 json_object *args, json_object **reply)
{
	json_object *ok, *field, *data;
	char error[512];

	*reply = ctl_client_call(d->socket_path, command, args, error,
				 sizeof(error));
	if (!*reply) {
		fprintf(stderr, "vgatectl: %s\n", error);
		return NULL;
	}
	if (!json_object_object_get_ex(*reply, "ok", &ok) ||
	    !json_object_get_boolean(ok)) {
		json_object_object_get_ex(*reply, "error", &field);
		fprintf(stderr, "vgatectl: vgated: %s\n",
			field ? json_object_get_string(field) : "request failed");
		return NULL;
	}
	if (!json_object_object_get_ex(*reply, "data", &data)) {
		fprintf(stderr, "vgatectl: vgated sent a reply without data\n");
		return NULL;
	}
	return data;
}

static const char *str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ?
		json_object_get_string(v) : "";
}

static int64_t num(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ?
		json_object_get_int64(v) : 0;
}

int cli_status(const struct cli_daemon *d)
{
	json_object *reply, *data = call(d, "status", NULL, &reply);

	if (data && d->json)
		cli_print_json(data, false);
	else if (data)
		printf("vgated %s, pid %" PRId64 ", up %" PRId64 "s, config %s\n",
		       str(data, "version"), num(data, "pid"),
		       num(data, "uptime"), str(data, "config"));
	json_object_put(reply);
	return data ? 0 : 1;
}

static void print_prefixes(const char *label, json_object *child,
			   const char *key)
{
	json_object *a;

	printf("        %s", label);
	if (json_object_object_get_ex(child, key, &a))
		for (size_t i = 0; i < json_object_array_length(a); i++)
			printf(" %s", json_object_get_string(
				json_object_array_get_idx(a, i)));
	printf("\n");
}

static void print_child(json_object *c, bool detail)
{
	json_object *st;

	printf("      Child SA: SPI in 0x%08" PRIx64 " out 0x%08" PRIx64
	       ", %s, integrity %s%s\n",
	       num(c, "spi_in"), num(c, "spi_out"), str(c, "encryption"),
	       str(c, "integrity"),
	       json_object_get_boolean(json_object_object_get(c, "esn")) ?
	       ", ESN" : "");
	print_prefixes("Local selectors: ", c, "ts_local");
	print_prefixes("Remote selectors:", c, "ts_remote");
	if (!detail)
		return;
	if (json_object_object_get_ex(c, "stats_in", &st))
		printf("        inbound:  %" PRId64 " packets, %" PRId64
		       " bytes, %" PRId64 " replay, %" PRId64 " auth failures\n",
		       num(st, "rx_packets"), num(st, "rx_bytes"),
		       num(st, "replay"), num(st, "auth_fail"));
	if (json_object_object_get_ex(c, "stats_out", &st))
		printf("        outbound: %" PRId64 " packets, %" PRId64 " bytes\n",
		       num(st, "tx_packets"), num(st, "tx_bytes"));
}

/* `show crypto ikev2 sa [detailed]`, IOS's columns. */
static void print_ikev2_sa(json_object *list, bool detail)
{
	printf(" Tunnel-id Local                                   Remote                                  Status\n");
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *sa = json_object_array_get_idx(list, i);
		json_object *children;
		char local[80], remote[80];

		snprintf(local, sizeof(local), "%s/%" PRId64,
			 str(sa, "local_addr"), num(sa, "local_port"));
		snprintf(remote, sizeof(remote), "%s/%" PRId64,
			 str(sa, "remote_addr"), num(sa, "remote_port"));
		printf("%-10" PRId64 " %-39s %-39s %s\n", num(sa, "id"), local,
		       remote, str(sa, "status"));
		printf("      Encr: %s, PRF: %s, Hash: %s, DH Grp: %" PRId64
		       " (%s), Auth sign: PSK, Auth verify: PSK\n",
		       str(sa, "encryption"), str(sa, "prf"), str(sa, "integrity"),
		       num(sa, "dh_group_id"), str(sa, "dh_group"));
		printf("      Life/Active Time: %" PRId64 "/%" PRId64 " sec\n",
		       num(sa, "lifetime"), num(sa, "active_time"));
		if (!detail)
			continue;
		printf("      Profile: %s, role: %s, interface: %s\n",
		       str(sa, "profile"), str(sa, "role"),
		       str(sa, "interface")[0] ? str(sa, "interface") : "-");
		printf("      Local spi: %s       Remote spi: %s\n",
		       str(sa, str(sa, "role")[0] == 'r' ? "spi_r" : "spi_i"),
		       str(sa, str(sa, "role")[0] == 'r' ? "spi_i" : "spi_r"));
		printf("      Local id: %s\n      Remote id: %s\n",
		       str(sa, "local_id"), str(sa, "remote_id"));
		printf("      NAT-T is %s\n",
		       json_object_get_boolean(json_object_object_get(sa, "nat_detected")) ?
		       "detected" : "not detected");
		if (json_object_object_get_ex(sa, "children", &children))
			for (size_t j = 0; j < json_object_array_length(children); j++)
				print_child(json_object_array_get_idx(children, j),
					    false);
	}
}

/* `show crypto session [detail]`: one block per session. */
static void print_sessions(json_object *list, bool detail)
{
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *sa = json_object_array_get_idx(list, i);
		json_object *children;

		printf("Interface: %s\n", str(sa, "interface")[0] ?
		       str(sa, "interface") : "-");
		printf("Profile: %s\n", str(sa, "profile"));
		printf("Session status: %s\n",
		       !strcmp(str(sa, "status"), "READY") ? "UP-ACTIVE" : "UP-NO-IKE");
		printf("Peer: %s port %" PRId64 "\n", str(sa, "remote_addr"),
		       num(sa, "remote_port"));
		printf("  Session ID: %" PRId64 "\n", num(sa, "id"));
		printf("  Remote id: %s\n", str(sa, "remote_id"));
		if (str(sa, "user")[0])
			printf("  User: %s  Group: %s\n", str(sa, "user"),
			       str(sa, "group")[0] ? str(sa, "group") : "-");
		if (str(sa, "assigned_ipv4")[0] || str(sa, "assigned_ipv6")[0])
			printf("  Assigned address: %s%s%s\n", str(sa, "assigned_ipv4"),
			       str(sa, "assigned_ipv4")[0] && str(sa, "assigned_ipv6")[0] ? " " : "",
			       str(sa, "assigned_ipv6"));
		if (str(sa, "vrf")[0])
			printf("  Inside VRF: %s\n", str(sa, "vrf"));
		printf("  IKEv2 SA: local %s/%" PRId64 " remote %s/%" PRId64
		       " %s, uptime %" PRId64 " s\n",
		       str(sa, "local_addr"), num(sa, "local_port"),
		       str(sa, "remote_addr"), num(sa, "remote_port"),
		       !strcmp(str(sa, "status"), "READY") ? "Active" : "Negotiating",
		       num(sa, "active_time"));
		if (json_object_object_get_ex(sa, "children", &children))
			for (size_t j = 0; j < json_object_array_length(children); j++)
				print_child(json_object_array_get_idx(children, j),
					    detail);
		printf("\n");
	}
}

static void print_stats(json_object *s)
{
	json_object *counters;

	printf("IKE SAs: %" PRId64 ", half-open: %" PRId64 "\n",
	       num(s, "ike_sa"), num(s, "half_open"));
	if (!json_object_object_get_ex(s, "counters", &counters))
		return;
	json_object_object_foreach(counters, key, val)
		printf("  %-22s %" PRId64 "\n", key, json_object_get_int64(val));
}

/* `show ip local pool`: IOS's columns. */
static void print_pools(json_object *list)
{
	printf("%-16s %-40s %8s %8s %8s\n", "Pool", "Range", "Size", "In use",
	       "Free");
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *p = json_object_array_get_idx(list, i);

		printf("%-16s %-40s %8" PRId64 " %8" PRId64 " %8" PRId64 "%s\n",
		       str(p, "name"), str(p, "range"), num(p, "size"),
		       num(p, "in_use"), num(p, "free"),
		       !strcmp(str(p, "removed"), "true") ? "  (removed, draining)" : "");
	}
}

int cli_show(const struct cli_daemon *d, int argc, char **argv)
{
	enum { IKEV2_SA, SESSION, STATS, POOLS } what;
	json_object *reply, *data;
	bool detail = false;

	if (argc >= 3 && !strcmp(argv[0], "crypto") && !strcmp(argv[1], "ikev2") &&
	    !strcmp(argv[2], "sa") &&
	    (argc == 3 || (argc == 4 && !strcmp(argv[3], "detailed")))) {
		what = IKEV2_SA;
		detail = argc == 4;
	} else if (argc == 3 && !strcmp(argv[0], "crypto") &&
		   !strcmp(argv[1], "ikev2") && !strcmp(argv[2], "stats")) {
		what = STATS;
	} else if (argc >= 2 && !strcmp(argv[0], "crypto") &&
		   !strcmp(argv[1], "session") &&
		   (argc == 2 || (argc == 3 && !strcmp(argv[2], "detail")))) {
		what = SESSION;
		detail = argc == 3;
	} else if (argc == 3 && !strcmp(argv[0], "ip") && !strcmp(argv[1], "local") &&
		   !strcmp(argv[2], "pool")) {
		what = POOLS;
	} else {
		return cli_usage_error("show takes: crypto ikev2 sa [detailed], crypto ikev2 stats, crypto session [detail], ip local pool");
	}
	data = call(d, what == STATS ? "show-ikev2-stats" :
		       what == POOLS ? "show-ip-local-pool" : "show-ikev2-sa",
		    NULL, &reply);
	if (data && d->json)
		cli_print_json(data, false);
	else if (data && what == IKEV2_SA)
		print_ikev2_sa(data, detail);
	else if (data && what == SESSION)
		print_sessions(data, detail);
	else if (data && what == POOLS)
		print_pools(data);
	else if (data)
		print_stats(data);
	json_object_put(reply);
	return data ? 0 : 1;
}

int cli_clear(const struct cli_daemon *d, int argc, char **argv)
{
	json_object *reply, *data, *args;

	if (argc < 2 || strcmp(argv[0], "crypto") || strcmp(argv[1], "session") ||
	    argc > 4 || (argc == 3 && strcmp(argv[2], "all")) ||
	    (argc == 4 && strcmp(argv[2], "peer") && strcmp(argv[2], "id")))
		return cli_usage_error("clear takes: crypto session [all | peer ADDR | id N]");
	args = json_object_new_object();
	json_object_object_add(args, "what",
			       json_object_new_string(argc >= 3 ? argv[2] : "all"));
	if (argc == 4)
		json_object_object_add(args, "value", json_object_new_string(argv[3]));
	data = call(d, "clear-session", args, &reply);
	if (data && d->json)
		cli_print_json(data, false);
	else if (data)
		printf("%" PRId64 " session(s) cleared\n", num(data, "cleared"));
	json_object_put(reply);
	return data ? 0 : 1;
}

int cli_client(const struct cli_daemon *d, int argc, char **argv)
{
	json_object *reply, *data, *args;

	if (argc != 2 || strcmp(argv[0], "connect"))
		return cli_usage_error("client takes: connect NAME");
	args = json_object_new_object();
	json_object_object_add(args, "name", json_object_new_string(argv[1]));
	data = call(d, "client-connect", args, &reply);
	if (data && d->json)
		cli_print_json(data, false);
	else if (data)
		printf("client %s: connecting\n", argv[1]);
	json_object_put(reply);
	return data ? 0 : 1;
}

/* `vpn-sessiondb logoff {all | name USER | index N}` (spec ch6-13 §14). */
int cli_logoff(const struct cli_daemon *d, int argc, char **argv)
{
	json_object *reply, *data, *args;
	const char *what;

	if (argc == 1 && !strcmp(argv[0], "all"))
		what = "all";
	else if (argc == 2 && !strcmp(argv[0], "name"))
		what = "user";
	else if (argc == 2 && !strcmp(argv[0], "index"))
		what = "id";
	else
		return cli_usage_error("logoff takes: all | name USER | index N");
	args = json_object_new_object();
	json_object_object_add(args, "what", json_object_new_string(what));
	if (argc == 2)
		json_object_object_add(args, "value", json_object_new_string(argv[1]));
	data = call(d, "clear-session", args, &reply);
	if (data && d->json)
		cli_print_json(data, false);
	else if (data)
		printf("INFO: Number of sessions%s%s%s logged off : %" PRId64 "\n",
		       argc == 2 ? (strcmp(what, "user") ? " with index \"" : " with name \"") : "",
		       argc == 2 ? argv[1] : "", argc == 2 ? "\"" : "",
		       num(data, "cleared"));
	json_object_put(reply);
	return data ? 0 : 1;
}
