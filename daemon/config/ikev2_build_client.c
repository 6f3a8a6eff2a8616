// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `client` objects (spec §21, `crypto ikev2 client flexvpn NAME`): the
 * peers vgated initiates to, in order, the profile that says how, the
 * traffic selectors it proposes and the IDr it asks for.  What the
 * profile needs in order to initiate is checked here too: a local
 * method vgated can perform, and a key for every peer.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"

#define IKE_PORT 500

static const struct ikev2_doc_profile *doc_profile(const struct ikev2_doc *doc,
						   const char *name)
{
	const struct ikev2_doc_profile *items = doc->profiles.items;

	for (size_t i = 0; name && i < doc->profiles.count; i++)
		if (items[i].name && !strcmp(items[i].name, name))
			return &items[i];
	return NULL;
}

bool build_profile_has_client(const struct ikev2_doc *doc, const char *name)
{
	const struct ikev2_doc_client *items = doc->clients.items;

	for (size_t i = 0; name && i < doc->clients.count; i++)
		if (items[i].profile && !strcmp(items[i].profile, name))
			return true;
	return false;
}

static void endpoint_format(const struct sockaddr_storage *ss, char *buf,
			    size_t len)
{
	const void *addr = ss->ss_family == AF_INET
		? (const void *)&((const struct sockaddr_in *)ss)->sin_addr
		: (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr;

	if (!inet_ntop(ss->ss_family, addr, buf, len))
		snprintf(buf, len, "?");
}

static bool same_endpoint(const struct sockaddr_storage *a,
			  const struct sockaddr_storage *b)
{
	const struct sockaddr_in *a4 = (const void *)a, *b4 = (const void *)b;
	const struct sockaddr_in6 *a6 = (const void *)a, *b6 = (const void *)b;

	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return a4->sin_port == b4->sin_port &&
		       a4->sin_addr.s_addr == b4->sin_addr.s_addr;
	return a6->sin6_port == b6->sin6_port &&
	       !memcmp(&a6->sin6_addr, &b6->sin6_addr, 16);
}

/*
 * "needs at least one ..." for an empty LIST: at its line when written
 * as [ ], else for the object (unless a refused value is there).
 */
static void need_one(const struct build_obj *o, const char *key,
		     const struct cfg_strings *list, const char *what)
{
	if (list->count)
		return;
	if (list->items)
		obj_error(o, key, "needs at least one %s", what);
	else
		obj_missing(o, key, "needs at least one %s", what);
}

static void build_peers(const struct build_obj *o,
			const struct ikev2_doc_client *d, struct conf_client *c)
{
	for (size_t i = 0; i < d->peer.count; i++) {
		const char *text = d->peer.items[i];
		struct sockaddr_storage *ss = &c->peers[c->n_peers];
		const char *why = conf_parse_endpoint(text, IKE_PORT, ss);
		bool twice = false;

		if (why) {
			obj_error(o, "peer", "\"%s\": %s", text, why);
			continue;
		}
		for (unsigned int j = 0; j < c->n_peers && !twice; j++)
			twice = same_endpoint(&c->peers[j], ss);
		if (twice)
			obj_error(o, "peer", "\"%s\" is listed twice", text);
		else
			c->n_peers++;
	}
	need_one(o, "peer", &d->peer, "peer");
}

static unsigned int build_selectors(const struct build_obj *o, const char *key,
				    const char *what, const struct cfg_strings *list,
				    struct conf_prefix *out)
{
	unsigned int n = 0;

	for (size_t i = 0; i < list->count; i++) {
		const char *text = list->items[i];
		const char *why = conf_parse_prefix(text, &out[n]);

		if (why)
			obj_error(o, key, "\"%s\" %s", text, why);
		else if (out[n].family == AF_UNSPEC)
			obj_error(o, key, "\"%s\" is not a traffic selector: write "
				  "0.0.0.0/0 and/or ::/0", text);
		else
			n++;
	}
	need_one(o, key, list, what);
	return n;
}

/* A CHILD SA needs a local and a remote selector of one family. */
static void check_families(const struct build_obj *o, const struct conf_client *c)
{
	for (unsigned int i = 0; i < c->n_local_ts; i++)
		for (unsigned int j = 0; j < c->n_remote_ts; j++)
			if (c->local_ts[i].family == c->remote_ts[j].family)
				return;
	if (c->n_local_ts && c->n_remote_ts)
		obj_error(o, "remote-selectors", "no remote selector has the "
			  "address family of a local one");
}

/*
 * With pre-share, ours or the peer's, every peer needs a key, found the
 * initiator's way (spec §5): identity entries are for responders.
 */
static void check_keys(const struct build_obj *o, const struct conf_client *c)
{
	const struct conf_profile *p = c->profile;
	char addr[INET6_ADDRSTRLEN];

	if (!((p->auth_local | p->auth_remote) & CONF_AUTH_PSK) || !p->keyring)
		return;
	for (unsigned int i = 0; i < c->n_peers; i++) {
		if (conf_keyring_lookup_peer(p->keyring, NULL,
					     (const struct sockaddr *)&c->peers[i]))
			continue;
		endpoint_format(&c->peers[i], addr, sizeof(addr));
		obj_error(o, "peer", "no pre-shared key for peer %s in keyring \"%s\"",
			  addr, p->keyring->name);
	}
}

static void build_profile_ref(const struct build_obj *o,
			      const struct ikev2_doc *doc,
			      const struct ikev2_doc_client *d,
			      struct conf_client *c)
{
	const struct ikev2_doc_profile *dp;

	if (!d->profile) {
		obj_missing(o, "profile", "needs a profile");
		return;
	}
	c->profile = conf_profile_find(o->ctx->conf, d->profile);
	if (!c->profile) {
		build_unknown_ref(o, "profile", "profile", d->profile);
		return;
	}
	/* The profile refused eap already; say why it matters here. */
	dp = doc_profile(doc, d->profile);
	if (dp && dp->authentication_local &&
	    !strcmp(dp->authentication_local, "eap"))
		obj_error(o, "profile", "profile \"%s\" authenticates locally with "
			  "eap, and vgated has no EAP client", d->profile);
	check_keys(o, c);
}

static void build_identity_remote(const struct build_obj *o,
				  const struct ikev2_doc_client *d,
				  struct conf_client *c)
{
	const char *why;
	char text[300];

	if (!d->identity_remote)
		return;
	why = conf_identity_parse(d->identity_remote, false, &c->identity_remote);
	if (why) {
		obj_error(o, "identity-remote", "\"%s\": %s", d->identity_remote, why);
		memset(&c->identity_remote, 0, sizeof(c->identity_remote));
		return;
	}
	/* The engine checks the IDr we get against these. */
	if (c->profile && c->profile->n_match_identity &&
	    !conf_profile_matches_identity(c->profile, &c->identity_remote)) {
		conf_identity_format(&c->identity_remote, text, sizeof(text));
		obj_warning(o, "identity-remote", "%s matches no "
			    "match-identity-remote of profile \"%s\", so a peer "
			    "that answers with it is refused", text,
			    c->profile->name);
	}
}

static int by_name(const void *a, const void *b)
{
	const struct conf_client *x = a, *y = b;

	return strcmp(x->name, y->name);
}

void ikev2_build_clients(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_client *items = doc->clients.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->clients = xcalloc(doc->clients.count + 1, sizeof(*conf->clients));
	for (size_t i = 0; i < doc->clients.count; i++) {
		const struct ikev2_doc_client *d = &items[i];
		struct conf_client *c = &conf->clients[conf->n_clients++];
		struct build_obj o;

		build_obj_init(&o, ctx, d, "client", d->name);
		c->name = xstrdup(d->name ? d->name : "");
		build_peers(&o, d, c);
		build_profile_ref(&o, doc, d, c);
		c->n_local_ts = build_selectors(&o, "local-selectors",
						"local selector", &d->local_selectors, c->local_ts);
		c->n_remote_ts = build_selectors(&o, "remote-selectors",
						 "remote selector", &d->remote_selectors, c->remote_ts);
		check_families(&o, c);
		build_identity_remote(&o, d, c);
		c->auto_connect = d->connect == 0;
	}
	/* for conf_client_find; duplicate names were refused by the loader */
	qsort(conf->clients, conf->n_clients, sizeof(*conf->clients), by_name);
}
