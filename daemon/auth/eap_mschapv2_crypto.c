// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MS-CHAPv2's computations (RFC 2759 §8) and the MPPE keys (RFC 3079
 * §3.4) that make the EAP-MSCHAPv2 MSK.
 *
 * Choices:
 * - MD4 is our own (eap_mschapv2_md4.c): OpenSSL 3 keeps it in the
 *   "legacy" provider, which may be absent.
 * - DES: single DES-ECB is also legacy-only in OpenSSL 3 (Debian 12's
 *   3.0 refuses "DES-ECB" from the default provider), but DES-EDE3-ECB
 *   is in the default provider, and three equal keys make EDE3 exactly
 *   single DES (E_k(D_k(E_k(x))) = E_k(x)).  So each 7-octet piece of
 *   the hash becomes a DES key used three times.
 * - The MSK matches strongSwan 5.9.8 (eap_mschapv2.c, GenerateMSK()),
 *   our interop peer, which builds it alike on client and server.
 */
#include <string.h>

#include <openssl/evp.h>

#include "auth/eap_mschapv2.h"

/* RFC 2759 §8.7 and RFC 3079 §3.4's constants, as text. */
static const char magic_server_signing[] = "Magic server to client signing constant";
static const char magic_pad[] = "Pad to make it do more than one iteration";
static const char magic_master[] = "This is the MPPE Master Key";
/* Client send = server receive. */
static const char magic_client_send[] =
	"On the client side, this is the send key; "
	"on the server side, it is the receive key.";
/* Client receive = server send. */
static const char magic_client_receive[] =
	"On the client side, this is the receive key; "
	"on the server side, it is the send key.";

struct piece {
	const void *data;
	size_t len;
};

/* SHA1 over PIECES, N of them, into OUT (20 octets). */
static bool sha1_of(const struct piece *pieces, size_t n, uint8_t out[20])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL);
	size_t i;

	for (i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, pieces[i].data, pieces[i].len);
	ok = ok && EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	return ok;
}

/* Next code point of UTF-8 text, or -1 when the text is not UTF-8. */
static long next_code_point(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned int n, i;
	long c;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] < 0xe0) {
		n = 1;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] < 0xf0) {
		n = 2;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] < 0xf5) {
		n = 3;
		c = s[0] & 0x07;
	} else {
		return -1;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are not UTF-8. */
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return -1;
	*p = s + n + 1;
	return c;
}

bool mschapv2_nt_hash(const char *password, uint8_t out[MSCHAPV2_NT_HASH_LEN])
{
	/* Each octet gives at most one UTF-16 unit (4 octets: 2 units). */
	size_t cap = 2 * strlen(password), len = 0;
	const unsigned char *p = (const unsigned char *)password;
	uint8_t buf[2 * 256];
	bool ok = true;

	if (cap > sizeof(buf))
		return false;
	while (*p) {
		long c = next_code_point(&p);

		if (c < 0) {
			ok = false;
			break;
		}
		if (c >= 0x10000) {
			long hi = 0xd800 + ((c - 0x10000) >> 10);
			long lo = 0xdc00 + ((c - 0x10000) & 0x3ff);

			buf[len++] = (uint8_t)hi;
			buf[len++] = (uint8_t)(hi >> 8);
			c = lo;
		}
		buf[len++] = (uint8_t)c;
		buf[len++] = (uint8_t)(c >> 8);
	}
	if (ok)
		mschapv2_md4(buf, len, out);
	explicit_bzero(buf, sizeof(buf));
	return ok;
}

bool mschapv2_challenge_hash(const uint8_t peer[MSCHAPV2_CHALLENGE_LEN],
			     const uint8_t auth[MSCHAPV2_CHALLENGE_LEN],
			     const char *user, size_t user_len,
			     uint8_t out[MSCHAPV2_CHALLENGE_HASH_LEN])
{
	const struct piece in[] = {
		{ peer, MSCHAPV2_CHALLENGE_LEN },
		{ auth, MSCHAPV2_CHALLENGE_LEN },
		{ user, user_len },
	};
	uint8_t digest[20];
	bool ok = sha1_of(in, 3, digest);

	memcpy(out, digest, MSCHAPV2_CHALLENGE_HASH_LEN);
	return ok;
}

/* 56 key bits (7 octets) spread over 8 octets, the low bit of each unused. */
static void des_key_from_7(const uint8_t in[7], uint8_t out[8])
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		unsigned int bit = 7 * i, byte = bit / 8, shift = bit % 8;
		unsigned int v = (unsigned int)in[byte] << 8 |
			(byte + 1 < 7 ? in[byte + 1] : 0);

		out[i] = (uint8_t)((v << shift >> 8) & 0xfe);
	}
}

/* DES-ECB of one block: DES-EDE3 with K1 = K2 = K3 (see the header). */
static bool des_encrypt(const uint8_t key7[7], const uint8_t in[8],
			uint8_t out[8])
{
	uint8_t key[24];
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0;
	bool ok;

	des_key_from_7(key7, key);
	memcpy(key + 8, key, 8);
	memcpy(key + 16, key, 8);
	ok = ctx && EVP_EncryptInit_ex(ctx, EVP_des_ede3_ecb(), NULL, key, NULL) &&
		EVP_CIPHER_CTX_set_padding(ctx, 0) &&
		EVP_EncryptUpdate(ctx, out, &n, in, 8) && n == 8;
	EVP_CIPHER_CTX_free(ctx);
	explicit_bzero(key, sizeof(key));
	return ok;
}

