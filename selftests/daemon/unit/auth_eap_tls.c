// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EAP-TLS as server (daemon/auth/eap_tls.c, eap_tls_ctx.c) against an
 * OpenSSL client with EAP-TLS framing of its own (eap_tls_peer.h):
 * TLS 1.2 and (the context's cap lifted) 1.3 handshakes with fragments
 * both ways, the MSK checked against the RFCs' derivations, rejected
 * client certificates, and malformed framing.  eap_tls_ops is driven directly with a struct
 * eap_server made here.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "auth_cert_pki.h"
#include "eap_tls_kdf.h"
#include "eap_tls_peer.h"
#include "leak_check.h"
#include "auth/eap_method.h"

#define TYPE_DATA_MAX	(EAP_PACKET_MAX - 5)	/* after Code..Type */

struct conv {
	struct eap_server s;
	struct peer p;
	uint8_t req[TYPE_DATA_MAX], resp[65536 + 16];
	struct eap_out out;
	size_t resp_len;
	unsigned int requests;
	enum eap_method_result result;
};

/* The server's context on p256's chain, clients' anchors ROOT. */
static SSL_CTX *server_ctx(struct __test_metadata *_metadata,
			   const char *root, const char *crl)
{
	char err[256] = "";
	SSL_CTX *ctx = eap_tls_ctx_new(pki("p256-chain.pem"), pki("p256.key"),
				       pki(root), crl ? pki(crl) : NULL, err,
				       sizeof(err));

	EXPECT_NE(NULL, ctx) TH_LOG("%s", err);
	return ctx;
}

/* A server on CTX (taken) and a client with EE's chain (NULL: none). */
static void conv_init(struct __test_metadata *_metadata, struct conv *c,
		      SSL_CTX *ctx, const char *ee, int max_version)
{
	char chain[32], key[32];

	memset(c, 0, sizeof(*c));
	c->s.p.n_methods = 1;
	c->s.p.methods[0] = EAP_TYPE_TLS;
	c->s.p.tls_ctx = ctx;
	/* The method does RFC 9190's TLS 1.3; the shipped context stops at 1.2. */
	if (ctx && max_version == TLS1_3_VERSION)
		SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
	c->s.method = &eap_tls_ops;
	snprintf(c->s.identity, sizeof(c->s.identity), "%s@example.com",
		 ee ? ee : "nobody");
	snprintf(chain, sizeof(chain), "%s-chain.pem", ee ? ee : "");
	snprintf(key, sizeof(key), "%s.key", ee ? ee : "");
	ASSERT_TRUE(peer_init(&c->p, pki("root.pem"), ee ? pki(chain) : NULL,
			      pki(key), max_version)) TH_LOG("client setup");
	SSL_CTX_set_keylog_callback(c->p.ctx, kdf_keylog);
	c->out.data = c->req;
	c->out.cap = sizeof(c->req);
}

static void conv_free(struct conv *c)
{
	eap_tls_ops.free(&c->s);
	SSL_CTX_free(c->s.p.tls_ctx);
	peer_free(&c->p);
}

/* Runs the method from its start until it ends or the client gives up. */
static void converse(struct __test_metadata *_metadata, struct conv *c)
{
	c->out.len = 0;
	c->result = eap_tls_ops.start(&c->s, &c->out);
	while (c->result == EAP_METHOD_CONTINUE && c->requests < 60) {
		c->requests++;
		ASSERT_GE(TYPE_DATA_MAX, c->out.len);
		if (!peer_respond(&c->p, c->req, c->out.len, c->resp,
				  &c->resp_len))
			break;
		c->out.len = 0;
		c->result = eap_tls_ops.input(&c->s, c->resp, c->resp_len,
					      &c->out);
	}
}

/* A whole handshake that must succeed; checks the MSK both ways. */
static void handshake_ok(struct __test_metadata *_metadata, struct conv *c,
			 int version)
{
	static const uint8_t type_code = EAP_TYPE_TLS;
	uint8_t client_msk[128], long_way[64];

	converse(_metadata, c);
	ASSERT_EQ(EAP_METHOD_SUCCESS, c->result)
		TH_LOG("%s | %s", c->s.failure_reason, c->p.error);
	ASSERT_EQ(version, SSL_version(c->p.ssl));
	ASSERT_TRUE(c->s.has_msk);
	if (version == TLS1_3_VERSION) {
		EXPECT_TRUE(c->p.got_commitment);
		EXPECT_EQ(0, c->p.commitment);
		ASSERT_EQ(1, SSL_export_keying_material(c->p.ssl, client_msk,
				128, "EXPORTER_EAP_TLS_Key_Material", 29,
				&type_code, 1, 1));
		ASSERT_TRUE(kdf_msk_tls13(c->p.ssl,
					  "EXPORTER_EAP_TLS_Key_Material",
					  &type_code, 1, long_way));
	} else {
		EXPECT_FALSE(c->p.got_commitment);
		ASSERT_EQ(1, SSL_export_keying_material(c->p.ssl, client_msk,
				128, "client EAP encryption", 21, NULL, 0, 0));
		ASSERT_TRUE(kdf_msk_tls12(c->p.ssl, long_way));
	}
	EXPECT_EQ(0, memcmp(c->s.msk, client_msk, EAP_MSK_LEN));
	EXPECT_EQ(0, memcmp(c->s.msk, long_way, EAP_MSK_LEN));
}

TEST(tls12_fragments_both_ways)
{
	struct conv *c = calloc(1, sizeof(*c));

	conv_init(_metadata, c, server_ctx(_metadata, "root.pem", "crl.pem"),
		  "rsa", TLS1_2_VERSION);
	handshake_ok(_metadata, c, TLS1_2_VERSION);
	EXPECT_LE(1, c->p.server_fragments);	/* our first flight */
	EXPECT_LE(1, c->p.our_fragments);	/* RSA chain, signature */
	conv_free(c);
	free(c);
	EXPECT_EQ(0, leaks_found());
}

TEST(tls13_commitment_and_rfc9190_msk)
{
	struct conv *c = calloc(1, sizeof(*c));
	uint8_t draft[64];

	conv_init(_metadata, c, server_ctx(_metadata, "root.pem", "crl.pem"),
		  "rsa", TLS1_3_VERSION);
	handshake_ok(_metadata, c, TLS1_3_VERSION);
	EXPECT_LE(1, c->p.server_fragments);
	EXPECT_LE(1, c->p.our_fragments);
	/* strongSwan 5.9.8's pre-RFC 9190 derivation gives another MSK. */
	ASSERT_TRUE(kdf_msk_tls13(c->p.ssl, "client EAP encryption", NULL, 0,
				  draft));
	EXPECT_NE(0, memcmp(c->s.msk, draft, EAP_MSK_LEN));
	conv_free(c);
	free(c);
	EXPECT_EQ(0, leaks_found());
}

/* A client that could do 1.3 gets 1.2 from the shipped context. */
TEST(shipped_context_negotiates_tls12)
{
	struct conv *c = calloc(1, sizeof(*c));

	conv_init(_metadata, c, server_ctx(_metadata, "root.pem", NULL),
		  "p521", 0);
	handshake_ok(_metadata, c, TLS1_2_VERSION);
	conv_free(c);
	free(c);
	EXPECT_EQ(0, leaks_found());
}

/* strongSwan's framing: L on every message, small fragments too. */
TEST(client_length_always_small_fragments)
{
	static const int versions[] = { TLS1_2_VERSION, TLS1_3_VERSION };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct conv *c = calloc(1, sizeof(*c));

		conv_init(_metadata, c,
			  server_ctx(_metadata, "anchors2.pem", NULL), "p384",
			  versions[i]);
		c->p.l_always = true;
		c->p.frag = 200;
		handshake_ok(_metadata, c, versions[i]);
		EXPECT_LE(2, c->p.our_fragments);
		conv_free(c);
		free(c);
	}
	EXPECT_EQ(0, leaks_found());
}

