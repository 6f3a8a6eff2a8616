// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <string.h>

#include "config/conf_names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * "aes-gcm-128" is the 16-octet ICV variant, as on IOS; the 8- and
 * 12-octet ones are IKE-only (vgate.ko's ESP does rfc4106 with 16).
 */
static const struct encr_name {
	const char *name;
	enum ikev2_encr_id id;
	unsigned int bits;
	bool esp;
} encr_names[] = {
	{ "aes-cbc-128", IKEV2_ENCR_AES_CBC, 128, true },
	{ "aes-cbc-192", IKEV2_ENCR_AES_CBC, 192, true },
	{ "aes-cbc-256", IKEV2_ENCR_AES_CBC, 256, true },
	{ "aes-gcm-128", IKEV2_ENCR_AES_GCM_16, 128, true },
	{ "aes-gcm-192", IKEV2_ENCR_AES_GCM_16, 192, true },
	{ "aes-gcm-256", IKEV2_ENCR_AES_GCM_16, 256, true },
	{ "aes-gcm-8-128", IKEV2_ENCR_AES_GCM_8, 128, false },
	{ "aes-gcm-8-256", IKEV2_ENCR_AES_GCM_8, 256, false },
	{ "aes-gcm-12-128", IKEV2_ENCR_AES_GCM_12, 128, false },
	{ "aes-gcm-12-256", IKEV2_ENCR_AES_GCM_12, 256, false },
	{ "chacha20-poly1305", IKEV2_ENCR_CHACHA20_POLY1305, 0, true },
	{ "3des", IKEV2_ENCR_3DES, 0, false },
};

/* One hash name serves integrity (HMAC-x-trunc) and PRF (HMAC-x). */
static const struct hash_name {
	const char *name;
	enum ikev2_integ_id integ;
	enum ikev2_prf_id prf;
	bool esp;
} hash_names[] = {
	{ "md5", IKEV2_AUTH_HMAC_MD5_96, IKEV2_PRF_HMAC_MD5, false },
	{ "sha1", IKEV2_AUTH_HMAC_SHA1_96, IKEV2_PRF_HMAC_SHA1, true },
	{ "sha256", IKEV2_AUTH_HMAC_SHA2_256_128, IKEV2_PRF_HMAC_SHA2_256, true },
	{ "sha384", IKEV2_AUTH_HMAC_SHA2_384_192, IKEV2_PRF_HMAC_SHA2_384, true },
	{ "sha512", IKEV2_AUTH_HMAC_SHA2_512_256, IKEV2_PRF_HMAC_SHA2_512, true },
};

static const char not_esp[] = "is not available for ESP in vgate.ko";
static const char not_implemented[] = "is not implemented by vgated";

const struct xf_encr *conf_encr_by_name(const char *name, bool esp,
					const char **why)
{
	for (size_t i = 0; i < ARRAY_SIZE(encr_names); i++) {
		const struct encr_name *n = &encr_names[i];
		const struct xf_encr *encr;

		if (strcmp(n->name, name))
			continue;
		encr = xf_encr_find(n->id, n->bits);
		if (!encr)
			*why = not_implemented;
		else if (esp && !n->esp)
			*why = not_esp;
		else
			return encr;
		return NULL;
	}
	*why = "is not an encryption name";
	return NULL;
}

static const struct hash_name *hash_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(hash_names); i++)
		if (!strcmp(hash_names[i].name, name))
			return &hash_names[i];
	return NULL;
}

const struct xf_integ *conf_integ_by_name(const char *name, bool esp,
					  const char **why)
{
	const struct hash_name *n = hash_by_name(name);
	const struct xf_integ *integ = n ? xf_integ_find(n->integ) : NULL;

	if (!n)
		*why = "is not an integrity name";
	else if (!integ)
		*why = not_implemented;
	else if (esp && !n->esp)
		*why = not_esp;
	else
		return integ;
	return NULL;
}

const struct xf_prf *conf_prf_by_name(const char *name, const char **why)
{
	const struct hash_name *n = hash_by_name(name);
	const struct xf_prf *prf = n ? xf_prf_find(n->prf) : NULL;

	if (!n)
		*why = "is not a prf name";
	else if (!prf)
		*why = not_implemented;
	return prf;
}

const struct xf_dh *conf_dh_by_number(long group, const char **why)
{
	const struct xf_dh *dh = group > 0 && group < 256 ? xf_dh_find(group) : NULL;

	if (!dh)
		*why = not_implemented;
	return dh;
}

const char *conf_encr_name(const struct xf_encr *encr)
{
	for (size_t i = 0; i < ARRAY_SIZE(encr_names); i++)
		if (xf_encr_find(encr_names[i].id, encr_names[i].bits) == encr)
			return encr_names[i].name;
	return encr->name;
}

const char *conf_integ_name(const struct xf_integ *integ)
{
	for (size_t i = 0; i < ARRAY_SIZE(hash_names); i++)
		if (hash_names[i].integ == integ->id)
			return hash_names[i].name;
	return integ->name;
}

const char *conf_prf_name(const struct xf_prf *prf)
{
	for (size_t i = 0; i < ARRAY_SIZE(hash_names); i++)
		if (hash_names[i].prf == prf->id)
			return hash_names[i].name;
	return prf->name;
}

void conf_dh_supported(char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int group = 1; group < 256 && used < len; group++)
		if (xf_dh_find(group))
			used += snprintf(buf + used, len - used, "%s%d",
					 used ? ", " : "", group);
}