bool mschapv2_challenge_response(const uint8_t hash[MSCHAPV2_CHALLENGE_HASH_LEN],
				 const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
				 uint8_t out[MSCHAPV2_NT_RESPONSE_LEN])
{
	uint8_t z[21] = { 0 };	/* the hash, zero-padded to 3 DES keys */
	bool ok;

	memcpy(z, nt_hash, MSCHAPV2_NT_HASH_LEN);
	ok = des_encrypt(z, hash, out) && des_encrypt(z + 7, hash, out + 8) &&
		des_encrypt(z + 14, hash, out + 16);
	explicit_bzero(z, sizeof(z));
	return ok;
}

bool mschapv2_nt_response(const uint8_t auth[MSCHAPV2_CHALLENGE_LEN],
			  const uint8_t peer[MSCHAPV2_CHALLENGE_LEN],
			  const char *user, size_t user_len,
			  const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
			  uint8_t out[MSCHAPV2_NT_RESPONSE_LEN])
{
	uint8_t hash[MSCHAPV2_CHALLENGE_HASH_LEN];

	return mschapv2_challenge_hash(peer, auth, user, user_len, hash) &&
		mschapv2_challenge_response(hash, nt_hash, out);
}

bool mschapv2_authenticator_response(const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
				     const uint8_t nt_response[MSCHAPV2_NT_RESPONSE_LEN],
				     const uint8_t peer[MSCHAPV2_CHALLENGE_LEN],
				     const uint8_t auth[MSCHAPV2_CHALLENGE_LEN],
				     const char *user, size_t user_len,
				     uint8_t out[MSCHAPV2_AUTH_RESPONSE_LEN])
{
	uint8_t hash_hash[MSCHAPV2_NT_HASH_LEN], digest[20];
	uint8_t challenge[MSCHAPV2_CHALLENGE_HASH_LEN];
	const struct piece first[] = {
		{ hash_hash, sizeof(hash_hash) },
		{ nt_response, MSCHAPV2_NT_RESPONSE_LEN },
		{ magic_server_signing, sizeof(magic_server_signing) - 1 },
	};
	const struct piece second[] = {
		{ digest, sizeof(digest) },
		{ challenge, sizeof(challenge) },
		{ magic_pad, sizeof(magic_pad) - 1 },
	};
	bool ok;

	mschapv2_md4(nt_hash, MSCHAPV2_NT_HASH_LEN, hash_hash);
	ok = sha1_of(first, 3, digest) &&
		mschapv2_challenge_hash(peer, auth, user, user_len, challenge) &&
		sha1_of(second, 3, out);
	explicit_bzero(hash_hash, sizeof(hash_hash));
	explicit_bzero(digest, sizeof(digest));
	return ok;
}

bool mschapv2_master_key(const uint8_t nt_hash_hash[MSCHAPV2_NT_HASH_LEN],
			 const uint8_t nt_response[MSCHAPV2_NT_RESPONSE_LEN],
			 uint8_t out[MSCHAPV2_KEY_LEN])
{
	const struct piece in[] = {
		{ nt_hash_hash, MSCHAPV2_NT_HASH_LEN },
		{ nt_response, MSCHAPV2_NT_RESPONSE_LEN },
		{ magic_master, sizeof(magic_master) - 1 },
	};
	uint8_t digest[20];
	bool ok = sha1_of(in, 3, digest);

	memcpy(out, digest, MSCHAPV2_KEY_LEN);
	explicit_bzero(digest, sizeof(digest));
	return ok;
}

bool mschapv2_start_key(const uint8_t master[MSCHAPV2_KEY_LEN], bool is_send,
			bool is_server, uint8_t out[MSCHAPV2_KEY_LEN])
{
	static const uint8_t pad1[40];	/* SHSpad1: zeros */
	uint8_t pad2[40], digest[20];
	/* The client's send key is the server's receive key. */
	const char *magic = is_send == is_server ? magic_client_receive :
		magic_client_send;
	const struct piece in[] = {
		{ master, MSCHAPV2_KEY_LEN },
		{ pad1, sizeof(pad1) },
		{ magic, strlen(magic) },
		{ pad2, sizeof(pad2) },
	};
	bool ok;

	memset(pad2, 0xf2, sizeof(pad2));	/* SHSpad2 */
	ok = sha1_of(in, 4, digest);
	memcpy(out, digest, MSCHAPV2_KEY_LEN);
	explicit_bzero(digest, sizeof(digest));
	return ok;
}

bool mschapv2_msk(const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
		  const uint8_t nt_response[MSCHAPV2_NT_RESPONSE_LEN],
		  uint8_t out[MSCHAPV2_MSK_LEN])
{
	uint8_t hash_hash[MSCHAPV2_NT_HASH_LEN], master[MSCHAPV2_KEY_LEN];
	bool ok;

	memset(out, 0, MSCHAPV2_MSK_LEN);
	mschapv2_md4(nt_hash, MSCHAPV2_NT_HASH_LEN, hash_hash);
	ok = mschapv2_master_key(hash_hash, nt_response, master) &&
		mschapv2_start_key(master, false, true, out) &&
		mschapv2_start_key(master, true, true, out + MSCHAPV2_KEY_LEN);
	explicit_bzero(hash_hash, sizeof(hash_hash));
	explicit_bzero(master, sizeof(master));
	if (!ok)
		explicit_bzero(out, MSCHAPV2_MSK_LEN);
	return ok;
}

const char *mschapv2_user_part(const char *name, size_t len, size_t *part_len)
{
	const char *slash = memchr(name, '\\', len);

	if (!slash) {
		*part_len = len;
		return name;
	}
	*part_len = len - (size_t)(slash + 1 - name);
	return slash + 1;
}