/* A rejected client: KIND and both strings in the reason. */
static void rejected(struct __test_metadata *_metadata, const char *root,
		     const char *crl, const char *ee, int version,
		     enum eap_failure kind, const char *why, const char *who)
{
	struct conv *c = calloc(1, sizeof(*c));

	conv_init(_metadata, c, server_ctx(_metadata, root, crl), ee, version);
	converse(_metadata, c);
	EXPECT_EQ(EAP_METHOD_FAILURE, c->result) TH_LOG("%s", c->p.error);
	EXPECT_EQ(kind, c->s.failure);
	EXPECT_NE(NULL, strstr(c->s.failure_reason, why))
		TH_LOG("%s", c->s.failure_reason);
	if (who)
		EXPECT_NE(NULL, strstr(c->s.failure_reason, who))
			TH_LOG("%s", c->s.failure_reason);
	EXPECT_FALSE(c->s.has_msk);
	conv_free(c);
	free(c);
}

TEST(client_certificate_from_another_ca)
{
	rejected(_metadata, "other-root.pem", NULL, "rsa", TLS1_2_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "unable to get local issuer",
		 "CN=rsa.vpn.example.com");
	rejected(_metadata, "other-root.pem", NULL, "p256", TLS1_3_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "unable to get local issuer",
		 "CN=p256.vpn.example.com");
	EXPECT_EQ(0, leaks_found());
}

