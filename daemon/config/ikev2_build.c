// SPDX-License-Identifier: GPL-2.0-or-later
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "common/xalloc.h"
#include "config/ikev2_build.h"

void build_obj_init(struct build_obj *o, struct build_ctx *ctx,
		    const void *doc, const char *section, const char *name)
{
	o->ctx = ctx;
	o->doc = doc;
	/* NAME NULL: a group section such as ikev2, named by itself. */
	if (!name)
		snprintf(o->where, sizeof(o->where), "%s", section);
	else
		snprintf(o->where, sizeof(o->where), "%s%s \"%s\"",
			 doc ? "" : "built-in ", section, name);
}

const struct cfg_loc *obj_loc(const struct build_obj *o, const char *key)
{
	const struct cfg_loc *loc = NULL;

	if (!o->doc)
		return NULL;
	if (key)
		loc = cfg_locs_find(o->ctx->locs, o->doc, key);
	return loc ? loc : cfg_locs_find(o->ctx->locs, o->doc, NULL);
}

static void obj_vreport(const struct build_obj *o, bool warning,
			const char *key, const char *fmt, va_list ap)
{
	const struct cfg_loc *loc = obj_loc(o, key);
	char message[768];

	vsnprintf(message, sizeof(message), fmt, ap);
	(warning ? cfg_diags_warn : cfg_diags_add)(o->ctx->diags,
		loc ? loc->file : o->ctx->path, loc ? loc->line : 0,
		key ? "%s.%s: %s" : "%s%s%s", o->where, key ? key : " ",
		message);
}

void obj_error(const struct build_obj *o, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	obj_vreport(o, false, key, fmt, ap);
	va_end(ap);
}

void obj_warning(const struct build_obj *o, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	obj_vreport(o, true, key, fmt, ap);
	va_end(ap);
}

bool obj_has_key(const struct build_obj *o, const char *key)
{
	return o->doc && cfg_locs_find(o->ctx->locs, o->doc, key);
}

void obj_missing(const struct build_obj *o, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (obj_has_key(o, key))
		return;
	va_start(ap, fmt);
	obj_vreport(o, false, NULL, fmt, ap);
	va_end(ap);
}

bool build_nat_keepalive(const struct build_obj *o, int64_t value)
{
	/* IOS accepts 5-3600; a keepalive every second or so is a mistake. */
	if (value == 0 || value >= 5)
		return true;
	obj_error(o, "nat-keepalive", "must be 0 (off) or 5 to 3600 seconds");
	return false;
}

void build_unknown_ref(const struct build_obj *o, const char *key,
		       const char *section, const char *name)
{
	if (ikev2_default_is_compat_only(name) &&
	    !o->ctx->conf->global.compat)
		obj_error(o, key, "%s \"%s\" exists only with ikev2 compat = true",
			  section, name);
	else
		obj_error(o, key, "no %s named \"%s\"", section, name);
}

bool build_doc_defines(const struct cfg_object_list *list, size_t size,
		       const char *name)
{
	for (size_t i = 0; i < list->count; i++) {
		char *const *item_name = (void *)((char *)list->items + i * size);

		if (*item_name && !strcmp(*item_name, name))
			return true;
	}
	return false;
}

int ikev2_conf_build(const struct ikev2_doc *doc, const struct cfg_locs *locs,
		     const char *path, struct ikev2_conf *conf,
		     struct cfg_diags *diags)
{
	struct build_ctx ctx = {
		.locs = locs, .diags = diags, .path = path, .conf = conf,
	};
	size_t before = cfg_diags_errors(diags);

	memset(conf, 0, sizeof(*conf));
	/* References point backwards only: each kind after those it names. */
	ikev2_build_global(&ctx, &doc->global);
	ikev2_build_proposals(&ctx, doc);
	ikev2_build_policies(&ctx, doc);
	ikev2_build_transform_sets(&ctx, doc);
	ikev2_build_ipsec_profiles(&ctx, doc);
	ikev2_build_keyrings(&ctx, doc);
	ikev2_build_pools(&ctx, doc);
	ikev2_build_authz(&ctx, doc);
	ikev2_build_users(&ctx, doc);
	ikev2_build_profiles(&ctx, doc);
	ikev2_build_clients(&ctx, doc);
	return cfg_diags_errors(diags) == before ? 0 : -1;
}

char *build_file_path(const struct build_ctx *ctx, const char *path)
{
	char *dir, *out;

	if (path[0] == '/')
		return xstrdup(path);
	dir = xstrdup(ctx->path);
	if (asprintf(&out, "%s/%s", dirname(dir), path) < 0)
		out = NULL;
	free(dir);
	return out ? out : xstrdup(path);
}
