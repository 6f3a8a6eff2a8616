// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "dataplane/sa_args.h"

/* The words that carry a value, in the order they are checked. */
enum sa_word {
	W_DEV, W_DIR, W_SPI, W_ENC, W_KEY, W_INTEG, W_IKEY, W_REPLAY,
	W_LOCAL, W_PEER, W_ENCAP, W_SPORT, W_DPORT,
	W_SOFT_BYTES, W_HARD_BYTES, W_SOFT_PACKETS, W_HARD_PACKETS,
	W_SOFT_SECONDS, W_HARD_SECONDS,
	W_COUNT
};

static const char *const sa_words[W_COUNT] = {
	[W_DEV] = "dev", [W_DIR] = "dir", [W_SPI] = "spi", [W_ENC] = "enc",
	[W_KEY] = "key", [W_INTEG] = "integ", [W_IKEY] = "ikey",
	[W_REPLAY] = "replay-window", [W_LOCAL] = "local", [W_PEER] = "peer",
	[W_ENCAP] = "encap", [W_SPORT] = "sport", [W_DPORT] = "dport",
	[W_SOFT_BYTES] = "soft-bytes", [W_HARD_BYTES] = "hard-bytes",
	[W_SOFT_PACKETS] = "soft-packets", [W_HARD_PACKETS] = "hard-packets",
	[W_SOFT_SECONDS] = "soft-seconds", [W_HARD_SECONDS] = "hard-seconds",
};

struct sa_parse {
	char *value[W_COUNT];
	const struct vgate_enc_desc *enc;
	const struct vgate_integ_desc *integ;
	char *err;
	size_t err_size;
};

static int __attribute__((format(printf, 2, 3)))
fail(struct sa_parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, p->err_size, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_port(struct sa_parse *p, enum sa_word w, uint16_t *port)
{
	uint32_t v;

	if (!p->value[w])
		return 0;
	if (vgate_parse_u32(p->value[w], 65535, &v, sa_words[w], p->err,
			    p->err_size) < 0)
		return -1;
	if (!v)
		return fail(p, "%s must not be 0", sa_words[w]);
	*port = (uint16_t)v;
	return 0;
}

/* Sorts ARGV into p->value[] and the prefixes into SA. */
static int collect(int argc, char **argv, struct sa_parse *p,
		   struct vgate_sa *sa)
{
	int i, w;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "esn")) {
			sa->esn = true;
			continue;
		}
		for (w = 0; w < W_COUNT && strcmp(argv[i], sa_words[w]); w++)
			;
		if (w == W_COUNT && strcmp(argv[i], "prefix"))
			return fail(p, "sa add: unknown argument \"%s\"", argv[i]);
		if (i + 1 == argc)
			return fail(p, "sa add: %s needs a value", argv[i]);
		if (w == W_COUNT) {
			if (sa->n_prefixes == VGATE_SA_PREFIXES_MAX)
				return fail(p, "sa add: more than %d prefixes",
					    VGATE_SA_PREFIXES_MAX);
			if (vgate_parse_prefix(argv[++i],
					       &sa->prefixes[sa->n_prefixes++],
					       p->err, p->err_size) < 0)
				return -1;
			continue;
		}
		if (p->value[w])
			return fail(p, "sa add: %s given twice", argv[i]);
		p->value[w] = argv[++i];
	}
	for (w = W_DEV; w <= W_PEER; w++)
		if (w != W_INTEG && w != W_IKEY && w != W_REPLAY && !p->value[w])
			return fail(p, "sa add: %s is required", sa_words[w]);
	return 0;
}

static int parse_algorithms(struct sa_parse *p, struct vgate_sa *sa)
{
	p->enc = vgate_enc_by_name(p->value[W_ENC]);
	if (!p->enc)
		return fail(p, "enc must be aes-gcm-128, aes-gcm-256, aes-cbc-128, aes-cbc-256 or chacha20-poly1305, not \"%s\"",
			    p->value[W_ENC]);
	sa->enc_alg = p->enc->alg;
	sa->integ_alg = VGATE_INTEG_NONE;
	if (p->enc->aead && (p->value[W_INTEG] || p->value[W_IKEY]))
		return fail(p, "%s is a combined-mode algorithm: give no integ or ikey",
			    p->enc->name);
	if (p->enc->aead)
		return 0;
	if (!p->value[W_INTEG] || !p->value[W_IKEY])
		return fail(p, "%s needs integ ALG and ikey KEY", p->enc->name);
	p->integ = vgate_integ_by_name(p->value[W_INTEG]);
	if (!p->integ)
		return fail(p, "integ must be hmac-sha1-96, hmac-sha256-128, hmac-sha384-192 or hmac-sha512-256, not \"%s\"",
			    p->value[W_INTEG]);
	sa->integ_alg = p->integ->alg;
	return 0;
}