/* A valid certificate proves its own name only: rsa's cannot log in as p256. */
TEST(certificate_must_name_the_identity)
{
	struct conv c;

	conv_init(_metadata, &c, server_ctx(_metadata, "root.pem", NULL), "rsa",
		  TLS1_2_VERSION);
	snprintf(c.s.identity, sizeof(c.s.identity), "p256@example.com");
	converse(_metadata, &c);
	EXPECT_EQ(EAP_METHOD_FAILURE, c.result);
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, c.s.failure);
	EXPECT_NE(NULL, strstr(c.s.failure_reason, "does not name the identity"))
		TH_LOG("%s", c.s.failure_reason);
	EXPECT_FALSE(c.s.has_msk);
	conv_free(&c);
	EXPECT_EQ(0, leaks_found());
}

TEST(revoked_and_expired_client_certificates)
{
	rejected(_metadata, "root.pem", "crl.pem", "revoked", TLS1_2_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "certificate revoked",
		 "CN=revoked.vpn.example.com");
	rejected(_metadata, "root.pem", "crl.pem", "revoked", TLS1_3_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "certificate revoked",
		 "CN=revoked.vpn.example.com");
	rejected(_metadata, "root.pem", NULL, "expired", TLS1_3_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "certificate has expired",
		 "CN=expired.vpn.example.com");
	/* A CRL that is out of date fails every client (CRL_CHECK_ALL). */
	rejected(_metadata, "root.pem", "crl-stale.pem", "p256",
		 TLS1_2_VERSION, EAP_FAIL_BAD_CREDENTIALS, "CRL has expired",
		 "CN=p256.vpn.example.com");
	EXPECT_EQ(0, leaks_found());
}

TEST(client_without_certificate)
{
	rejected(_metadata, "root.pem", NULL, NULL, TLS1_2_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "sent no certificate", NULL);
	rejected(_metadata, "root.pem", NULL, NULL, TLS1_3_VERSION,
		 EAP_FAIL_BAD_CREDENTIALS, "sent no certificate", NULL);
	EXPECT_EQ(0, leaks_found());
}

/* ---- malformed framing ------------------------------------------------ */

/* A TLS 1.2 client with p256's chain, and the server's Start sent. */
static struct conv *started(struct __test_metadata *_metadata)
{
	struct conv *c = calloc(1, sizeof(*c));

