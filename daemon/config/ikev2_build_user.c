// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `user` objects: the local user database, FlexVPN's "user" level of
 * authorization (spec §12) and the credentials the EAP methods check.
 * Sorted by name afterwards, for conf_user_find().
 */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"

static void build_credentials(const struct build_obj *o,
			      const struct ikev2_doc_user *d, struct conf_user *u)
{
	uint8_t *hash = NULL;
	size_t len = 0;

	if (d->password && !*d->password)
		obj_error(o, "password", "is empty");
	else if (d->password)
		u->password = xstrdup(d->password);
	if (d->nt_hash) {
		if (conf_parse_hex(d->nt_hash, &hash, &len) || len != sizeof(u->nt_hash))
			obj_error(o, "nt-hash", "must be 32 hex digits (the MD4 of "
				  "the UTF-16LE password)");
		else
			memcpy(u->nt_hash, hash, len);
		u->has_nt_hash = hash && len == sizeof(u->nt_hash);
		if (hash)
			explicit_bzero(hash, len);
		free(hash);
	}
	/* crypt(3)'s modular form: $id$[params$]salt$hash */
	if (d->password_hash && (d->password_hash[0] != '$' ||
				 !strchr(d->password_hash + 1, '$')))
		obj_error(o, "password-hash", "must be in crypt(3) form, e.g. "
			  "\"$6$salt$...\" or \"$y$...\"");
	else if (d->password_hash)
		u->password_hash = xstrdup(d->password_hash);
	if (!d->password && !d->nt_hash && !d->password_hash)
		obj_error(o, NULL, "needs a password, nt-hash or password-hash");
}

/* A fixed address of FAMILY (Framed-IP-Address), into OUT. */
static bool fixed_address(const struct build_obj *o, const char *key,
			  const char *text, sa_family_t family, void *out)
{
	uint8_t addr[16];
	sa_family_t f;

	if (!text)
		return false;
	if (conf_parse_address(text, &f, addr) || f != family) {
		obj_error(o, key, "\"%s\" is not an %s address", text,
			  family == AF_INET ? "IPv4" : "IPv6");
		return false;
	}
	memcpy(out, addr, family == AF_INET ? 4 : 16);
	return true;
}

static int by_name(const void *a, const void *b)
{
	const struct conf_user *x = a, *y = b;

	return strcmp(x->name, y->name);
}

void ikev2_build_users(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_user *items = doc->users.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->users = xcalloc(doc->users.count + 1, sizeof(*conf->users));
	for (size_t i = 0; i < doc->users.count; i++) {
		const struct ikev2_doc_user *d = &items[i];
		struct conf_user *u = &conf->users[conf->n_users++];
		struct build_obj o;

		build_obj_init(&o, ctx, d, "user", d->name);
		u->name = xstrdup(d->name ? d->name : "");
		build_credentials(&o, d, u);
		if (d->group && !(u->group = conf_authz_find(conf, d->group)))
			build_unknown_ref(&o, "group", "authorization-policy", d->group);
		build_attrs(&o, &d->attrs, &u->attrs);
		u->attrs.has_address = fixed_address(&o, "address", d->address,
						     AF_INET, &u->attrs.address);
		u->attrs.has_ipv6_address = fixed_address(&o, "ipv6-address",
							  d->ipv6_address, AF_INET6,
							  &u->attrs.ipv6_address);
	}
	/* Duplicate names were refused by the loader. */
	qsort(conf->users, conf->n_users, sizeof(*conf->users), by_name);
}
