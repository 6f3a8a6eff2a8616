// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `keyring` objects and their peers (spec §5): each peer has a key
 * (symmetric, or a local+remote pair) and something to find it by.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"
#include "ike/codec_constants.h"

/* One key from its text or hex form (at most one of them may be set). */
static bool one_key(const struct build_obj *o, const char *text_key,
		    const char *text, const char *hex_key, const char *hex,
		    uint8_t **out, size_t *len)
{
	const char *why;

	if (text && hex) {
		obj_error(o, hex_key, "%s is set too; give one of them", text_key);
		return false;
	}
	if (text) {
		if (!*text) {
			obj_error(o, text_key, "is empty");
			return false;
		}
		*len = strlen(text);
		*out = xcalloc(1, *len);
		memcpy(*out, text, *len);
		return true;
	}
	if (!hex)
		return false;
	why = conf_parse_hex(hex, out, len);
	if (why)
		obj_error(o, hex_key, "%s", why);
	return !why;
}

static void build_keys(const struct build_obj *o, const struct ikev2_doc_peer *d,
		       struct conf_keyring_peer *p)
{
	bool sym = d->psk || d->psk_hex;
	bool local = d->psk_local || d->psk_local_hex;
	bool remote = d->psk_remote || d->psk_remote_hex;

	if (sym && (local || remote)) {
		obj_error(o, NULL, "has both a symmetric pre-shared-key and a "
			  "local/remote pair; give one or the other");
	} else if (!sym && !local && !remote) {
		obj_error(o, NULL, "needs a pre-shared-key (or "
			  "pre-shared-key-local and pre-shared-key-remote)");
	} else if (!sym && local != remote) {
		obj_error(o, NULL, "needs both pre-shared-key-local and "
			  "pre-shared-key-remote");
	} else if (sym) {
		/* Symmetric: one key, both pointers (ikev2_conf.h). */
		if (one_key(o, "pre-shared-key", d->psk, "pre-shared-key-hex",
			    d->psk_hex, &p->key_local, &p->key_local_len)) {
			p->key_remote = p->key_local;
			p->key_remote_len = p->key_local_len;
		}
	} else {
		one_key(o, "pre-shared-key-local", d->psk_local,
			"pre-shared-key-local-hex", d->psk_local_hex,
			&p->key_local, &p->key_local_len);
		one_key(o, "pre-shared-key-remote", d->psk_remote,
			"pre-shared-key-remote-hex", d->psk_remote_hex,
			&p->key_remote, &p->key_remote_len);
	}
}

struct id_ref {
	const struct conf_identity *id;
	unsigned int index;
};

/* Identities in conf_identity_order, equal ones in config order. */
static int id_order(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;
	int d = conf_identity_order(x->id, y->id);

	return d ? d : (int)x->index - (int)y->index;
}

/*
 * FIRST[i]: the earlier peer with peer i's identity, or -1; and the
 * keyring's by_identity index for conf_keyring_lookup().  Sorted, not
 * pairwise, as a keyring may hold thousands of clients; DNs are also
 * compared pairwise, as names, since two encodings may be one name.
 */
static void index_identities(struct conf_keyring *kr, int *first)
{
	struct id_ref *v = xcalloc(kr->n_peers + 1, sizeof(*v));
	unsigned int n = 0;

	for (unsigned int i = 0; i < kr->n_peers; i++) {
		first[i] = -1;
		if (kr->peers[i].has_identity)
			v[n++] = (struct id_ref){ &kr->peers[i].identity, i };
	}
	qsort(v, n, sizeof(*v), id_order);
	kr->by_identity = xcalloc(n + 1, sizeof(*kr->by_identity));
	for (unsigned int k = 0, run = 0; k < n; k++) {
		if (conf_identity_order(v[k].id, v[run].id))
			run = k;
		else if (k != run)
			first[v[k].index] = v[run].index;
		kr->by_identity[kr->n_by_identity++] = v[k].index;
	}
	for (unsigned int k = 0; k < n; k++)
		for (unsigned int j = 0; v[k].id->type == IKEV2_ID_DER_ASN1_DN &&
					 first[v[k].index] < 0 && j < n; j++)
			if (v[j].index < v[k].index &&
			    v[j].id->type == IKEV2_ID_DER_ASN1_DN &&
			    conf_identity_equal(v[j].id, v[k].id))
				first[v[k].index] = v[j].index;
	free(v);
}