	conv_init(_metadata, c, server_ctx(_metadata, "root.pem", NULL),
		  "p256", TLS1_2_VERSION);
	c->out.len = 0;
	EXPECT_EQ(EAP_METHOD_CONTINUE, eap_tls_ops.start(&c->s, &c->out));
	EXPECT_EQ(1, c->out.len);
	EXPECT_EQ(0x20, c->req[0]);
	return c;
}

static enum eap_method_result feed(struct conv *c, const uint8_t *data,
				   size_t len)
{
	c->out.len = 0;
	return eap_tls_ops.input(&c->s, data, len, &c->out);
}

/* Feeds DATA, which must end the method with EAP_FAIL_PROTOCOL and WHY. */
static void refused(struct __test_metadata *_metadata, struct conv *c,
		    const uint8_t *data, size_t len, const char *why)
{
	EXPECT_EQ(EAP_METHOD_FAILURE, feed(c, data, len));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, c->s.failure);
	EXPECT_NE(NULL, strstr(c->s.failure_reason, why))
		TH_LOG("%s", c->s.failure_reason);
	conv_free(c);
	free(c);
}

/* Type-Data: FLAGS, the length TOTAL when L is set, N octets of 0x16. */
static size_t fragment(uint8_t *buf, uint8_t flags, uint32_t total, size_t n)
{
	size_t at = 1;

	buf[0] = flags;
	if (flags & PEER_L) {
		buf[1] = (uint8_t)(total >> 24);
		buf[2] = (uint8_t)(total >> 16);
		buf[3] = (uint8_t)(total >> 8);
		buf[4] = (uint8_t)total;
		at = 5;
	}
	memset(buf + at, 0x16, n);
	return at + n;
}

/* Feeds a fragment that the server must acknowledge. */
static void acked(struct __test_metadata *_metadata, struct conv *c,
		  uint8_t flags, uint32_t total, size_t n)
{
	uint8_t buf[1100];

	ASSERT_EQ(EAP_METHOD_CONTINUE,
		  feed(c, buf, fragment(buf, flags, total, n)))
		TH_LOG("%s", c->s.failure_reason);
	ASSERT_EQ(1, c->out.len);
	ASSERT_EQ(0, c->req[0]);
}

TEST(malformed_flags_and_lengths)
{
	static const uint8_t start[] = { 0x20 }, short_l[] = { 0x80, 0, 1 };
	static const uint8_t ack[] = { 0x00 };
	static const uint8_t empty_more[] = { 0xc0, 0, 0, 0, 10 };
	static const uint8_t no_l[] = { 0x40, 0x16, 0x03, 0x03 };
	static const uint8_t http[] = { 0x00, 'G', 'E', 'T', ' ', '/', ' ',
					'H', 'T', 'T', 'P' };
	uint8_t buf[1100];

	refused(_metadata, started(_metadata), buf, 0, "without flags");
	refused(_metadata, started(_metadata), start, 1, "Start flag");
	refused(_metadata, started(_metadata), short_l, 3, "without a length");
	refused(_metadata, started(_metadata), ack, 1, "acknowledgement when");
	refused(_metadata, started(_metadata), empty_more, 5, "empty fragment");
	refused(_metadata, started(_metadata), no_l, 4, "without the L flag");
	refused(_metadata, started(_metadata), http, sizeof(http),
		"TLS handshake failed");
	refused(_metadata, started(_metadata), buf,
		fragment(buf, PEER_L | PEER_M, 65537, 1000), "more than 65536");
	EXPECT_EQ(0, leaks_found());
}

