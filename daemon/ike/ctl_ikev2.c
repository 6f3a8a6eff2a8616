// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The engine's answers to the control commands: IKE SAs and sessions
 * (with the kernel's counters for their CHILD SAs), the counters, and
 * clearing sessions.  The JSON member names are what vgatectl -j
 * prints; the text forms in ctl/cli_crypto.c follow IOS's layout.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/commands.h"
#include "dataplane/cli.h"
#include "dataplane/genl_sa.h"
#include "aaa/aaa.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

static void add_int(json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

static void add_addr(json_object *o, const char *addr_key,
		     const char *port_key, const struct sockaddr_storage *ss)
{
	char buf[INET6_ADDRSTRLEN] = "";
	unsigned int port;

	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
			  buf, sizeof(buf));
		port = ntohs(((const struct sockaddr_in *)ss)->sin_port);
	} else {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr,
			  buf, sizeof(buf));
		port = ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	}
	add_str(o, addr_key, buf);
	add_int(o, port_key, port);
}

static void add_hex(json_object *o, const char *k, const uint8_t *b, size_t n)
{
	char buf[2 * 8 + 1];

	for (size_t i = 0; i < n && i < 8; i++)
		snprintf(buf + 2 * i, 3, "%02x", b[i]);
	add_str(o, k, buf);
}

static json_object *prefixes_json(const struct vgate_prefix *p, unsigned int n)
{
	json_object *a = json_object_new_array();
	char buf[64];

	for (unsigned int i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(
			vgate_format_prefix(&p[i], buf, sizeof(buf))));
	return a;
}

/* The kernel's counters of SPI in DIR on the SA's device, if it has it. */
static json_object *kernel_stats(const struct vgate_sa *list, size_t n,
				 uint32_t dir, uint32_t spi)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].dir == dir && list[i].spi == spi)
			return cli_stats_json(&list[i].stats);
	return NULL;
}

static json_object *child_json(const struct child_sa *c,
			       const struct vgate_sa *ksa, size_t n_ksa)
{
	json_object *o = json_object_new_object();
	json_object *st;

	add_int(o, "spi_in", c->spi_in);
	add_int(o, "spi_out", c->spi_out);
	add_str(o, "encryption", c->encr->name);
	add_str(o, "integrity", c->integ ? c->integ->name : "none");
	json_object_object_add(o, "esn", json_object_new_boolean(c->esn));
	json_object_object_add(o, "ts_local", prefixes_json(c->ts_ours, c->n_ts_ours));
	json_object_object_add(o, "ts_remote", prefixes_json(c->ts_peer, c->n_ts_peer));
	if ((st = kernel_stats(ksa, n_ksa, VGATE_SA_DIR_IN, c->spi_in)))
		json_object_object_add(o, "stats_in", st);
	if ((st = kernel_stats(ksa, n_ksa, VGATE_SA_DIR_OUT, c->spi_out)))
		json_object_object_add(o, "stats_out", st);
	return o;
}

static const char *status_name(enum ike_sa_state s)
{
	switch (s) {
	case IKE_SA_HALF_OPEN:
	case IKE_SA_INIT_SENT:
	case IKE_SA_AUTH_SENT:
		return "IN-NEG";
	case IKE_SA_ESTABLISHED:
		return "READY";
	default:
		return "DELETE";
	}
}

/* A remote-access session's user, group and assigned addresses. */
static void ra_json(json_object *o, const struct ike_ra *ra)
{
	char buf[INET6_ADDRSTRLEN] = "";

	add_str(o, "user", ra ? ra->user : "");
	add_str(o, "group", ra ? ra->group : "");
	add_str(o, "vrf", ra ? ra->vrf : "");
	add_str(o, "assigned_ipv4", ra && ra->has_vip4 ?
		inet_ntop(AF_INET, &ra->vip4, buf, sizeof(buf)) : "");
	add_str(o, "assigned_ipv6", ra && ra->has_vip6 ?
		inet_ntop(AF_INET6, &ra->vip6, buf, sizeof(buf)) : "");
}

