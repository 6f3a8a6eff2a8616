// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "dataplane/genl.h"
#include "dataplane/stats.h"

const char *const vgate_stats_names[VGATE_A_STATS_MAX + 1] = {
	[VGATE_A_STATS_RX_PACKETS] = "rx_packets",
	[VGATE_A_STATS_RX_BYTES] = "rx_bytes",
	[VGATE_A_STATS_TX_PACKETS] = "tx_packets",
	[VGATE_A_STATS_TX_BYTES] = "tx_bytes",
	[VGATE_A_STATS_RX_ERRORS] = "rx_errors",
	[VGATE_A_STATS_TX_ERRORS] = "tx_errors",
	[VGATE_A_STATS_RX_DROPS] = "rx_drops",
	[VGATE_A_STATS_TX_DROPS] = "tx_drops",
	[VGATE_A_STATS_REPLAY] = "replay",
	[VGATE_A_STATS_AUTH_FAIL] = "auth_fail",
	[VGATE_A_STATS_BAD_PADDING] = "bad_padding",
	[VGATE_A_STATS_INNER_SRC] = "inner_src",
	[VGATE_A_STATS_MALFORMED] = "malformed",
};

void vgate_stats_parse(const struct nlattr *nest, struct vgate_stats *s)
{
	const struct nlattr *tb[VGATE_A_STATS_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!nest)
		return;
	vgate_attr_table(NULL, nest, tb, VGATE_A_STATS_MAX);
	for (unsigned int i = 0; i <= VGATE_A_STATS_MAX; i++)
		if (vgate_stats_names[i])
			vgate_attr_u64(tb[i], &s->v[i]);
}