TEST(reassembly_bounds)
{
	struct conv *c = started(_metadata);
	uint8_t buf[1100];
	unsigned int i;

	/* 64 KiB announced and sent in full is still refused past it. */
	acked(_metadata, c, PEER_L | PEER_M, 65536, 1000);
	for (i = 1; i < 65; i++)
		acked(_metadata, c, PEER_M, 0, 1000);
	refused(_metadata, c, buf, fragment(buf, PEER_M, 0, 1000),
		"exceeds its announced length");

	c = started(_metadata);
	acked(_metadata, c, PEER_L | PEER_M, 1500, 1000);
	refused(_metadata, c, buf, fragment(buf, 0, 0, 600),
		"exceeds its announced length");

	c = started(_metadata);
	acked(_metadata, c, PEER_L | PEER_M, 1500, 1000);
	refused(_metadata, c, buf, fragment(buf, 0, 0, 200), "1500 announced");

	c = started(_metadata);
	acked(_metadata, c, PEER_L | PEER_M, 1500, 1000);
	refused(_metadata, c, buf, fragment(buf, PEER_L, 1600, 500),
		"changed from 1500 to 1600");
	EXPECT_EQ(0, leaks_found());
}

/* Runs a real handshake until the client has sent RESPONSES responses. */
static struct conv *partway(struct __test_metadata *_metadata,
			    unsigned int responses)
{
	struct conv *c = started(_metadata);
	unsigned int i;

	for (i = 0; i < responses; i++) {
		EXPECT_TRUE(peer_respond(&c->p, c->req, c->out.len, c->resp,
					 &c->resp_len)) TH_LOG("%s", c->p.error);
		EXPECT_EQ(EAP_METHOD_CONTINUE,
			  feed(c, c->resp, c->resp_len))
			TH_LOG("%s", c->s.failure_reason);
	}
	return c;
}

TEST(data_where_an_ack_is_due)
{
	/* A TLS alert record (fatal, close_notify) as if unencrypted. */
	static const uint8_t alert[] = { 0x00, 0x15, 0x03, 0x03, 0x00, 0x02,
					 0x02, 0x00 };
	struct conv *c = partway(_metadata, 1);	/* ClientHello answered */

	ASSERT_EQ(PEER_L | PEER_M, c->req[0] & (PEER_L | PEER_M));
	refused(_metadata, c, alert, sizeof(alert),
		"where an acknowledgement was due");

	/* The same in place of the final ACK of a finished handshake. */
	c = started(_metadata);
	while (!c->p.done) {
		ASSERT_TRUE(peer_respond(&c->p, c->req, c->out.len, c->resp,
					 &c->resp_len)) TH_LOG("%s", c->p.error);
		if (c->p.done)
			break;
		ASSERT_EQ(EAP_METHOD_CONTINUE, feed(c, c->resp, c->resp_len))
			TH_LOG("%s", c->s.failure_reason);
	}
	ASSERT_EQ(1, c->resp_len);	/* the client's final ACK */
	refused(_metadata, c, alert, sizeof(alert),
		"where an acknowledgement was due");
	EXPECT_EQ(0, leaks_found());
}

TEST(client_rejects_our_certificate)
{
	struct conv *c = calloc(1, sizeof(*c));

	conv_init(_metadata, c, server_ctx(_metadata, "root.pem", NULL),
		  "p256", TLS1_2_VERSION);
	SSL_CTX_free(c->p.ctx);		/* a client trusting another root */
	SSL_free(c->p.ssl);
	ASSERT_TRUE(peer_init(&c->p, pki("other-root.pem"),
			      pki("p256-chain.pem"), pki("p256.key"),
			      TLS1_2_VERSION));
	converse(_metadata, c);
	EXPECT_EQ(EAP_METHOD_FAILURE, c->result);
	EXPECT_EQ(EAP_FAIL_PROTOCOL, c->s.failure);
	EXPECT_NE(NULL, strstr(c->s.failure_reason, "alert unknown ca"))
		TH_LOG("%s", c->s.failure_reason);
	conv_free(c);
	free(c);
	EXPECT_EQ(0, leaks_found());
}

/* ---- the context ------------------------------------------------------- */

