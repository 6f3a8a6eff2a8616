// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for EAP-TLS as server (daemon/auth/eap_tls.c, its
 * SSL_CTX from eap_tls_ctx.c): eap_tls_ops is driven directly on a
 * struct eap_server made here, as selftests/daemon/unit/auth_eap_tls.c
 * does, with Responses' Type-Data taken from the input.
 *
 * Input: two configuration octets, then records.
 *   [0] bit 0: a real OpenSSL client (eap_tls_peer.h) answers first
 *       bit 1: the server context allows TLS 1.3 (the shipped one: 1.2)
 *       bits 2, 6: the EAP identity (identities[]): the certificate's
 *           email, another one, its DNS name, empty
 *       bits 3-4: client certificate: 1 none, 2 from another CA, else ok
 *       bit 5: after the records the client finishes the conversation
 *   [1] bits 0-3: K, answers the client gives before the records
 *       bit 4: the client (and FRAG below) set L on every first fragment
 *       bits 5-7: the client's fragment size (one of frag_sizes[])
 * Records, by the low two bits of their first octet OP:
 *   0 RAW   [len16][octets]: one Response's Type-Data as it is
 *   1 PEER  (OP >> 2) + 1 right answers of the client (an ACK without one)
 *   2 SYNTH [flags][L32 if flags has L][len16][fill]: flags, length and
 *           LEN fill octets, sent (OP >> 2) + 1 times: long chains cheaply
 *   3 FRAG  [len16][octets]: a TLS message in well-formed fragments of
 *           ((OP >> 2) + 1) * 16 octets, so junk records reach OpenSSL
 *
 * OpenSSL's randomness comes from two fixed streams (server, client),
 * reset for every input: the PKI, the handshakes and so every input's
 * run are reproducible, and a recorded client's Responses replayed as
 * RAW records complete the handshake (the seed corpus does that; after
 * a change to the PKI here or to OpenSSL's handshake they are seeds that
 * stop at the Finished check, still useful, until they are recorded again).
 *
 * Checked on every step (abort() on violation): our Type-Data at most
 * 1 + 4 + 1000 octets; Start only first; L only on our first fragment,
 * with M, and the length it announced is what we sent; M fragments of
 * exactly 1000 octets; while our fragments are pending only an ACK
 * moves on, and to our next fragment; success only on an ACK after our
 * last fragment, with the MSK, equal to the client's when it took part;
 * a failure has a kind and a reason, no MSK and no output; nothing is
 * fed after the method ended.  Everything is freed per input.
 */
#define OPENSSL_SUPPRESS_DEPRECATED	/* RAND_METHOD, for reproducibility */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "auth/eap_method.h"
#include "../daemon/unit/eap_tls_peer.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TYPE_DATA_CAP	(EAP_PACKET_MAX - 5)	/* what eap_server.c gives */
#define OUR_FRAGMENT	1000			/* eap_tls.c FRAGMENT_MAX */
#define OUR_MAX		(1 + 4 + OUR_FRAGMENT)	/* flags, L, a fragment */
#define MAX_STEPS	1500			/* Responses per input */
#define F_L		0x80
#define F_M		0x40
#define F_S		0x20

/* ---- reproducible randomness ------------------------------------------ */

enum { RNG_SERVER, RNG_CLIENT };
static uint64_t rng_state[2];
static int rng_who = RNG_SERVER;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int rng_bytes(unsigned char *buf, int num)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < num; i++) {
		if (i % 8 == 0)
			v = splitmix64(&rng_state[rng_who]);
		buf[i] = (uint8_t)(v >> (8 * (i % 8)));
	}
	return 1;
}

static int rng_status(void)
{
	return 1;
}

/*
 * OpenSSL 3.0's RAND_bytes_ex() and RAND_priv_bytes_ex() (TLS randoms,
 * key shares, ECDSA nonces) defer to a RAND_METHOD set here.
 */
static const RAND_METHOD rng_method = {
	.bytes = rng_bytes,
	.pseudorand = rng_bytes,
	.status = rng_status,
};

static void rng_reset(void)
{
	rng_state[RNG_SERVER] = 0x5e7e5e7e;
	rng_state[RNG_CLIENT] = 0xc11e7;
	rng_who = RNG_SERVER;
}

/* ---- a throwaway PKI, once ------------------------------------------- */

