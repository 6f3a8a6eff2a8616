// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the EAP server (daemon/auth/eap_server.c and the
 * password methods).  The first octets choose the configuration (methods,
 * identity query, round limit), the user, and how many right answers a
 * built-in client gives first, so that arbitrary Responses reach every
 * state: the Identity phase, each method's first Request, MSCHAPv2 after
 * its Success or Failure request.  The rest are Responses, each framed
 * as [flags][length][octets]; the flags may put the expected Identifier
 * and a consistent Length in, so the fuzzer gets past the header checks.
 *
 * Checked on every step: Requests are well formed, below EAP_PACKET_MAX
 * and numbered +1; Success/Failure are 4 octets with the last Request's
 * Identifier; a failure has a kind and a reason; an MSK only from
 * MSCHAPv2 and only on success; after the end, input only fails.
 *
 * EAP-TLS is stubbed here (never configured): it has its own sources and
 * tests, and OpenSSL's handshake would drown this harness.
 */
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "auth/eap_method.h"
#include "auth/eap_mschapv2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum eap_method_result tls_stub_start(struct eap_server *s,
					     struct eap_out *out)
{
	(void)out;
	eap_server_fail(s, EAP_FAIL_PROTOCOL, "EAP-TLS is not in this harness");
	return EAP_METHOD_FAILURE;
}

static enum eap_method_result tls_stub_input(struct eap_server *s,
					     const uint8_t *d, size_t len,
					     struct eap_out *out)
{
	(void)d;
	(void)len;
	return tls_stub_start(s, out);
}

static void tls_stub_free(struct eap_server *s)
{
	s->method_state = NULL;
}

const struct eap_method_ops eap_tls_ops = {
	.type = EAP_TYPE_TLS,
	.start = tls_stub_start,
	.input = tls_stub_input,
	.free = tls_stub_free,
};

/* ---- users ---------------------------------------------------------------- */

static char md5crypt_hash[CRYPT_OUTPUT_SIZE];	/* cheap: the fuzzer calls it often */

static const char *const user_names[] = {
	"alice", "hashed", "ntonly", "nobody", "DOM\\alice",
};

static bool lookup(void *ctx, const char *user, struct eap_credential *out)
{
	(void)ctx;
	if (!strcmp(user, "alice") || !strcmp(user, "DOM\\alice"))
		out->password = "secret";
	else if (!strcmp(user, "hashed"))
		out->crypt_hash = md5crypt_hash;
	else if (!strcmp(user, "ntonly"))
		out->has_nt_hash = mschapv2_nt_hash("secret", out->nt_hash);
	else
		return false;
	return true;
}

static void init_once(void)
{
	static bool done;
	struct crypt_data *cd;

	if (done)
		return;
	done = true;
	cd = calloc(1, sizeof(*cd));
	if (!cd || !crypt_rn("secret", "$1$fuzzsalt", cd, sizeof(*cd)))
		abort();
	strcpy(md5crypt_hash, cd->output);
	free(cd);
}

/* ---- the built-in client: a right answer to the last Request ------------ */

struct run {
	struct eap_server *s;
	uint8_t req[EAP_PACKET_MAX];
	size_t req_len;
	enum eap_status st;
	uint8_t last_id;
	bool ended;
};

static size_t right_answer(const struct run *r, const char *user,
			   uint8_t *pkt)
{
	const uint8_t *q = r->req;
	size_t len = 0;

	switch (q[4]) {
	case EAP_TYPE_IDENTITY:
		len = strlen(user);
		memcpy(pkt + 5, user, len);
		break;
	case EAP_TYPE_MD5: {
		unsigned int n;
		EVP_MD_CTX *ctx = EVP_MD_CTX_new();

		EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
		EVP_DigestUpdate(ctx, &q[1], 1);
		EVP_DigestUpdate(ctx, "secret", 6);
		EVP_DigestUpdate(ctx, q + 6, 16);
		EVP_DigestFinal_ex(ctx, pkt + 6, &n);
		EVP_MD_CTX_free(ctx);
		pkt[5] = 16;
		len = 17;
		break;
	}
	case EAP_TYPE_GTC:
		memcpy(pkt + 5, "secret", 6);
		len = 6;
		break;
	case EAP_TYPE_MSCHAPV2:
		if (q[5] == 1) {	/* Challenge */
			uint8_t nt_hash[16], *b = pkt + 5;
			size_t ulen, nlen = strlen(user);
			const char *u = mschapv2_user_part(user, nlen, &ulen);

			len = 54 + nlen;
			memset(b, 0, len);
			b[0] = 2;
			b[1] = q[6];
			b[2] = (uint8_t)(len >> 8);
			b[3] = (uint8_t)len;
			b[4] = 49;
			memset(b + 5, 0x42, 16);
			mschapv2_nt_hash("secret", nt_hash);
			mschapv2_nt_response(q + 10, b + 5, u, ulen, nt_hash,
					     b + 29);
			memcpy(b + 54, user, nlen);
		} else {		/* Success or Failure: echo the OpCode */
			pkt[5] = q[5];
			len = 1;
		}
		break;
	default:
		abort();	/* the server sent a Request of no known type */
	}
	pkt[0] = 2;
	pkt[1] = q[1];
	pkt[2] = (uint8_t)((len + 5) >> 8);
	pkt[3] = (uint8_t)(len + 5);
	pkt[4] = q[4];
	return len + 5;
}