/* The same identity under two peers makes the key ambiguous (spec §5). */
static void check_identities_unique(struct build_ctx *ctx,
				    const struct ikev2_doc_keyring *dk,
				    struct conf_keyring *kr)
{
	const struct ikev2_doc_peer *peers = dk->peers.items;
	int *first = xcalloc(kr->n_peers + 1, sizeof(*first));
	char what[160], text[300];

	snprintf(what, sizeof(what), "keyring \"%s\" peer", dk->name ? dk->name : "?");
	index_identities(kr, first);
	for (unsigned int i = 0; i < kr->n_peers; i++) {
		struct build_obj o, prev_o;
		const struct cfg_loc *loc;

		if (first[i] < 0)
			continue;
		build_obj_init(&o, ctx, &peers[i], what, peers[i].name);
		build_obj_init(&prev_o, ctx, &peers[first[i]], what, NULL);
		loc = obj_loc(&prev_o, "identity");
		conf_identity_format(&kr->peers[i].identity, text, sizeof(text));
		obj_error(&o, "identity", "%s is already the identity of peer \"%s\" (%s:%d)",
			  text, kr->peers[first[i]].name, loc ? loc->file : "?",
			  loc ? loc->line : 0);
	}
	free(first);
}

static void build_peer(struct build_ctx *ctx, const struct ikev2_doc_keyring *dk,
		       const struct ikev2_doc_peer *d, struct conf_keyring_peer *p)
{
	char what[160];
	const char *why;
	struct build_obj o;

	snprintf(what, sizeof(what), "keyring \"%s\" peer", dk->name ? dk->name : "?");
	build_obj_init(&o, ctx, d, what, d->name);
	p->name = xstrdup(d->name ? d->name : "");
	if (d->hostname)
		p->hostname = xstrdup(d->hostname);
	if (d->address) {
		why = conf_parse_prefix(d->address, &p->address);
		if (why)
			obj_error(&o, "address", "\"%s\" %s", d->address, why);
		p->has_address = !why;
	}
	if (d->identity) {
		why = conf_identity_parse(d->identity, false, &p->identity);
		if (why)
			obj_error(&o, "identity", "\"%s\": %s", d->identity, why);
		p->has_identity = !why;
	}
	if (!d->address && !d->identity && !d->hostname)
		obj_error(&o, NULL, "needs an address, identity or hostname to be found by");
	build_keys(&o, d, p);
}

void ikev2_build_keyrings(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_keyring *items = doc->keyrings.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->keyrings = xcalloc(doc->keyrings.count + 1, sizeof(*conf->keyrings));
	for (size_t i = 0; i < doc->keyrings.count; i++) {
		const struct ikev2_doc_keyring *dk = &items[i];
		const struct ikev2_doc_peer *peers = dk->peers.items;
		struct conf_keyring *kr = &conf->keyrings[conf->n_keyrings++];
		struct build_obj o;

		build_obj_init(&o, ctx, dk, "keyring", dk->name);
		kr->name = xstrdup(dk->name ? dk->name : "");
		kr->peers = xcalloc(dk->peers.count + 1, sizeof(*kr->peers));
		for (size_t j = 0; j < dk->peers.count; j++) {
			kr->n_peers++;
			build_peer(ctx, dk, &peers[j], &kr->peers[j]);
		}
		check_identities_unique(ctx, dk, kr);
		if (!dk->peers.count)
			obj_missing(&o, "peer", "needs at least one peer");
	}
}