static char pki_dir[64];

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_eap_tls setup: %s failed\n", what);
		ERR_print_errors_fp(stderr);
		abort();
	}
}

static const char *pki_path(const char *name)
{
	static char buf[4][128];
	static int next;
	char *p = buf[next++ % 4];

	snprintf(p, 128, "%s/%s", pki_dir, name);
	return p;
}

static void ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, ctx, nid, value);

	must(e && X509_add_ext(x, e, -1), value);
	X509_EXTENSION_free(e);
}

/* KEY's certificate named CN, by ISSUER (NULL: self-signed); fixed dates
 * so the certificates, and the handshakes, are the same every run. */
static X509 *cert(X509 *issuer, EVP_PKEY *issuer_key, EVP_PKEY *key,
		  const char *cn, long serial, bool ca, const char *san)
{
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	X509V3_CTX ctx;

	must(x && name, "X509_new");
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
				   (const unsigned char *)"vgate fuzz", -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, name);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	X509_NAME_free(name);
	must(ASN1_TIME_set_string(X509_getm_notBefore(x), "20200101000000Z") &&
	     ASN1_TIME_set_string(X509_getm_notAfter(x), "20991231235959Z"),
	     "dates");
	X509_set_pubkey(x, key);
	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	ext(x, &ctx, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
	ext(x, &ctx, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" :
					 "critical,digitalSignature");
	ext(x, &ctx, NID_subject_key_identifier, "hash");
	if (san)
		ext(x, &ctx, NID_subject_alt_name, san);
	must(X509_sign(x, issuer_key, EVP_sha256()) > 0, cn);
	return x;
}

static void write_pem(const char *file, X509 *a, X509 *b, EVP_PKEY *key)
{
	FILE *f = fopen(pki_path(file), "w");

	must(f != NULL, file);
	if (key)
		must(PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL), file);
	else
		must(PEM_write_X509(f, a) && (!b || PEM_write_X509(f, b)), file);
	fclose(f);
}

static const char *const pki_files[] = {
	"root.pem", "server.pem", "server.key", "client.pem", "client.key",
	"stranger.pem", "stranger.key",
};

/*
 * root -> inter -> server, client (chains of two: the client's
 * certificate message needs two fragments; the server's 60 names make
 * its first flight three, so a middle fragment goes out too);
 * stranger: self-signed, with the client's names.
 */
static void pki_write(void)
{
	static const char san[] = "DNS:alice.example.com,email:alice@example.com";
	EVP_PKEY *root_key, *inter_key, *server_key, *client_key, *stranger_key;
	X509 *root, *inter, *server, *client, *stranger;
	char server_san[60 * 32] = "DNS:vpn.example.com";
	size_t i;

	for (i = 1; i < 60; i++)
		snprintf(server_san + strlen(server_san),
			 sizeof(server_san) - strlen(server_san),
			 ",DNS:vpn%02zu.example.com", i);

	root_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	inter_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	server_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	client_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	stranger_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	must(root_key && inter_key && server_key && client_key && stranger_key,
	     "keys");
	root = cert(NULL, root_key, root_key, "vgate fuzz root", 1, true, NULL);
	inter = cert(root, root_key, inter_key, "vgate fuzz intermediate", 2,
		     true, NULL);
	server = cert(inter, inter_key, server_key, "vpn.example.com", 3, false,
		      server_san);
	client = cert(inter, inter_key, client_key, "alice.example.com", 4,
		      false, san);
	stranger = cert(NULL, stranger_key, stranger_key, "alice.example.com",
			5, false, san);
	write_pem("root.pem", root, NULL, NULL);
	write_pem("server.pem", server, inter, NULL);
	write_pem("server.key", NULL, NULL, server_key);
	write_pem("client.pem", client, inter, NULL);
	write_pem("client.key", NULL, NULL, client_key);
	write_pem("stranger.pem", stranger, NULL, NULL);
	write_pem("stranger.key", NULL, NULL, stranger_key);
	X509_free(root);
	X509_free(inter);
	X509_free(server);
	X509_free(client);
	X509_free(stranger);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(inter_key);
	EVP_PKEY_free(server_key);
	EVP_PKEY_free(client_key);
	EVP_PKEY_free(stranger_key);
}

/* ---- contexts, once -------------------------------------------------- */

static SSL_CTX *server_ctx[2];		/* shipped (TLS 1.2), TLS 1.3 */
enum { CLIENT_OK, CLIENT_NO_CERT, CLIENT_STRANGER };
static SSL_CTX *client_ctx[3];