static int parse_keys(struct sa_parse *p, struct vgate_sa *sa)
{
	char what[96];

	snprintf(what, sizeof(what), "key of %s (%s)", p->enc->name,
		 p->enc->key_text);
	if (vgate_parse_key(p->value[W_KEY], sa->enc_key, p->enc->key_len, what,
			    p->err, p->err_size) < 0)
		return -1;
	sa->enc_key_len = p->enc->key_len;
	if (!p->integ)
		return 0;
	snprintf(what, sizeof(what), "ikey of %s", p->integ->name);
	if (vgate_parse_key(p->value[W_IKEY], sa->integ_key, p->integ->key_len,
			    what, p->err, p->err_size) < 0)
		return -1;
	sa->integ_key_len = p->integ->key_len;
	return 0;
}

static int parse_endpoints(struct sa_parse *p, struct vgate_sa *sa)
{
	if (vgate_parse_addr(p->value[W_LOCAL], &sa->local, p->err,
			     p->err_size) < 0 ||
	    vgate_parse_addr(p->value[W_PEER], &sa->peer, p->err,
			     p->err_size) < 0)
		return -1;
	if (sa->local.family != sa->peer.family)
		return fail(p, "local and peer must both be IPv4 or both IPv6");
	if (!p->value[W_ENCAP]) {
		if (p->value[W_SPORT] || p->value[W_DPORT])
			return fail(p, "sport and dport need encap udp");
		return 0;
	}
	if (strcmp(p->value[W_ENCAP], "udp"))
		return fail(p, "encap must be udp, not \"%s\"", p->value[W_ENCAP]);
	sa->encap = true;
	sa->local_port = sa->peer_port = VGATE_NATT_PORT;
	if (parse_port(p, W_SPORT, &sa->local_port) < 0 ||
	    parse_port(p, W_DPORT, &sa->peer_port) < 0)
		return -1;
	return 0;
}

static int parse_numbers(struct sa_parse *p, struct vgate_sa *sa)
{
	static const struct {
		enum sa_word word;
		size_t offset;
	} limits[] = {
		{ W_SOFT_BYTES, offsetof(struct vgate_sa, soft.bytes) },
		{ W_HARD_BYTES, offsetof(struct vgate_sa, hard.bytes) },
		{ W_SOFT_PACKETS, offsetof(struct vgate_sa, soft.packets) },
		{ W_HARD_PACKETS, offsetof(struct vgate_sa, hard.packets) },
		{ W_SOFT_SECONDS, offsetof(struct vgate_sa, soft.seconds) },
		{ W_HARD_SECONDS, offsetof(struct vgate_sa, hard.seconds) },
	};
	uint64_t v;

	if (vgate_parse_spi(p->value[W_SPI], &sa->spi, p->err, p->err_size) < 0)
		return -1;
	if (p->value[W_REPLAY]) {
		if (vgate_parse_u32(p->value[W_REPLAY], VGATE_REPLAY_WINDOW_MAX,
				    &sa->replay_window, "replay-window", p->err,
				    p->err_size) < 0)
			return -1;
		sa->has_replay_window = true;
	}
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		const char *s = p->value[limits[i].word];

		if (!s)
			continue;
		if (vgate_parse_u64(s, UINT64_MAX, &v, sa_words[limits[i].word],
				    p->err, p->err_size) < 0)
			return -1;
		memcpy((char *)sa + limits[i].offset, &v, sizeof(v));
	}
	return 0;
}

static int parse(int argc, char **argv, struct sa_parse *p, struct vgate_sa *sa)
{
	if (collect(argc, argv, p, sa) < 0)
		return -1;
	if (strlen(p->value[W_DEV]) >= sizeof(sa->dev))
		return fail(p, "dev \"%s\" is longer than an interface name",
			    p->value[W_DEV]);
	snprintf(sa->dev, sizeof(sa->dev), "%s", p->value[W_DEV]);
	if (vgate_parse_dir(p->value[W_DIR], &sa->dir, p->err, p->err_size) < 0 ||
	    parse_algorithms(p, sa) < 0 || parse_keys(p, sa) < 0 ||
	    parse_endpoints(p, sa) < 0 || parse_numbers(p, sa) < 0)
		return -1;
	if (sa->n_prefixes && sa->dir != VGATE_SA_DIR_IN)
		return fail(p, "prefix applies to inbound SAs only (dir in)");
	return 0;
}

int vgate_sa_args_parse(int argc, char **argv, struct vgate_sa *sa, char *err,
			size_t err_size)
{
	struct sa_parse p = { .err = err, .err_size = err_size };
	int ret;

	memset(sa, 0, sizeof(*sa));
	sa->encap_fd = -1;
	ret = parse(argc, argv, &p, sa);
	if (p.value[W_KEY])
		explicit_bzero(p.value[W_KEY], strlen(p.value[W_KEY]));
	if (p.value[W_IKEY])
		explicit_bzero(p.value[W_IKEY], strlen(p.value[W_IKEY]));
	if (ret < 0)
		vgate_sa_wipe_keys(sa);
	return ret;
}
