// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `transform-set` and `ipsec-profile` objects: what CHILD SAs are made
 * of.  Only what vgate.ko's ESP can carry is accepted in a transform set.
 */
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_names.h"
#include "config/ikev2_build.h"

static void build_set(struct build_ctx *ctx, const void *doc,
		      const struct transform_set_text *t, bool esn,
		      struct conf_transform_set *ts)
{
	const char *why = NULL;
	struct build_obj o;

	build_obj_init(&o, ctx, doc, "transform-set", t->name);
	ts->name = xstrdup(t->name ? t->name : "");
	ts->esn = esn;
	if (!t->encr) {
		obj_missing(&o, "encryption", "needs an encryption");
		return;
	}
	ts->encr = conf_encr_by_name(t->encr, true, &why);
	if (!ts->encr) {
		obj_error(&o, "encryption", "\"%s\" %s", t->encr, why);
		return;
	}
	if (t->integ) {
		ts->integ = conf_integ_by_name(t->integ, true, &why);
		if (!ts->integ)
			obj_error(&o, "integrity", "\"%s\" %s", t->integ, why);
	}
	if (ts->encr->aead && t->integ)
		obj_error(&o, "integrity", "must not be set with AEAD encryption (%s)",
			  t->encr);
	else if (!ts->encr->aead && !t->integ)
		obj_missing(&o, "integrity", "needs an integrity with non-AEAD "
			    "encryption (%s)", t->encr);
}

void ikev2_build_transform_sets(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_transform_set *items = doc->transform_sets.items;
	struct ikev2_conf *conf = ctx->conf;
	struct transform_set_text builtin[8];
	size_t n_builtin = ikev2_default_transform_sets(conf->global.compat,
							builtin, 8);

	conf->transform_sets = xcalloc(doc->transform_sets.count + n_builtin,
				       sizeof(*conf->transform_sets));
	for (size_t i = 0; i < doc->transform_sets.count; i++) {
		struct transform_set_text t = {
			items[i].name, items[i].encryption, items[i].integrity
		};

		build_set(ctx, &items[i], &t, items[i].esn,
			  &conf->transform_sets[conf->n_transform_sets++]);
	}
	for (size_t i = 0; i < n_builtin; i++)
		if (!build_doc_defines(&doc->transform_sets,
				       sizeof(*items), builtin[i].name))
			build_set(ctx, NULL, &builtin[i], false,
				  &conf->transform_sets[conf->n_transform_sets++]);
}

static void resolve_sets(const struct build_obj *o, const char *const *names,
			 size_t n, struct conf_ipsec_profile *p)
{
	for (size_t i = 0; i < n; i++) {
		const struct conf_transform_set *ts =
			conf_transform_set_find(o->ctx->conf, names[i]);

		if (!ts)
			build_unknown_ref(o, "transform-set", "transform-set", names[i]);
		else
			p->transform_sets[p->n_transform_sets++] = ts;
	}
}

static void build_user_profile(struct build_ctx *ctx,
			       const struct ikev2_doc_ipsec_profile *d,
			       struct conf_ipsec_profile *p)
{
	const char *why = NULL;
	struct build_obj o;

	build_obj_init(&o, ctx, d, "ipsec-profile", d->name);
	p->name = xstrdup(d->name ? d->name : "");
	resolve_sets(&o, (const char *const *)d->transform_set.items,
		     d->transform_set.count, p);
	if (!d->transform_set.count)
		obj_missing(&o, "transform-set", "needs at least one transform-set");
	if (d->pfs) {
		p->pfs = conf_dh_by_number(d->pfs, &why);
		if (!p->pfs)
			obj_error(&o, "pfs", "group %lld %s", (long long)d->pfs, why);
		else if (p->pfs->legacy)
			obj_warning(&o, "pfs", "group %lld is a legacy group",
				    (long long)d->pfs);
	}
	p->lifetime_seconds = d->lifetime_seconds;
	p->lifetime_kilobytes = d->lifetime_kilobytes;
	p->replay_window = d->replay_window;
}

static void build_default_profile(struct build_ctx *ctx,
				  struct conf_ipsec_profile *p)
{
	const char *names[CONF_MAX_REFS];
	size_t n = ikev2_default_profile_sets(ctx->conf->global.compat, names,
					      CONF_MAX_REFS);
	struct build_obj o;

	build_obj_init(&o, ctx, NULL, "ipsec-profile", "default");
	p->name = xstrdup("default");
	resolve_sets(&o, names, n, p);
	p->lifetime_seconds = 3600;
	p->lifetime_kilobytes = 4608000;
	p->replay_window = 64;
}

void ikev2_build_ipsec_profiles(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_ipsec_profile *items = doc->ipsec_profiles.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->ipsec_profiles = xcalloc(doc->ipsec_profiles.count + 1,
				       sizeof(*conf->ipsec_profiles));
	for (size_t i = 0; i < doc->ipsec_profiles.count; i++)
		build_user_profile(ctx, &items[i],
				   &conf->ipsec_profiles[conf->n_ipsec_profiles++]);
	if (!build_doc_defines(&doc->ipsec_profiles, sizeof(*items),
			       "default"))
		build_default_profile(ctx,
				      &conf->ipsec_profiles[conf->n_ipsec_profiles++]);
}