static SSL_CTX *client_ctx_new(const char *chain, const char *key)
{
	struct peer *p = calloc(1, sizeof(*p));
	SSL_CTX *ctx;

	must(p && peer_init(p, pki_path("root.pem"), chain, key, 0),
	     "client context");
	ctx = p->ctx;
	SSL_free(p->ssl);	/* each input makes its own */
	free(p);
	return ctx;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[256] = "";
	size_t i;

	(void)argc;
	(void)argv;
	must(RAND_set_rand_method(&rng_method), "RAND_set_rand_method");
	rng_reset();
	snprintf(pki_dir, sizeof(pki_dir), "/tmp/vgate-fuzz-eap-tls-XXXXXX");
	must(mkdtemp(pki_dir) != NULL, "mkdtemp");
	pki_write();
	for (i = 0; i < 2; i++) {
		server_ctx[i] = eap_tls_ctx_new(pki_path("server.pem"),
						pki_path("server.key"),
						pki_path("root.pem"), NULL, err,
						sizeof(err));
		if (!server_ctx[i])
			fprintf(stderr, "%s\n", err);
		must(server_ctx[i] != NULL, "eap_tls_ctx_new");
	}
	/* As the unit test: the method does RFC 9190, the shipped cap is 1.2. */
	SSL_CTX_set_max_proto_version(server_ctx[1], TLS1_3_VERSION);
	client_ctx[CLIENT_OK] = client_ctx_new(pki_path("client.pem"),
					       pki_path("client.key"));
	client_ctx[CLIENT_NO_CERT] = client_ctx_new(NULL, NULL);
	client_ctx[CLIENT_STRANGER] = client_ctx_new(pki_path("stranger.pem"),
						     pki_path("stranger.key"));
	/* All in memory now: leave nothing in /tmp. */
	for (i = 0; i < sizeof(pki_files) / sizeof(pki_files[0]); i++)
		unlink(pki_path(pki_files[i]));
	rmdir(pki_dir);
	return 0;
}

/* ---- one conversation ------------------------------------------------- */

static const size_t frag_sizes[8] = { 1014, 1000, 999, 500, 200, 64, 16, 1 };

struct run {
	struct eap_server s;
	struct eap_out out;
	uint8_t *req;			/* our last Type-Data, TYPE_DATA_CAP */
	struct peer *peer;		/* NULL: no client */
	bool peer_gave_up;
	bool l_always;
	bool ended;
	unsigned int steps;
	/* our message being sent, as the client sees it */
	bool srv_mid;			/* a fragment with M is out */
	uint32_t srv_total;		/* its L value; 0: none */
	size_t srv_got;
	unsigned int srv_messages;	/* complete TLS messages of ours */
	uint8_t resp[1 + 4 + 65536];	/* a Response's Type-Data */
};

/* A Response that is an acknowledgement: no M, no S, no TLS octets. */
static bool is_ack(const uint8_t *d, size_t len)
{
	if (len < 1 || (d[0] & (F_M | F_S)))
		return false;
	return len == ((d[0] & F_L) ? 5u : 1u);
}

static void check_msk(const struct run *r)
{
	static const uint8_t type_code = EAP_TYPE_TLS;
	SSL *ssl = r->peer ? r->peer->ssl : NULL;
	uint8_t km[128];
	int ok;

	if (!ssl || !r->peer->done || r->peer_gave_up)
		return;
	rng_who = RNG_CLIENT;
	if (SSL_version(ssl) >= TLS1_3_VERSION)
		ok = SSL_export_keying_material(ssl, km, sizeof(km),
				"EXPORTER_EAP_TLS_Key_Material", 29,
				&type_code, 1, 1);
	else
		ok = SSL_export_keying_material(ssl, km, sizeof(km),
				"client EAP encryption", 21, NULL, 0, 0);
	rng_who = RNG_SERVER;
	if (ok != 1 || memcmp(km, r->s.msk, EAP_MSK_LEN))
		abort();	/* both ends finished, with other keys */
}

