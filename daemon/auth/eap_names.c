// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EAP Type names: the four methods a profile may name in the config, and
 * the other common IANA types so that a log line can say what a client
 * offered in its Nak ("aka", "peap") instead of a number.
 */
#include <stddef.h>
#include <string.h>

#include "auth/eap.h"

struct eap_type_entry {
	unsigned int type;
	const char *name;
	bool configurable;	/* a method vgated implements */
};

static const struct eap_type_entry eap_types[] = {
	{ EAP_TYPE_IDENTITY, "identity", false },
	{ EAP_TYPE_NOTIFICATION, "notification", false },
	{ EAP_TYPE_NAK, "nak", false },
	{ EAP_TYPE_MD5, "md5", true },
	{ 5, "otp", false },
	{ EAP_TYPE_GTC, "gtc", true },
	{ EAP_TYPE_TLS, "tls", true },
	{ 17, "leap", false },
	{ 18, "sim", false },
	{ 21, "ttls", false },
	{ 23, "aka", false },
	{ 25, "peap", false },
	{ EAP_TYPE_MSCHAPV2, "mschapv2", true },
	{ 43, "fast", false },
	{ 50, "aka'", false },
	{ 52, "pwd", false },
	{ 254, "expanded", false },
};

#define N_EAP_TYPES (sizeof(eap_types) / sizeof(eap_types[0]))

enum eap_type eap_type_from_name(const char *name)
{
	size_t i;

	if (!name)
		return 0;
	for (i = 0; i < N_EAP_TYPES; i++)
		if (eap_types[i].configurable && !strcmp(eap_types[i].name, name))
			return (enum eap_type)eap_types[i].type;
	return 0;
}

const char *eap_type_name(enum eap_type t)
{
	size_t i;

	for (i = 0; i < N_EAP_TYPES; i++)
		if (eap_types[i].type == (unsigned int)t)
			return eap_types[i].name;
	return NULL;
}
