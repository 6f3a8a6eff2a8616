// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EAP Generic Token Card (RFC 3748 §5.6) used for passwords: the Request
 * carries a prompt, the Response the password itself.  Checked against
 * the cleartext (constant time) or a crypt(3) hash (libxcrypt's
 * crypt_rn); the method derives no MSK.
 *
 * What clients send: strongSwan's eap-gtc peer (5.9.8,
 * src/libcharon/plugins/eap_gtc/eap_gtc.c, process_peer) copies the
 * shared EAP secret as the whole Type-Data, with no user name and no
 * terminator, whatever the prompt says.  The "RESPONSE=user\0password"
 * form is EAP-FAST provisioning only and is not accepted here: a NUL
 * in the Response makes it a wrong password.
 */
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "auth/eap_method.h"

#define GTC_PROMPT	"Password: "
#define GTC_MAX_SECRET	255	/* longest password we take */

static enum eap_method_result gtc_start(struct eap_server *s,
					struct eap_out *out)
{
	(void)s;
	out->len = strlen(GTC_PROMPT);
	memcpy(out->data, GTC_PROMPT, out->len);
	return EAP_METHOD_CONTINUE;
}

static bool matches_cleartext(const char *given, size_t len,
			      const char *password)
{
	return strlen(password) == len && !CRYPTO_memcmp(given, password, len);
}

/* crypt_rn() with the stored hash as setting must give the stored hash. */
static bool matches_crypt(const char *given, const char *hash, bool *broken)
{
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	const char *got;
	bool ok = false;

	*broken = !cd;
	if (!cd)
		return false;
	got = crypt_rn(given, hash, cd, sizeof(*cd));
	/* NULL or a "*0"-style failure token: a hash crypt cannot read. */
	if (!got || got[0] == '*')
		*broken = true;
	else
		ok = strlen(got) == strlen(hash) &&
			!CRYPTO_memcmp(got, hash, strlen(hash));
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ok;
}

static enum eap_method_result gtc_input(struct eap_server *s,
					const uint8_t *data, size_t len,
					struct eap_out *out)
{
	struct eap_credential cred;
	char given[GTC_MAX_SECRET + 1];
	bool ok, broken = false;

	(void)out;
	if (!len || len > GTC_MAX_SECRET) {
		eap_server_fail(s, EAP_FAIL_PROTOCOL,
				"GTC Response of %zu octets (1..%d)", len,
				GTC_MAX_SECRET);
		return EAP_METHOD_FAILURE;
	}
	if (!eap_server_credential(s, &cred))
		return EAP_METHOD_FAILURE;
	if (!cred.password && !cred.crypt_hash) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"the stored form of \"%s\"'s password (%s) cannot serve GTC, which needs the cleartext or a crypt(3) hash",
				s->identity, cred.has_nt_hash ? "NT hash" : "none");
		return EAP_METHOD_FAILURE;
	}
	memcpy(given, data, len);
	given[len] = '\0';
	if (memchr(data, '\0', len))
		ok = false;	/* no stored password holds a NUL */
	else if (cred.password)
		ok = matches_cleartext(given, len, cred.password);
	else
		ok = matches_crypt(given, cred.crypt_hash, &broken);
	explicit_bzero(given, sizeof(given));
	if (broken) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"crypt(3) cannot check the stored hash of \"%s\" (GTC)",
				s->identity);
		return EAP_METHOD_FAILURE;
	}
	if (!ok) {
		eap_server_fail(s, EAP_FAIL_BAD_CREDENTIALS,
				"wrong password for \"%s\" (GTC)", s->identity);
		return EAP_METHOD_FAILURE;
	}
	return EAP_METHOD_SUCCESS;
}

static void gtc_free(struct eap_server *s)
{
	s->method_state = NULL;	/* GTC keeps no state */
}

const struct eap_method_ops eap_gtc_ops = {
	.type = EAP_TYPE_GTC,
	.start = gtc_start,
	.input = gtc_input,
	.free = gtc_free,
};