/* The invariants of one step: RESP (LEN octets) gave RES and r->out. */
static void check(struct run *r, enum eap_method_result res,
		  const uint8_t *resp, size_t len)
{
	const uint8_t *o = r->req;
	size_t n = r->out.len, at, data;
	bool was_mid = r->srv_mid;

	if (was_mid && res != EAP_METHOD_FAILURE && !is_ack(resp, len))
		abort();	/* anything but an ACK while we were sending */
	switch (res) {
	case EAP_METHOD_CONTINUE:
		if (n < 1 || n > OUR_MAX || r->s.has_msk ||
		    r->s.failure != EAP_FAIL_NONE || (o[0] & 0x3f))
			abort();	/* S, reserved bits, too long */
		at = (o[0] & F_L) ? 5 : 1;
		if (n < at)
			abort();
		data = n - at;
		if ((o[0] & F_L) && (was_mid || !(o[0] & F_M)))
			abort();	/* L only on a first of several */
		if ((o[0] & F_M) && data != OUR_FRAGMENT)
			abort();
		if (!was_mid && (o[0] & F_M) && !(o[0] & F_L))
			abort();
		if (!data && is_ack(resp, len))
			abort();	/* an ACK answered with an ACK */
		if (!data)
			break;		/* our ACK of the client's fragment */
		if (o[0] & F_L) {
			r->srv_total = (uint32_t)o[1] << 24 |
				       (uint32_t)o[2] << 16 |
				       (uint32_t)o[3] << 8 | o[4];
			r->srv_got = 0;
		} else if (!was_mid) {
			r->srv_total = 0;
			r->srv_got = 0;
		}
		r->srv_got += data;
		if (r->srv_total && r->srv_got > r->srv_total)
			abort();
		r->srv_mid = o[0] & F_M;
		if (!r->srv_mid) {
			if (r->srv_total && r->srv_got != r->srv_total)
				abort();
			r->srv_messages++;
		}
		break;
	case EAP_METHOD_SUCCESS:
		if (!is_ack(resp, len) || was_mid || !r->srv_messages ||
		    !r->s.has_msk || r->s.failure != EAP_FAIL_NONE ||
		    r->s.failure_reason[0] || n)
			abort();
		check_msk(r);
		r->ended = true;
		break;
	case EAP_METHOD_FAILURE:
		if (r->s.failure == EAP_FAIL_NONE || !r->s.failure_reason[0] ||
		    r->s.has_msk || n)
			abort();
		r->ended = true;
		break;
	default:
		abort();
	}
}

static void step(struct run *r, const uint8_t *resp, size_t len)
{
	enum eap_method_result res;

	if (r->ended)
		abort();	/* the caller stops at the end */
	r->steps++;
	r->out.len = 0;
	res = eap_tls_ops.input(&r->s, resp, len, &r->out);
	check(r, res, resp, len);
}

/* The client's answer to our last Type-Data; an ACK once it gave up. */
static void peer_step(struct run *r)
{
	size_t len = 0;

	if (r->peer && !r->peer_gave_up) {
		rng_who = RNG_CLIENT;
		if (!peer_respond(r->peer, r->req, r->out.len, r->resp, &len))
			r->peer_gave_up = true;
		rng_who = RNG_SERVER;
	}
	if (!r->peer || r->peer_gave_up) {
		r->resp[0] = 0;
		len = 1;
	}
	step(r, r->resp, len);
}

static bool peer_new(struct run *r, SSL_CTX *ctx, size_t frag, bool l_always)
{
	struct peer *p = calloc(1, sizeof(*p));

	if (!p)
		return false;
	r->peer = p;
	rng_who = RNG_CLIENT;
	SSL_CTX_up_ref(ctx);	/* peer_free() drops it */
	p->ctx = ctx;
	p->frag = frag;
	p->l_always = l_always;
	p->ssl = SSL_new(ctx);
	p->in = BIO_new(BIO_s_mem());
	p->out = BIO_new(BIO_s_mem());
	rng_who = RNG_SERVER;
	if (!p->ssl || !p->in || !p->out) {
		BIO_free(p->in);
		BIO_free(p->out);
		p->in = p->out = NULL;
		return false;
	}
	SSL_set_bio(p->ssl, p->in, p->out);
	SSL_set_connect_state(p->ssl);
	return true;
}

static size_t get16(const uint8_t *d, size_t size, size_t *pos)
{
	size_t v = 0;

	if (*pos < size)
		v = (size_t)d[(*pos)++] << 8;
	if (*pos < size)
		v |= d[(*pos)++];
	return v;
}