static void ctx_error(struct __test_metadata *_metadata, const char *cert,
		      const char *key, const char *trust, const char *crl,
		      const char *want1, const char *want2)
{
	char err[256] = "";
	SSL_CTX *ctx = eap_tls_ctx_new(cert, key, trust, crl, err, sizeof(err));

	EXPECT_EQ(NULL, ctx);
	EXPECT_NE(NULL, strstr(err, want1)) TH_LOG("%s", err);
	if (want2)
		EXPECT_NE(NULL, strstr(err, want2)) TH_LOG("%s", err);
	SSL_CTX_free(ctx);
}

TEST(context_errors_name_the_file)
{
	char chain[128], key[128], root[128];	/* pki() reuses its buffers */

	snprintf(chain, sizeof(chain), "%s", pki("p256-chain.pem"));
	snprintf(key, sizeof(key), "%s", pki("p256.key"));
	snprintf(root, sizeof(root), "%s", pki("root.pem"));

	ctx_error(_metadata, pki("missing.pem"), key, root, NULL,
		  pki("missing.pem"), "No such file");
	ctx_error(_metadata, chain, pki("missing.key"), root, NULL,
		  pki("missing.key"), "No such file");
	ctx_error(_metadata, chain, key, pki("missing-ca.pem"), NULL,
		  pki("missing-ca.pem"), "No such file");
	ctx_error(_metadata, chain, key, root, pki("missing.crl"),
		  pki("missing.crl"), "No such file");
	ctx_error(_metadata, pki("garbage.pem"), key, root, NULL,
		  pki("garbage.pem"), "no usable PEM certificate chain");
	ctx_error(_metadata, chain, pki("garbage.pem"), root, NULL,
		  pki("garbage.pem"), "no usable PEM private key");
	ctx_error(_metadata, chain, pki("rsa.key"), root, NULL,
		  pki("rsa.key"), "does not match the certificate in");
	ctx_error(_metadata, chain, key, pki("garbage.pem"), NULL,
		  pki("garbage.pem"), "no PEM certificate in it");
	ctx_error(_metadata, chain, key, root, pki("garbage.pem"),
		  pki("garbage.pem"), "no CRL in it");
	ctx_error(_metadata, chain, key, NULL, NULL, "needs a trust anchor",
		  NULL);
	ctx_error(_metadata, NULL, key, root, NULL, "needs a certificate",
		  NULL);
	EXPECT_EQ(0, leaks_found());
}

TEST(context_settings)
{
	char err[256] = "";
	SSL_CTX *ctx = eap_tls_ctx_new(pki("p256-chain.pem"), pki("p256.key"),
				       pki("anchors2.pem"),
				       pki("crl-inter.der"), err, sizeof(err));

	ASSERT_NE(NULL, ctx) TH_LOG("%s", err);
	EXPECT_EQ(SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
		  SSL_CTX_get_verify_mode(ctx));
	EXPECT_EQ(TLS1_2_VERSION, SSL_CTX_get_min_proto_version(ctx));
	EXPECT_EQ(TLS1_2_VERSION, SSL_CTX_get_max_proto_version(ctx));
	EXPECT_EQ(0, SSL_CTX_get_num_tickets(ctx));
	EXPECT_EQ(2, sk_X509_NAME_num(SSL_CTX_get_client_CA_list(ctx)));
	EXPECT_NE(0, X509_VERIFY_PARAM_get_flags(
			     X509_STORE_get0_param(SSL_CTX_get_cert_store(ctx))) &
			     X509_V_FLAG_CRL_CHECK_ALL);
	SSL_CTX_free(ctx);
	EXPECT_EQ(0, leaks_found());
}

/* ---- through the framework (eap_server.c) ----------------------------- */

/*
 * A whole conversation through the public API, Identity first, with a
 * client using EE's chain; returns the final status.
 */
