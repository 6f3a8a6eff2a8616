// SPDX-License-Identifier: GPL-2.0-or-later
/* Messages for the certificate code: OpenSSL's reasons and names. */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>

#include "auth/cert_internal.h"
#include "config/conf_identity.h"

void cert_fail(char *buf, size_t size, const char *fmt, ...)
{
	unsigned long e = ERR_peek_error();
	const char *reason;
	va_list ap;
	size_t used;

	if (!size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	/* the oldest error is the cause; later ones are its consequences */
	reason = e ? ERR_reason_error_string(e) : NULL;
	used = strlen(buf);
	if (reason && used < size)
		snprintf(buf + used, size - used, ": %s", reason);
	ERR_clear_error();
}

void cert_name_format(const X509_NAME *name, char *buf, size_t size)
{
	unsigned char *der = NULL;
	int len = i2d_X509_NAME(name, &der);

	if (len < 0 || conf_dn_format(der, (size_t)len, buf, size) < 0)
		snprintf(buf, size, "(unprintable name)");
	OPENSSL_free(der);
}
