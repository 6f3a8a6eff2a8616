// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `authorization-policy` objects (`crypto ikev2 authorization policy`,
 * spec §13): the group level of authorization; a user's `group` and a
 * profile's `authorization-group` name one.  The policy "default" always
 * exists (empty unless configured) and is the lowest level (spec §12).
 */
#include <string.h>

#include "common/xalloc.h"
#include "config/ikev2_build.h"

void ikev2_build_authz(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_authz *items = doc->authz.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->authz = xcalloc(doc->authz.count + 1, sizeof(*conf->authz));
	for (size_t i = 0; i < doc->authz.count; i++) {
		const struct ikev2_doc_authz *d = &items[i];
		struct conf_authz *a = &conf->authz[conf->n_authz++];
		struct build_obj o;

		build_obj_init(&o, ctx, d, "authorization-policy", d->name);
		a->name = xstrdup(d->name ? d->name : "");
		build_attrs(&o, &d->attrs, &a->attrs);
	}
	if (!build_doc_defines(&doc->authz, sizeof(*items), "default"))
		conf->authz[conf->n_authz++].name = xstrdup("default");
}
