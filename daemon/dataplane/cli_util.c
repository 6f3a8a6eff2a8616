// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <string.h>

#include "dataplane/cli.h"

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vgatectl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'vgatectl --help'.\n");
	return 2;
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vgatectl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 1;
}

int cli_open(struct vgate_genl *g)
{
	if (vgate_genl_open(g) == 0)
		return 0;
	cli_fail("%s", g->error);
	return -1;
}

int cli_kernel_fail(struct vgate_genl *g)
{
	cli_fail("%s", g->error);
	vgate_genl_close(g);
	return 1;
}

uint32_t cli_ifindex(const char *name)
{
	unsigned int ifindex = if_nametoindex(name);

	if (!ifindex)
		cli_fail("no device \"%s\" in this network namespace", name);
	return ifindex;
}

const char *cli_ifname(uint32_t ifindex, char *buf)
{
	char name[IF_NAMESIZE];

	if (ifindex && if_indextoname(ifindex, name))
		snprintf(buf, CLI_IFNAME_SIZE, "%s", name);
	else
		snprintf(buf, CLI_IFNAME_SIZE, "if%u", ifindex);
	return buf;
}

void cli_print_json(json_object *obj, bool one_line)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE |
		    (one_line ? JSON_C_TO_STRING_PLAIN : JSON_C_TO_STRING_PRETTY);

	printf("%s\n", json_object_to_json_string_ext(obj, flags));
	fflush(stdout);
}

json_object *cli_stats_json(const struct vgate_stats *stats)
{
	json_object *obj = json_object_new_object();

	for (unsigned int i = 0; i <= VGATE_A_STATS_MAX; i++)
		if (vgate_stats_names[i])
			json_object_object_add(obj, vgate_stats_names[i],
					       json_object_new_uint64(stats->v[i]));
	return obj;
}

void cli_stats_print(FILE *out, const struct vgate_stats *s, const char *indent)
{
	const uint64_t *v = s->v;

	fprintf(out, "%srx %llu packets %llu bytes errors %llu drops %llu\n",
		indent, (unsigned long long)v[VGATE_A_STATS_RX_PACKETS],
		(unsigned long long)v[VGATE_A_STATS_RX_BYTES],
		(unsigned long long)v[VGATE_A_STATS_RX_ERRORS],
		(unsigned long long)v[VGATE_A_STATS_RX_DROPS]);
	fprintf(out, "%stx %llu packets %llu bytes errors %llu drops %llu\n",
		indent, (unsigned long long)v[VGATE_A_STATS_TX_PACKETS],
		(unsigned long long)v[VGATE_A_STATS_TX_BYTES],
		(unsigned long long)v[VGATE_A_STATS_TX_ERRORS],
		(unsigned long long)v[VGATE_A_STATS_TX_DROPS]);
}

const char *cli_spi(uint32_t spi, char *buf)
{
	snprintf(buf, CLI_SPI_SIZE, "0x%08x", spi);
	return buf;
}