static enum eap_status whole(struct __test_metadata *_metadata,
			     const char *crl, const char *ee,
			     struct eap_server **out_s, struct peer *p)
{
	struct eap_server_params params = {
		.n_methods = 1, .methods = { EAP_TYPE_TLS },
		.query_identity = true,
	};
	uint8_t req[EAP_PACKET_MAX], resp[2048];
	size_t req_len = 0, resp_len, data_len;
	enum eap_status st;
	struct eap_server *s;
	char chain[32], key[32];
	unsigned int rounds = 0;

	params.tls_ctx = server_ctx(_metadata, "root.pem", crl);
	s = eap_server_new(&params);
	SSL_CTX_free(params.tls_ctx);	/* the server holds a reference */
	*out_s = s;
	snprintf(chain, sizeof(chain), "%s-chain.pem", ee);
	snprintf(key, sizeof(key), "%s.key", ee);
	EXPECT_TRUE(peer_init(p, pki("root.pem"), pki(chain), pki(key),
			      TLS1_2_VERSION));
	if (!s)
		return EAP_STATUS_FAILURE;
	st = eap_server_start(s, req, sizeof(req), &req_len);
	EXPECT_EQ(EAP_STATUS_CONTINUE, st);
	EXPECT_EQ(EAP_TYPE_IDENTITY, req[4]);
	resp_len = 5 + strlen("rsa@example.com");
	memcpy(resp + 5, "rsa@example.com", resp_len - 5);
	while (st == EAP_STATUS_CONTINUE && rounds++ < 30) {
		resp[0] = 2;			/* Response */
		resp[1] = req[1];		/* its Identifier */
		resp[2] = (uint8_t)(resp_len >> 8);
		resp[3] = (uint8_t)resp_len;
		resp[4] = req[4];		/* its Type */
		st = eap_server_input(s, resp, resp_len, req, sizeof(req),
				      &req_len);
		if (st != EAP_STATUS_CONTINUE)
			break;
		EXPECT_EQ(EAP_TYPE_TLS, req[4]);
		EXPECT_GE(EAP_PACKET_MAX, req_len);
		if (!peer_respond(p, req + 5, req_len - 5, resp + 5, &data_len))
			break;
		resp_len = 5 + data_len;
	}
	EXPECT_EQ(st == EAP_STATUS_SUCCESS ? 3 : 4, req[0]);
	EXPECT_EQ(4, req_len);
	return st;
}

TEST(whole_conversation_through_the_framework)
{
	struct eap_server *s = NULL;
	struct peer *p = calloc(1, sizeof(*p));
	uint8_t msk[EAP_MSK_LEN], client_msk[128];

	ASSERT_EQ(EAP_STATUS_SUCCESS, whole(_metadata, "crl.pem", "rsa", &s, p))
		TH_LOG("%s | %s", eap_server_failure_reason(s), p->error);
	EXPECT_STREQ("rsa@example.com", eap_server_identity(s));
	EXPECT_EQ(EAP_TYPE_TLS, eap_server_method(s));
	ASSERT_TRUE(eap_server_msk(s, msk));
	ASSERT_EQ(1, SSL_export_keying_material(p->ssl, client_msk, 128,
			"client EAP encryption", 21, NULL, 0, 0));
	EXPECT_EQ(0, memcmp(msk, client_msk, EAP_MSK_LEN));
	eap_server_free(s);
	peer_free(p);
	memset(p, 0, sizeof(*p));

	EXPECT_EQ(EAP_STATUS_FAILURE,
		  whole(_metadata, "crl.pem", "revoked", &s, p));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(s));
	EXPECT_NE(NULL, strstr(eap_server_failure_reason(s),
			       "certificate revoked"))
		TH_LOG("%s", eap_server_failure_reason(s));
	EXPECT_FALSE(eap_server_msk(s, msk));
	eap_server_free(s);
	peer_free(p);
	free(p);
	EXPECT_EQ(0, leaks_found());
}

TEST_HARNESS_MAIN