static json_object *sa_json(struct ike_engine *e, const struct ike_sa *sa)
{
	json_object *o = json_object_new_object();
	json_object *children = json_object_new_array();
	struct vgate_sa *ksa = NULL;
	size_t n_ksa = 0;
	char id[320];

	add_int(o, "id", (int64_t)sa->id);
	add_str(o, "status", status_name(sa->state));
	add_str(o, "role", sa->initiator ? "initiator" : "responder");
	add_addr(o, "local_addr", "local_port", &sa->local);
	add_addr(o, "remote_addr", "remote_port", &sa->peer);
	add_hex(o, "spi_i", sa->spi_i, 8);
	add_hex(o, "spi_r", sa->spi_r, 8);
	/* an SA of ours still in IKE_SA_INIT has no algorithms yet */
	add_str(o, "encryption", sa->suite.encr ? sa->suite.encr->name : "");
	add_str(o, "prf", sa->suite.prf ? sa->suite.prf->name : "");
	add_str(o, "integrity", sa->suite.integ ? sa->suite.integ->name : "none");
	add_str(o, "dh_group", sa->dh ? sa->dh->name : "");
	add_int(o, "dh_group_id", sa->dh ? sa->dh->id : 0);
	json_object_object_add(o, "nat_detected",
			       json_object_new_boolean(sa->nat_local || sa->nat_peer));
	add_str(o, "profile", sa->profile);
	add_str(o, "client", sa->client);
	conf_identity_format(&sa->id_local, id, sizeof(id));
	add_str(o, "local_id", sa->id_local.type ? id : "");
	conf_identity_format(&sa->id_remote, id, sizeof(id));
	add_str(o, "remote_id", sa->id_remote.type ? id : "");
	add_str(o, "interface", sa->access_name);
	ra_json(o, sa->ra);
	add_int(o, "lifetime", sa->lifetime_seconds);
	add_int(o, "active_time",
		sa->state == IKE_SA_ESTABLISHED ? ike_now() - sa->established : 0);
	if (sa->access_ifindex)
		vgate_sa_get(&e->genl, sa->access_ifindex, &ksa, &n_ksa);
	for (const struct child_sa *c = sa->children; c; c = c->next)
		json_object_array_add(children, child_json(c, ksa, n_ksa));
	free(ksa);
	json_object_object_add(o, "children", children);
	return o;
}

json_object *ike_engine_show_sa(struct ike_engine *e)
{
	json_object *a = json_object_new_array();
	struct ike_sa *sa, *tmp;

	HASH_ITER(hh, e->by_spi, sa, tmp)
		json_object_array_add(a, sa_json(e, sa));
	return a;
}

json_object *ike_engine_show_stats(struct ike_engine *e)
{
	json_object *o = json_object_new_object();
	json_object *c = json_object_new_object();

	add_int(o, "ike_sa", e->n_sa);
	add_int(o, "half_open", e->n_half_open);
	for (int i = 0; i < IKE_CNT_COUNT; i++)
		add_int(c, ike_counter_name(i), (int64_t)e->counters[i]);
	json_object_object_add(o, "counters", c);
	return o;
}

static bool peer_is(const struct ike_sa *sa, const struct vgate_addr *a)
{
	if (sa->peer.ss_family != a->family)
		return false;
	if (a->family == AF_INET)
		return !memcmp(&((const struct sockaddr_in *)&sa->peer)->sin_addr,
			       a->bytes, 4);
	return !memcmp(&((const struct sockaddr_in6 *)&sa->peer)->sin6_addr,
		       a->bytes, 16);
}

