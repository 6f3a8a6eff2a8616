// SPDX-License-Identifier: GPL-2.0-or-later
/* The `ikev2` group: global IKEv2 options (spec §7). */
#include "config/conf_parse.h"
#include "config/ikev2_build.h"

void ikev2_build_global(struct build_ctx *ctx, const struct ikev2_doc_global *d)
{
	struct conf_ikev2_global *g = &ctx->conf->global;
	struct build_obj o;
	const char *why;

	build_obj_init(&o, ctx, d, "ikev2", NULL);
	g->compat = d->compat;
	g->window = d->window;
	g->cookie_challenge = d->cookie_challenge;
	g->max_sa = d->max_sa;
	g->max_in_negotiation = d->max_in_negotiation;
	if (build_nat_keepalive(&o, d->nat_keepalive))
		g->nat_keepalive = d->nat_keepalive;
	g->port = d->port;
	g->natt_port = d->natt_port;
	/* Blame the key that was written (the other one is a default). */
	if (d->port == d->natt_port && cfg_locs_find(ctx->locs, d, "natt-port"))
		obj_error(&o, "natt-port", "must differ from port (%lld)",
			  (long long)d->port);
	else if (d->port == d->natt_port)
		obj_error(&o, "port", "must differ from natt-port (%lld)",
			  (long long)d->natt_port);
	if (d->dpd) {
		why = conf_parse_dpd(d->dpd, &g->dpd_mode, &g->dpd_interval,
				     &g->dpd_retry);
		if (why)
			obj_error(&o, "dpd", "\"%s\": %s", d->dpd, why);
	}
	if (d->compat)
		obj_warning(&o, "compat", "the default policy also offers IOS XE "
			    "16.10's legacy proposal (MD5, SHA-1, DH groups 5 and 2)");
}
