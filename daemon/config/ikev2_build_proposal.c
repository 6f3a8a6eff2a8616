// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `proposal` objects (spec §2): transform names to transform.c entries,
 * the completeness rules (RFC 5282 for AEAD), the PRF default, and the
 * built-in proposals after the user's.
 */
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_names.h"
#include "config/ikev2_build.h"

static void warn_legacy(const struct build_obj *o, const char *key,
			const char *name, bool legacy)
{
	/* The built-in default-compat is the operator's explicit choice
	 * (ikev2 compat), warned about once in ikev2_build_global.c. */
	if (legacy && o->doc)
		obj_warning(o, key, "%s is a legacy transform; offer it only to "
			    "peers that cannot do better", name);
}

static void resolve_encr(const struct build_obj *o, const struct proposal_text *t,
			 struct conf_proposal *p)
{
	for (size_t i = 0; i < t->n_encr; i++) {
		const char *why = NULL;
		const struct xf_encr *e = conf_encr_by_name(t->encr[i], false, &why);

		if (!e) {
			obj_error(o, "encryption", "\"%s\" %s", t->encr[i], why);
			continue;
		}
		warn_legacy(o, "encryption", t->encr[i], e->legacy);
		p->encr[p->n_encr++] = e;
	}
}

static void resolve_hashes(const struct build_obj *o, const struct proposal_text *t,
			   struct conf_proposal *p)
{
	for (size_t i = 0; i < t->n_integ; i++) {
		const char *why = NULL;
		const struct xf_integ *x = conf_integ_by_name(t->integ[i], false, &why);

		if (!x) {
			obj_error(o, "integrity", "\"%s\" %s", t->integ[i], why);
			continue;
		}
		warn_legacy(o, "integrity", t->integ[i], x->legacy);
		p->integ[p->n_integ++] = x;
	}
	for (size_t i = 0; i < t->n_prf; i++) {
		const char *why = NULL;
		const struct xf_prf *x = conf_prf_by_name(t->prf[i], &why);

		if (!x) {
			obj_error(o, "prf", "\"%s\" %s", t->prf[i], why);
			continue;
		}
		warn_legacy(o, "prf", t->prf[i], x->legacy);
		p->prf[p->n_prf++] = x;
	}
}

static void resolve_groups(const struct build_obj *o, const struct proposal_text *t,
			   struct conf_proposal *p)
{
	char supported[128], name[32];

	for (size_t i = 0; i < t->n_group; i++) {
		const char *why = NULL;
		const struct xf_dh *dh = conf_dh_by_number(t->group[i], &why);

		if (!dh) {
			conf_dh_supported(supported, sizeof(supported));
			obj_error(o, "group", "%lld %s (supported: %s)",
				  (long long)t->group[i], why, supported);
			continue;
		}
		snprintf(name, sizeof(name), "group %lld", (long long)t->group[i]);
		warn_legacy(o, "group", name, dh->legacy);
		p->dh[p->n_dh++] = dh;
	}
}

/* Without a prf, a non-AEAD proposal uses its integrity hashes (spec §2). */
static void default_prf(struct conf_proposal *p)
{
	for (unsigned int i = 0; i < p->n_integ; i++) {
		const char *why = NULL;
		const struct xf_prf *prf = conf_prf_by_name(conf_integ_name(p->integ[i]),
							    &why);

		if (prf)
			p->prf[p->n_prf++] = prf;
	}
}

/* RFC 5282: AEAD ciphers need no integrity, and may not share a proposal
 * with ciphers that do. */
static void check_complete(const struct build_obj *o, const struct proposal_text *t,
			   struct conf_proposal *p)
{
	const struct xf_encr *aead = NULL, *plain = NULL;

	for (unsigned int i = 0; i < p->n_encr; i++)
		*(p->encr[i]->aead ? &aead : &plain) = p->encr[i];
	if (!t->n_encr)
		obj_missing(o, "encryption", "needs at least one encryption");
	if (!t->n_group)
		obj_missing(o, "group", "needs at least one group");
	if (aead && plain) {
		obj_error(o, "encryption", "mixes AEAD (%s) and non-AEAD (%s) "
			  "ciphers; put them in separate proposals (RFC 5282)",
			  conf_encr_name(aead), conf_encr_name(plain));
		return;
	}
	if (aead) {
		if (t->n_integ)
			obj_error(o, "integrity", "must not be set with AEAD "
				  "encryption (%s)", conf_encr_name(aead));
		if (!t->n_prf)
			obj_missing(o, "prf", "with AEAD encryption (%s) needs a prf",
				    conf_encr_name(aead));
		return;
	}
	if (plain && !t->n_integ)
		obj_missing(o, "integrity", "needs at least one integrity with "
			    "non-AEAD encryption (%s)", conf_encr_name(plain));
	if (!t->n_prf)
		default_prf(p);
}

static void build_one(struct build_ctx *ctx, const void *doc,
		      const struct proposal_text *t, struct conf_proposal *p)
{
	struct build_obj o;

	build_obj_init(&o, ctx, doc, "proposal", t->name);
	p->name = xstrdup(t->name ? t->name : "");
	resolve_encr(&o, t, p);
	resolve_hashes(&o, t, p);
	resolve_groups(&o, t, p);
	check_complete(&o, t, p);
}

void ikev2_build_proposals(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_proposal *items = doc->proposals.items;
	struct ikev2_conf *conf = ctx->conf;
	struct proposal_text builtin[8];
	size_t n_builtin = ikev2_default_proposals(conf->global.compat, builtin, 8);

	conf->proposals = xcalloc(doc->proposals.count + n_builtin,
				  sizeof(*conf->proposals));
	for (size_t i = 0; i < doc->proposals.count; i++) {
		const struct ikev2_doc_proposal *d = &items[i];
		struct proposal_text t = {
			.name = d->name,
			.encr = (const char *const *)d->encryption.items,
			.n_encr = d->encryption.count,
			.integ = (const char *const *)d->integrity.items,
			.n_integ = d->integrity.count,
			.prf = (const char *const *)d->prf.items,
			.n_prf = d->prf.count,
			.group = d->group.items,
			.n_group = d->group.count,
		};

		build_one(ctx, d, &t, &conf->proposals[conf->n_proposals++]);
	}
	for (size_t i = 0; i < n_builtin; i++)
		if (!build_doc_defines(&doc->proposals, sizeof(*items),
				       builtin[i].name))
			build_one(ctx, NULL, &builtin[i],
				  &conf->proposals[conf->n_proposals++]);
}