/* ---- invariants ------------------------------------------------------------ */

static void check_step(struct run *r, enum eap_status st, const uint8_t *out,
		       size_t len, bool first)
{
	uint8_t msk[EAP_MSK_LEN];

	if (st == EAP_STATUS_CONTINUE) {
		if (len < 5 || len > EAP_PACKET_MAX || out[0] != 1 ||
		    (size_t)(out[2] << 8 | out[3]) != len)
			abort();
		if (!first && out[1] != (uint8_t)(r->last_id + 1))
			abort();
		r->last_id = out[1];
		if (eap_server_msk(r->s, msk))
			abort();
	} else {
		if (len != 4 || out[1] != r->last_id || out[2] || out[3] != 4)
			abort();
		if (st == EAP_STATUS_SUCCESS) {
			if (out[0] != 3 || eap_server_failure(r->s) != EAP_FAIL_NONE ||
			    eap_server_failure_reason(r->s)[0])
				abort();
			if (eap_server_msk(r->s, msk) !=
			    (eap_server_method(r->s) == EAP_TYPE_MSCHAPV2))
				abort();
		} else {
			if (out[0] != 4 ||
			    eap_server_failure(r->s) == EAP_FAIL_NONE ||
			    !eap_server_failure_reason(r->s)[0] ||
			    eap_server_msk(r->s, msk))
				abort();
		}
		r->ended = true;
	}
	r->st = st;
	memcpy(r->req, out, len);
	r->req_len = len;
}

static void feed(struct run *r, const uint8_t *pkt, size_t len)
{
	uint8_t out[EAP_PACKET_MAX];
	size_t out_len = 0;
	enum eap_status st;

	st = eap_server_input(r->s, pkt, len, out, sizeof(out), &out_len);
	if (r->ended) {
		/* After the end only a Failure, with the same Identifier. */
		if (st != EAP_STATUS_FAILURE || out_len != 4 || out[0] != 4 ||
		    out[1] != r->last_id)
			abort();
		return;
	}
	check_step(r, st, out, out_len, false);
}

static const enum eap_type method_sets[8][3] = {
	{ EAP_TYPE_MD5 },
	{ EAP_TYPE_GTC },
	{ EAP_TYPE_MSCHAPV2 },
	{ EAP_TYPE_MD5, EAP_TYPE_GTC },
	{ EAP_TYPE_MSCHAPV2, EAP_TYPE_MD5 },
	{ EAP_TYPE_GTC, EAP_TYPE_MSCHAPV2, EAP_TYPE_MD5 },
	{ EAP_TYPE_MD5, EAP_TYPE_MSCHAPV2 },
	{ EAP_TYPE_GTC, EAP_TYPE_MD5 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eap_server_params p;
	struct run r;
	uint8_t out[EAP_PACKET_MAX], pkt[2048];
	size_t out_len = 0, pos = 3, i;
	const char *user;
	unsigned int right, n;

	if (size < 3 || size > 8192)
		return -1;
	init_once();
	memset(&p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	for (n = 0; n < 3 && method_sets[data[0] & 7][n]; n++)
		p.methods[n] = method_sets[data[0] & 7][n];
	p.n_methods = n;
	p.query_identity = data[0] & 8;
	p.max_rounds = (data[0] >> 4) & 7;	/* 0: the default 50 */
	user = user_names[data[1] % (sizeof(user_names) / sizeof(user_names[0]))];
	p.identity = user;
	p.lookup = lookup;
	right = data[2] & 3;		/* right answers before the fuzz */

	r.s = eap_server_new(&p);
	if (!r.s)
		abort();
	check_step(&r, eap_server_start(r.s, out, sizeof(out), &out_len),
		   out, out_len, true);

	for (i = 0; i < right && !r.ended; i++) {
		size_t len = right_answer(&r, user, pkt);

		feed(&r, pkt, len);
	}

	/* Responses from the input: [flags][len][octets]. */
	while (pos + 2 <= size) {
		uint8_t flags = data[pos];
		size_t len = data[pos + 1];

		pos += 2;
		if (flags & 4)		/* a longer one: a second length octet */
			len = len << 3 | (pos < size ? data[pos++] & 7 : 0);
		if (len > size - pos)
			len = size - pos;
		memcpy(pkt, data + pos, len);
		pos += len;
		if ((flags & 1) && len >= 2)
			pkt[1] = r.last_id;
		if ((flags & 2) && len >= 4) {
			pkt[0] = 2;
			pkt[2] = (uint8_t)(len >> 8);
			pkt[3] = (uint8_t)len;
		}
		if ((flags & 8) && !r.ended) {	/* a right answer in between */
			size_t right_len = right_answer(&r, user, pkt);

			feed(&r, pkt, right_len);
			continue;
		}
		feed(&r, pkt, len);
	}
	eap_server_free(r.s);
	return 0;
}
