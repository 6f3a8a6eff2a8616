// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * conf_identity_format(): identities in log lines.  The data may come
 * from a peer, so anything that is not printable ASCII is escaped: a log
 * line must not be forgeable through an IDi.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "config/conf_identity.h"
#include "ike/codec_constants.h"

static bool printable(const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (data[i] < 0x20 || data[i] > 0x7e)
			return false;
	return len > 0;
}

/* PREFIX then the text, escaping what is not printable as \xHH. */
static void format_text(const char *prefix, const uint8_t *data, size_t len,
			char *buf, size_t size)
{
	size_t used = snprintf(buf, size, "%s", prefix);

	for (size_t i = 0; i < len && used + 1 < size; i++) {
		uint8_t c = data[i];

		if (c >= 0x20 && c <= 0x7e && c != '\\')
			used += snprintf(buf + used, size - used, "%c", c);
		else
			used += snprintf(buf + used, size - used, "\\x%02x", c);
	}
}

static void format_hex(const char *prefix, const uint8_t *data, size_t len,
		       char *buf, size_t size)
{
	size_t used = snprintf(buf, size, "%s0x", prefix);

	for (size_t i = 0; i < len && used + 1 < size; i++)
		used += snprintf(buf + used, size - used, "%02x", data[i]);
}

static void format_address(const struct conf_identity *id, char *buf,
			   size_t len)
{
	char text[INET6_ADDRSTRLEN];
	int family = id->type == IKEV2_ID_IPV4_ADDR ? AF_INET : AF_INET6;

	if (id->len != (family == AF_INET ? 4 : 16))
		format_hex("address ", id->data, id->len, buf, len);
	else
		snprintf(buf, len, "address %s",
			 inet_ntop(family, id->data, text, sizeof(text)));
}

static void format_dn(const struct conf_identity *id, char *buf, size_t len)
{
	size_t n = id->len < sizeof(id->data) ? id->len : sizeof(id->data);
	char text[512];

	if (!n)
		snprintf(buf, len, "dn (the certificate's subject)");
	else if (conf_dn_format(id->data, n, text, sizeof(text)) >= 0)
		snprintf(buf, len, "dn %s", text);
	else
		format_hex("dn ", id->data, n, buf, len);
}

void conf_identity_format(const struct conf_identity *id, char *buf,
			  size_t len)
{
	size_t n = id->len < sizeof(id->data) ? id->len : sizeof(id->data);

	if (!len)
		return;
	switch (id->type) {
	case 0:
		snprintf(buf, len, "(no identity)");
		break;
	case IKEV2_ID_IPV4_ADDR:
	case IKEV2_ID_IPV6_ADDR:
		format_address(id, buf, len);
		break;
	case IKEV2_ID_FQDN:
		format_text("fqdn ", id->data, n, buf, len);
		break;
	case IKEV2_ID_RFC822_ADDR:
		format_text("email ", id->data, n, buf, len);
		break;
	case IKEV2_ID_KEY_ID:
		if (printable(id->data, n))
			format_text("key-id ", id->data, n, buf, len);
		else
			format_hex("key-id ", id->data, n, buf, len);
		break;
	case IKEV2_ID_DER_ASN1_DN:
		format_dn(id, buf, len);
		break;
	default:
		snprintf(buf, len, "id type %u (%u octets)", id->type, id->len);
	}
}

bool conf_identity_name(const struct conf_identity *id, char *buf, size_t len)
{
	size_t n = id->len < sizeof(id->data) ? id->len : sizeof(id->data);
	char text[INET6_ADDRSTRLEN];

	if (!len)
		return false;
	buf[0] = '\0';
	switch (id->type) {
	case IKEV2_ID_IPV4_ADDR:
	case IKEV2_ID_IPV6_ADDR:
		if (n != (id->type == IKEV2_ID_IPV4_ADDR ? 4u : 16u))
			return false;
		inet_ntop(id->type == IKEV2_ID_IPV4_ADDR ? AF_INET : AF_INET6,
			  id->data, text, sizeof(text));
		snprintf(buf, len, "%s", text);
		return true;
	case IKEV2_ID_FQDN:
	case IKEV2_ID_RFC822_ADDR:
	case IKEV2_ID_KEY_ID:
		if (!printable(id->data, n) || n >= len)
			return false;
		memcpy(buf, id->data, n);
		buf[n] = '\0';
		return true;
	case IKEV2_ID_DER_ASN1_DN:
		return n && conf_dn_format(id->data, n, buf, len) >= 0;
	default:
		return false;
	}
}
