// SPDX-License-Identifier: GPL-2.0-or-later
/* conf_policy_match(): which policy answers an IKE_SA_INIT (spec §3). */
#include "config/conf_parse.h"
#include "config/ikev2_conf.h"

/*
 * How specifically P matches LOCAL: the best rank (conf_prefix_rank) of
 * its prefixes holding LOCAL; -1 for a policy without match statements
 * (it matches every address, less specifically than any statement); -2
 * for no match.
 */
static int specificity(const struct conf_policy *p, const struct sockaddr *local)
{
	int best = -2;

	if (!p->n_match_local)
		return -1;
	for (unsigned int i = 0; i < p->n_match_local; i++)
		if (conf_prefix_contains(&p->match_local[i], local) &&
		    conf_prefix_rank(&p->match_local[i]) > best)
			best = conf_prefix_rank(&p->match_local[i]);
	return best;
}

const struct conf_policy *conf_policy_match(const struct ikev2_conf *conf,
					    const struct sockaddr *local)
{
	const struct conf_policy *best = NULL;
	int best_spec = -2;

	/* The last policy is the default one: only the fallback. */
	for (unsigned int i = 0; i + 1 < conf->n_policies; i++) {
		int spec = specificity(&conf->policies[i], local);

		/* Strictly greater: on a tie the first in config order wins. */
		if (spec > best_spec) {
			best = &conf->policies[i];
			best_spec = spec;
		}
	}
	return best ? best : &conf->policies[conf->n_policies - 1];
}