int ike_engine_clear(struct ike_engine *e, const char *what,
		     const char *value, char *error, size_t error_len)
{
	struct ike_sa *sa, *tmp;
	struct vgate_addr addr;
	unsigned long long id = 0;
	char *end;
	int n = 0;

	if (!strcmp(what, "peer")) {
		if (!value || vgate_parse_addr(value, &addr, error, error_len) < 0)
			return -1;
	} else if (!strcmp(what, "id")) {
		id = value ? strtoull(value, &end, 10) : 0;
		if (!value || !*value || *end || !id) {
			snprintf(error, error_len, "session id must be a positive number, not \"%s\"",
				 value ? value : "");
			return -1;
		}
	} else if (!strcmp(what, "user")) {
		if (!value || !*value) {
			snprintf(error, error_len, "logoff by user needs a user name");
			return -1;
		}
	} else if (strcmp(what, "all")) {
		snprintf(error, error_len,
			 "clear takes all, peer ADDR, id N or user NAME, not \"%s\"", what);
		return -1;
	}
	HASH_ITER(hh, e->by_spi, sa, tmp) {
		if ((!strcmp(what, "peer") && !peer_is(sa, &addr)) ||
		    (id && sa->id != id) ||
		    (!strcmp(what, "user") && (!sa->ra || strcmp(sa->ra->user, value))))
			continue;
		ike_send_delete(e, sa);
		ike_sa_destroy(e, sa, "cleared by the operator");
		n++;
	}
	return n;
}

/* The engine runs only when a profile is configured (spec §1). */
static bool running(void *ctx, char *error, size_t error_len)
{
	if (!ctx)
		snprintf(error, error_len, "IKEv2 is off: no profile is configured");
	return ctx != NULL;
}

static json_object *cmd_show_sa(void *ctx, json_object *args, char *error,
				size_t error_len)
{
	(void)args;
	return running(ctx, error, error_len) ? ike_engine_show_sa(ctx) : NULL;
}

static json_object *cmd_show_stats(void *ctx, json_object *args, char *error,
				   size_t error_len)
{
	(void)args;
	return running(ctx, error, error_len) ? ike_engine_show_stats(ctx) : NULL;
}

static const char *arg_string(json_object *args, const char *key)
{
	json_object *v;

	if (!args || !json_object_object_get_ex(args, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *cmd_clear(void *ctx, json_object *args, char *error,
			      size_t error_len)
{
	const char *what = arg_string(args, "what");
	json_object *o;
	int n;

	if (!running(ctx, error, error_len))
		return NULL;
	n = ike_engine_clear(ctx, what ? what : "all", arg_string(args, "value"),
			     error, error_len);
	if (n < 0)
		return NULL;
	o = json_object_new_object();
	add_int(o, "cleared", n);
	return o;
}

/* `crypto ikev2 client flexvpn connect NAME` */
static json_object *cmd_client_connect(void *ctx, json_object *args,
				       char *error, size_t error_len)
{
	const char *name = arg_string(args, "name");
	json_object *o;

	if (!running(ctx, error, error_len))
		return NULL;
	if (!name) {
		snprintf(error, error_len, "client-connect needs a \"name\"");
		return NULL;
	}
	if (ike_client_connect(ctx, name, error, error_len) < 0)
		return NULL;
	o = json_object_new_object();
	add_str(o, "connecting", name);
	return o;
}

static void pool_json(void *ctx, const struct aaa_pool_usage *u)
{
	json_object *o = json_object_new_object();

	add_str(o, "name", u->name);
	add_str(o, "family", u->family == AF_INET ? "ipv4" : "ipv6");
	add_str(o, "range", u->range);
	add_int(o, "size", (int64_t)u->size);
	add_int(o, "in_use", (int64_t)u->in_use);
	add_int(o, "free", (int64_t)(u->size - u->in_use));
	json_object_object_add(o, "removed", json_object_new_boolean(u->removed));
	json_object_array_add(ctx, o);
}

/* `show ip local pool` */
static json_object *cmd_show_pools(void *ctx, json_object *args, char *error,
				   size_t error_len)
{
	struct ike_engine *e = ctx;
	json_object *a;

	(void)args;
	if (!running(ctx, error, error_len))
		return NULL;
	a = json_object_new_array();
	aaa_pools_foreach(e->pools, pool_json, a);
	return a;
}

const struct ctl_command ike_ctl_commands[] = {
	{ "show-ip-local-pool", cmd_show_pools },
	{ "show-ikev2-sa", cmd_show_sa },
	{ "show-ikev2-stats", cmd_show_stats },
	{ "clear-session", cmd_clear },
	{ "client-connect", cmd_client_connect },
};
const size_t ike_ctl_n_commands =
	sizeof(ike_ctl_commands) / sizeof(ike_ctl_commands[0]);
