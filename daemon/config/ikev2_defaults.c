// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The built-in objects (spec §4, FlexVPN "smart defaults").  vgate
 * deviates from IOS XE 16.10 on purpose: its default proposal offered
 * MD5 and DH groups 2 and 5, which no new deployment should accept.
 * The defaults here are AEAD and SHA-2 with ECP/X25519 groups; ikev2
 * compat = true adds the 16.10 set back as "default-compat" for old
 * clients.
 */
#include <string.h>

#include "config/ikev2_build.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* .encr = { names }, .n_encr = how many */
#define LIST(field, ...) .field = (const char *const[]){ __VA_ARGS__ }, \
	.n_##field = ARRAY_SIZE(((const char *const[]){ __VA_ARGS__ }))

static const int64_t modern_groups[] = { 31, 19, 20, 21, 14 };
static const int64_t compat_groups[] = { 5, 2 };

static const struct {
	struct proposal_text text;
	bool compat_only;
} proposals[] = {
	{ {
		.name = "default",
		LIST(encr, "aes-gcm-256", "aes-gcm-128", "chacha20-poly1305"),
		LIST(prf, "sha512", "sha384", "sha256"),
		.group = modern_groups, .n_group = ARRAY_SIZE(modern_groups),
	}, false },
	{ {
		.name = "default-cbc",
		LIST(encr, "aes-cbc-256", "aes-cbc-192", "aes-cbc-128"),
		LIST(integ, "sha512", "sha384", "sha256"),
		LIST(prf, "sha512", "sha384", "sha256"),
		.group = modern_groups, .n_group = ARRAY_SIZE(modern_groups),
	}, false },
	{ {
		/* IOS XE 16.10's `crypto ikev2 proposal default` */
		.name = "default-compat",
		LIST(encr, "aes-cbc-256", "aes-cbc-192", "aes-cbc-128"),
		LIST(integ, "sha512", "sha384", "sha256", "sha1", "md5"),
		LIST(prf, "sha512", "sha384", "sha256", "sha1", "md5"),
		.group = compat_groups, .n_group = ARRAY_SIZE(compat_groups),
	}, true },
};

static const struct {
	struct transform_set_text text;
	bool compat_only;
} transform_sets[] = {
	{ { "default-gcm256", "aes-gcm-256", NULL }, false },
	{ { "default-gcm128", "aes-gcm-128", NULL }, false },
	{ { "default-cbc256", "aes-cbc-256", "sha256" }, false },
	/* IOS's `esp-aes esp-sha-hmac` */
	{ { "default-compat", "aes-cbc-128", "sha1" }, true },
};

/* Both the default policy and the default ipsec-profile list every
 * built-in of their kind, in table order. */
size_t ikev2_default_proposals(bool compat, struct proposal_text *out,
			       size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(proposals) && n < max; i++)
		if (compat || !proposals[i].compat_only)
			out[n++] = proposals[i].text;
	return n;
}

size_t ikev2_default_transform_sets(bool compat, struct transform_set_text *out,
				    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(transform_sets) && n < max; i++)
		if (compat || !transform_sets[i].compat_only)
			out[n++] = transform_sets[i].text;
	return n;
}

size_t ikev2_default_policy_proposals(bool compat, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(proposals) && n < max; i++)
		if (compat || !proposals[i].compat_only)
			out[n++] = proposals[i].text.name;
	return n;
}

size_t ikev2_default_profile_sets(bool compat, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(transform_sets) && n < max; i++)
		if (compat || !transform_sets[i].compat_only)
			out[n++] = transform_sets[i].text.name;
	return n;
}

bool ikev2_default_is_compat_only(const char *name)
{
	return !strcmp(name, "default-compat");
}