/* SYNTH: FLAGS [L32] LEN16 FILL, sent COUNT times while the method runs. */
static void synth(struct run *r, unsigned int count, const uint8_t *d,
		  size_t size, size_t *pos)
{
	uint8_t flags = *pos < size ? d[(*pos)++] : 0;
	size_t at = 1, len, i;

	r->resp[0] = flags;
	if (flags & F_L) {
		for (i = 0; i < 4; i++)
			r->resp[1 + i] = *pos < size ? d[(*pos)++] : 0;
		at = 5;
	}
	len = get16(d, size, pos);
	memset(r->resp + at, *pos < size ? d[(*pos)++] : 0x16, len);
	for (i = 0; i < count && !r->ended && r->steps < MAX_STEPS; i++)
		step(r, r->resp, at + len);
}

/* FRAG: the next LEN octets as one TLS message in fragments of FRAG. */
static void frag_message(struct run *r, size_t frag, const uint8_t *d,
			 size_t size, size_t *pos)
{
	size_t total = get16(d, size, pos), sent = 0;
	const uint8_t *msg = d + *pos;

	if (total > size - *pos)
		total = size - *pos;
	*pos += total;
	do {
		size_t n = total - sent < frag ? total - sent : frag, at = 1;
		bool more = sent + n < total;

		r->resp[0] = more ? F_M : 0;
		if (!sent && (more || r->l_always)) {
			r->resp[0] |= F_L;
			r->resp[1] = (uint8_t)(total >> 24);
			r->resp[2] = (uint8_t)(total >> 16);
			r->resp[3] = (uint8_t)(total >> 8);
			r->resp[4] = (uint8_t)total;
			at = 5;
		}
		memcpy(r->resp + at, msg + sent, n);
		sent += n;
		step(r, r->resp, at + n);
	} while (sent < total && !r->ended && r->steps < MAX_STEPS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const identities[4] = {
		"alice@example.com", "mallory@example.com",
		"alice.example.com", "",
	};
	struct run *r;
	size_t pos = 2;
	unsigned int i, kind;

	if (size < 2)
		return -1;
	rng_reset();
	r = calloc(1, sizeof(*r));
	if (!r || !(r->req = malloc(TYPE_DATA_CAP)))
		abort();
	r->s.p.n_methods = 1;
	r->s.p.methods[0] = EAP_TYPE_TLS;
	r->s.p.tls_ctx = server_ctx[(data[0] >> 1) & 1];
	r->s.method = &eap_tls_ops;
	snprintf(r->s.identity, sizeof(r->s.identity), "%s",
		 identities[((data[0] >> 2) & 1) | ((data[0] >> 5) & 2)]);
	r->l_always = data[1] & 0x10;
	kind = (data[0] >> 3) & 3;
	if ((data[0] & 1) &&
	    !peer_new(r, client_ctx[kind == 3 ? CLIENT_OK : kind],
		      frag_sizes[data[1] >> 5], r->l_always))
		abort();
	r->out.data = r->req;
	r->out.cap = TYPE_DATA_CAP;

	/* Start: exactly the S flag. */
	if (eap_tls_ops.start(&r->s, &r->out) != EAP_METHOD_CONTINUE ||
	    r->out.len != 1 || r->req[0] != F_S || !r->s.method_state)
		abort();

	for (i = 0; i < (data[1] & 15u) && !r->ended; i++)
		peer_step(r);

	while (pos < size && !r->ended && r->steps < MAX_STEPS) {
		uint8_t op = data[pos++];
		size_t len;

		switch (op & 3) {
		case 0:
			len = get16(data, size, &pos);
			if (len > size - pos)
				len = size - pos;
			memcpy(r->resp, data + pos, len);
			pos += len;
			step(r, r->resp, len);
			break;
		case 1:
			for (i = 0; i <= op >> 2u && !r->ended; i++)
				peer_step(r);
			break;
		case 2:
			synth(r, (op >> 2u) + 1, data, size, &pos);
			break;
		default:
			frag_message(r, ((op >> 2u) + 1) * 16, data, size,
				     &pos);
			break;
		}
	}

	/* The client finishes what the records left. */
	while ((data[0] & 0x20) && r->peer && !r->ended &&
	       r->steps < MAX_STEPS)
		peer_step(r);

	eap_tls_ops.free(&r->s);
	if (r->s.method_state)
		abort();
	if (r->peer)
		peer_free(r->peer);
	free(r->peer);
	free(r->req);
	free(r);
	ERR_clear_error();
	return 0;
}
