// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `policy` objects (spec §3): local-address matches and proposal
 * references.  The policy named "default" (built in, or the user's own
 * version) is the fallback and always goes last.
 */
#include <string.h>

#include "common/xalloc.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"

static void resolve_proposals(const struct build_obj *o, const char *const *names,
			      size_t n, struct conf_policy *p)
{
	for (size_t i = 0; i < n; i++) {
		const struct conf_proposal *prop =
			conf_proposal_find(o->ctx->conf, names[i]);

		if (!prop)
			build_unknown_ref(o, "proposal", "proposal", names[i]);
		else
			p->proposals[p->n_proposals++] = prop;
	}
}

static void build_user(struct build_ctx *ctx, const struct ikev2_doc_policy *d,
		       struct conf_policy *p)
{
	struct build_obj o;

	build_obj_init(&o, ctx, d, "policy", d->name);
	p->name = xstrdup(d->name ? d->name : "");
	for (size_t i = 0; i < d->match_address_local.count; i++) {
		const char *text = d->match_address_local.items[i];
		const char *why = conf_parse_prefix(text, &p->match_local[p->n_match_local]);

		if (why)
			obj_error(&o, "match-address-local", "\"%s\" %s", text, why);
		else
			p->n_match_local++;
	}
	if (d->name && !strcmp(d->name, "default") && d->match_address_local.count)
		obj_error(&o, "match-address-local", "the default policy is the "
			  "fallback for every local address and cannot match one");
	resolve_proposals(&o, (const char *const *)d->proposal.items,
			  d->proposal.count, p);
	if (!d->proposal.count)
		obj_missing(&o, "proposal", "needs at least one proposal");
}

static void build_builtin(struct build_ctx *ctx, struct conf_policy *p)
{
	const char *names[CONF_MAX_REFS];
	size_t n = ikev2_default_policy_proposals(ctx->conf->global.compat,
						  names, CONF_MAX_REFS);
	struct build_obj o;

	build_obj_init(&o, ctx, NULL, "policy", "default");
	p->name = xstrdup("default");
	resolve_proposals(&o, names, n, p);
}

void ikev2_build_policies(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_policy *items = doc->policies.items;
	const struct ikev2_doc_policy *user_default = NULL;
	struct ikev2_conf *conf = ctx->conf;

	conf->policies = xcalloc(doc->policies.count + 1, sizeof(*conf->policies));
	for (size_t i = 0; i < doc->policies.count; i++) {
		if (items[i].name && !strcmp(items[i].name, "default")) {
			if (!user_default)
				user_default = &items[i];
			continue;
		}
		build_user(ctx, &items[i], &conf->policies[conf->n_policies++]);
	}
	if (user_default)
		build_user(ctx, user_default, &conf->policies[conf->n_policies++]);
	else
		build_builtin(ctx, &conf->policies[conf->n_policies++]);
}
