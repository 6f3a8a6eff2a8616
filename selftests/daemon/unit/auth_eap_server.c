// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The EAP server (daemon/auth/eap_server.c and the password methods)
 * driven through its public API by a client written here: the Identity
 * exchange, Nak, Identifiers, malformed packets, the round limit, every
 * method's right and wrong answers, and which of them give an MSK.
 */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "kselftest_harness.h"

#include "leak_check.h"
#include "auth/eap.h"
#include "auth/eap_mschapv2.h"

/* ---- the user database -------------------------------------------------- */

/* openssl passwd -6 -salt vgatesalt gtc-secret */
#define SHA512_CRYPT_OF_GTC_SECRET \
	"$6$vgatesalt$qPpUrupqVsLmmB4Yql2Cv1M6KgAs/Q5pl7nWFTKoEftbnp81Uvzn0KKX607O52Ld9fiqlQ8MFvHRkr2og.O/c/"

struct db {
	char yescrypt[CRYPT_OUTPUT_SIZE];	/* of "yes-secret", made at run time */
	unsigned int lookups;
};

static bool lookup(void *ctx, const char *user, struct eap_credential *out)
{
	struct db *db = ctx;

	db->lookups++;
	if (!strcmp(user, "alice") || !strcmp(user, "DOM\\alice")) {
		out->password = "alice-secret";
	} else if (!strcmp(user, "hashed")) {
		out->crypt_hash = SHA512_CRYPT_OF_GTC_SECRET;
	} else if (!strcmp(user, "yes") && db->yescrypt[0]) {
		out->crypt_hash = db->yescrypt;
	} else if (!strcmp(user, "ntonly")) {
		out->has_nt_hash = mschapv2_nt_hash("nt-secret", out->nt_hash);
	} else if (!strcmp(user, "unicode")) {
		out->password = "p\xc3\xa4ss\xe2\x82\xac";	/* "päss€" */
	} else {
		return false;
	}
	return true;
}

/* ---- a client ----------------------------------------------------------- */

struct conv {
	struct db db;
	struct eap_server_params p;
	struct eap_server *s;
	enum eap_status st;
	uint8_t req[EAP_PACKET_MAX];	/* the server's last packet */
	size_t req_len;
	uint8_t msk[64];		/* what the client derived */
	uint8_t auth_resp[20];
};

static void params(struct conv *c, bool query, const char *identity,
		   unsigned int n, const enum eap_type *methods)
{
	memset(&c->p, 0, sizeof(c->p));
	c->p.query_identity = query;
	c->p.identity = identity;
	c->p.n_methods = n;
	memcpy(c->p.methods, methods, n * sizeof(*methods));
	c->p.lookup = lookup;
	c->p.lookup_ctx = &c->db;
}

static enum eap_status start(struct conv *c)
{
	c->s = eap_server_new(&c->p);
	if (!c->s)
		return EAP_STATUS_FAILURE;
	c->st = eap_server_start(c->s, c->req, sizeof(c->req), &c->req_len);
	return c->st;
}

static enum eap_status send_raw(struct conv *c, const uint8_t *pkt, size_t len)
{
	uint8_t out[EAP_PACKET_MAX];
	size_t out_len;

	c->st = eap_server_input(c->s, pkt, len, out, sizeof(out), &out_len);
	memcpy(c->req, out, out_len);
	c->req_len = out_len;
	return c->st;
}

/* A Response to the last Request: its Identifier, TYPE and DATA. */
static enum eap_status answer(struct conv *c, uint8_t type, const void *data,
			      size_t len)
{
	uint8_t pkt[1200];
	size_t total = 5 + len;

	pkt[0] = 2;
	pkt[1] = c->req[1];
	pkt[2] = (uint8_t)(total >> 8);
	pkt[3] = (uint8_t)total;
	pkt[4] = type;
	memcpy(pkt + 5, data, len);
	return send_raw(c, pkt, total);
}

static uint8_t req_type(const struct conv *c)
{
	return c->req_len >= 5 ? c->req[4] : 0;
}

static enum eap_status answer_identity(struct conv *c, const char *id)
{
	return answer(c, EAP_TYPE_IDENTITY, id, strlen(id));
}

/* CHAP over the Request's challenge. */
static enum eap_status answer_md5(struct conv *c, const char *password)
{
	uint8_t value[17];
	unsigned int n;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
	EVP_DigestUpdate(ctx, &c->req[1], 1);
	EVP_DigestUpdate(ctx, password, strlen(password));
	EVP_DigestUpdate(ctx, c->req + 6, 16);
	EVP_DigestFinal_ex(ctx, value + 1, &n);
	EVP_MD_CTX_free(ctx);
	value[0] = 16;
	return answer(c, EAP_TYPE_MD5, value, sizeof(value));
}

static enum eap_status answer_gtc(struct conv *c, const char *password)
{
	return answer(c, EAP_TYPE_GTC, password, strlen(password));
}

/* The Response to a Challenge request, as strongSwan's peer builds it. */
static enum eap_status answer_mschapv2(struct conv *c, const char *name,
				       const char *password)
{
	uint8_t pkt[300], nt_hash[16], hash_hash[16];
	const uint8_t *auth = c->req + 10;
	size_t name_len = strlen(name), len = 4 + 1 + 49 + name_len, user_len;
	const char *user = mschapv2_user_part(name, name_len, &user_len);

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 2;			/* Response */
	pkt[1] = c->req[6];		/* MS-CHAPv2-ID */
	pkt[2] = (uint8_t)(len >> 8);
	pkt[3] = (uint8_t)len;
	pkt[4] = 49;
	memset(pkt + 5, 0x21, 16);	/* peer challenge */
	mschapv2_nt_hash(password, nt_hash);
	mschapv2_nt_response(auth, pkt + 5, user, user_len, nt_hash, pkt + 29);
	memcpy(pkt + 54, name, name_len);
	mschapv2_authenticator_response(nt_hash, pkt + 29, pkt + 5, auth, user,
					user_len, c->auth_resp);
	mschapv2_md4(nt_hash, 16, hash_hash);
	mschapv2_msk(nt_hash, pkt + 29, c->msk);
	return answer(c, EAP_TYPE_MSCHAPV2, pkt, len);
}

static enum eap_status answer_ms_opcode(struct conv *c, uint8_t opcode)
{
	return answer(c, EAP_TYPE_MSCHAPV2, &opcode, 1);
}

/* The Success request must carry "S=<our expected value, hex>". */
static bool success_request_ok(const struct conv *c)
{
	char want[64];
	int i;

	if (req_type(c) != EAP_TYPE_MSCHAPV2 || c->req[5] != 3)
		return false;
	strcpy(want, "S=");
	for (i = 0; i < 20; i++)
		sprintf(want + 2 + 2 * i, "%02X", c->auth_resp[i]);
	return c->req_len >= 9 + 42 && !memcmp(c->req + 9, want, 42) &&
		c->req_len - 5 == (size_t)(c->req[7] << 8 | c->req[8]);
}

static bool is_final(const struct conv *c, uint8_t code, uint8_t id)
{
	return c->req_len == 4 && c->req[0] == code && c->req[1] == id &&
		c->req[2] == 0 && c->req[3] == 4;
}

FIXTURE(eap) {
	struct conv c;
};

FIXTURE_SETUP(eap)
{
	memset(&self->c, 0, sizeof(self->c));
}

FIXTURE_TEARDOWN(eap)
{
	eap_server_free(self->c.s);
	EXPECT_EQ(0, leaks_found());
}

static const enum eap_type md5_only[] = { EAP_TYPE_MD5 };
static const enum eap_type gtc_only[] = { EAP_TYPE_GTC };
static const enum eap_type ms_only[] = { EAP_TYPE_MSCHAPV2 };
static const enum eap_type md5_ms[] = { EAP_TYPE_MD5, EAP_TYPE_MSCHAPV2 };
static const enum eap_type md5_gtc[] = { EAP_TYPE_MD5, EAP_TYPE_GTC };

/* ---- Identity, Identifiers, the happy paths ----------------------------- */

TEST_F(eap, identity_query_then_md5)
{
	struct conv *c = &self->c;
	uint8_t id0, msk[64];

	params(c, true, NULL, 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	/* Request/Identity, empty: 5 octets. */
	ASSERT_EQ(5u, c->req_len);
	EXPECT_EQ(1, c->req[0]);
	EXPECT_EQ(EAP_TYPE_IDENTITY, req_type(c));
	EXPECT_STREQ("", eap_server_identity(c->s));
	EXPECT_EQ(0, eap_server_method(c->s));
	id0 = c->req[1];

	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(c, "alice"));
	EXPECT_STREQ("alice", eap_server_identity(c->s));
	EXPECT_EQ(EAP_TYPE_MD5, eap_server_method(c->s));
	EXPECT_EQ(EAP_TYPE_MD5, req_type(c));
	EXPECT_EQ((uint8_t)(id0 + 1), c->req[1]);
	EXPECT_EQ(16, c->req[5]);		/* Value-Size */
	EXPECT_EQ(0, c->db.lookups);		/* not before the answer */

	ASSERT_EQ(EAP_STATUS_SUCCESS, answer_md5(c, "alice-secret"));
	/* §4.2: the Identifier of the Response it answers. */
	EXPECT_TRUE(is_final(c, 3, (uint8_t)(id0 + 1)));
	EXPECT_EQ(EAP_FAIL_NONE, eap_server_failure(c->s));
	EXPECT_STREQ("", eap_server_failure_reason(c->s));
	EXPECT_FALSE(eap_server_msk(c->s, msk));	/* MD5 makes none */
}

TEST_F(eap, ike_identity_without_query)
{
	struct conv *c = &self->c;
	uint8_t msk[64];

	params(c, false, "alice", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	EXPECT_EQ(EAP_TYPE_GTC, req_type(c));
	EXPECT_EQ(0, memcmp(c->req + 5, "Password: ", 10));
	EXPECT_STREQ("alice", eap_server_identity(c->s));
	ASSERT_EQ(EAP_STATUS_SUCCESS, answer_gtc(c, "alice-secret"));
	EXPECT_FALSE(eap_server_msk(c->s, msk));	/* GTC makes none */
}

TEST_F(eap, identity_with_trailing_nul)
{
	struct conv *c = &self->c;

	params(c, true, NULL, 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer(c, 1, "alice", 6));
	EXPECT_STREQ("alice", eap_server_identity(c->s));
}

TEST_F(eap, identity_refused)
{
	static const struct {
		const char *text;
		size_t len;
		const char *reason;
	} cases[] = {
		{ "", 0, "empty EAP identity" },
		{ "\0", 1, "empty EAP identity" },
		{ "al\nice", 6, "EAP identity \"al?ice\" has control characters" },
		{ "al\0ce", 5, "EAP identity \"al?ce\" has control characters" },
		{ NULL, 254, "EAP identity of 254 octets (at most 253)" },
	};
	char long_id[254];
	size_t i;

	memset(long_id, 'x', sizeof(long_id));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct conv c = { 0 };

		params(&c, true, NULL, 1, gtc_only);
		ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
		EXPECT_EQ(EAP_STATUS_FAILURE,
			  answer(&c, 1, cases[i].text ? cases[i].text : long_id,
				 cases[i].len));
		EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c.s));
		EXPECT_STREQ(cases[i].reason, eap_server_failure_reason(c.s));
		EXPECT_EQ(4u, c.req_len);
		EXPECT_EQ(4, c.req[0]);
		eap_server_free(c.s);
	}
}

/* Identifiers: random start, +1 per Request; over many servers both the
 * wrap from 255 to 0 and more than one start value show up. */
TEST_F(eap, identifiers_are_random_and_increment)
{
	unsigned int i, distinct = 0;
	bool seen[256] = { false };

	for (i = 0; i < 64; i++) {
		struct conv c = { 0 };
		uint8_t id0;

		params(&c, true, NULL, 1, ms_only);
		ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
		id0 = c.req[1];
		if (!seen[id0])
			distinct++;
		seen[id0] = true;
		ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(&c, "alice"));
		EXPECT_EQ((uint8_t)(id0 + 1), c.req[1]);
		ASSERT_EQ(EAP_STATUS_CONTINUE,
			  answer_mschapv2(&c, "alice", "alice-secret"));
		EXPECT_EQ((uint8_t)(id0 + 2), c.req[1]);
		ASSERT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(&c, 3));
		EXPECT_TRUE(is_final(&c, 3, (uint8_t)(id0 + 2)));
		eap_server_free(c.s);
	}
	EXPECT_LT(8u, distinct);
}

/* ---- Nak ----------------------------------------------------------------- */

TEST_F(eap, nak_switches_to_a_method_we_offer)
{
	struct conv *c = &self->c;
	static const uint8_t wishes[] = { 23, EAP_TYPE_MSCHAPV2 };	/* aka, mschapv2 */
	uint8_t msk[64];

	params(c, true, NULL, 2, md5_ms);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(c, "alice"));
	EXPECT_EQ(EAP_TYPE_MD5, req_type(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer(c, EAP_TYPE_NAK, wishes, 2));
	EXPECT_EQ(EAP_TYPE_MSCHAPV2, req_type(c));
	EXPECT_EQ(EAP_TYPE_MSCHAPV2, eap_server_method(c->s));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "alice", "alice-secret"));
	EXPECT_TRUE(success_request_ok(c));
	ASSERT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(c, 3));
	ASSERT_TRUE(eap_server_msk(c->s, msk));
	EXPECT_EQ(0, memcmp(msk, c->msk, 64));
}

TEST_F(eap, nak_with_nothing_acceptable)
{
	struct conv *c = &self->c;
	static const uint8_t aka[] = { 23 };

	params(c, false, "alice", 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer(c, EAP_TYPE_NAK, aka, 1));
	EXPECT_EQ(EAP_FAIL_NO_METHOD, eap_server_failure(c->s));
	EXPECT_STREQ("client refused md5 and offered only [aka]",
		     eap_server_failure_reason(c->s));
	EXPECT_EQ(4, c->req[0]);
}

TEST_F(eap, nak_with_no_alternative)
{
	struct conv *c = &self->c;
	static const uint8_t none[] = { 0 };

	params(c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer(c, EAP_TYPE_NAK, none, 1));
	EXPECT_EQ(EAP_FAIL_NO_METHOD, eap_server_failure(c->s));
	EXPECT_STREQ("client refused mschapv2 and offered no alternative",
		     eap_server_failure_reason(c->s));
}

/* A method refused once is not offered again. */
TEST_F(eap, nak_back_to_a_refused_method)
{
	struct conv *c = &self->c;
	static const uint8_t want_gtc[] = { EAP_TYPE_GTC };
	static const uint8_t want_md5[] = { EAP_TYPE_MD5, 200 };

	params(c, false, "alice", 2, md5_gtc);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer(c, EAP_TYPE_NAK, want_gtc, 1));
	EXPECT_EQ(EAP_TYPE_GTC, req_type(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer(c, EAP_TYPE_NAK, want_md5, 2));
	EXPECT_EQ(EAP_FAIL_NO_METHOD, eap_server_failure(c->s));
	EXPECT_STREQ("client refused gtc and offered only [md5, type 200]",
		     eap_server_failure_reason(c->s));
}

/* Nak answers only a method's first Request (RFC 3748 §5.3.1). */
TEST_F(eap, nak_later_in_a_method)
{
	struct conv *c = &self->c;
	static const uint8_t want_md5[] = { EAP_TYPE_MD5 };

	params(c, false, "alice", 2, (const enum eap_type[]){
		EAP_TYPE_MSCHAPV2, EAP_TYPE_MD5 });
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "alice", "alice-secret"));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer(c, EAP_TYPE_NAK, want_md5, 1));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c->s));
	EXPECT_STREQ("client answered our mschapv2 Request with nak",
		     eap_server_failure_reason(c->s));
}

TEST_F(eap, nak_to_identity)
{
	struct conv *c = &self->c;
	static const uint8_t want_md5[] = { EAP_TYPE_MD5 };

	params(c, true, NULL, 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer(c, EAP_TYPE_NAK, want_md5, 1));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c->s));
}

/* ---- malformed and unexpected packets ---------------------------------- */

TEST_F(eap, wrong_identifier)
{
	struct conv *c = &self->c;
	uint8_t pkt[] = { 2, 0, 0, 10, 1, 'a', 'l', 'i', 'c', 'e' };
	uint8_t id;
	char want[64];

	params(c, true, NULL, 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	id = c->req[1];
	pkt[1] = (uint8_t)(id + 1);
	ASSERT_EQ(EAP_STATUS_FAILURE, send_raw(c, pkt, sizeof(pkt)));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c->s));
	snprintf(want, sizeof(want), "EAP Identifier %u, expected %u",
		 (uint8_t)(id + 1), id);
	EXPECT_STREQ(want, eap_server_failure_reason(c->s));
	EXPECT_TRUE(is_final(c, 4, id));
}

TEST_F(eap, truncated_and_inconsistent_packets)
{
	static const struct {
		uint8_t pkt[8];
		size_t len;
		const char *reason;
	} cases[] = {
		{ { 2 }, 0, "truncated EAP packet of 0 octets" },
		{ { 2, 0, 0 }, 3, "truncated EAP packet of 3 octets" },
		{ { 2, 0, 0, 9, 1, 'a' }, 6, "EAP Length 9 in a packet of 6 octets" },
		{ { 2, 0, 0, 3, 1 }, 5, "EAP Length 3 in a packet of 5 octets" },
		{ { 2, 0, 0, 4 }, 4, "EAP Response without a Type" },
		{ { 1, 0, 0, 6, 1, 'a' }, 6, "EAP Code 1 from the client, not a Response" },
		{ { 3, 0, 0, 4 }, 4, "EAP Code 3 from the client, not a Response" },
		{ { 2, 0, 0, 6, 2, 'a' }, 6, "client answered our identity Request with notification" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct conv c = { 0 };
		uint8_t pkt[8];

		params(&c, true, NULL, 1, md5_only);
		ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
		memcpy(pkt, cases[i].pkt, sizeof(pkt));
		pkt[1] = c.req[1];
		EXPECT_EQ(EAP_STATUS_FAILURE, send_raw(&c, pkt, cases[i].len));
		EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c.s));
		EXPECT_STREQ(cases[i].reason, eap_server_failure_reason(c.s));
		EXPECT_EQ(4u, c.req_len);
		eap_server_free(c.s);
	}
}

/* Octets past Length are link-layer padding (RFC 3748 §4.1). */
TEST_F(eap, padding_past_length_is_ignored)
{
	struct conv *c = &self->c;
	uint8_t pkt[64] = { 2, 0, 0, 10, 1, 'a', 'l', 'i', 'c', 'e', 'X', 'Y' };

	params(c, true, NULL, 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	pkt[1] = c->req[1];
	ASSERT_EQ(EAP_STATUS_CONTINUE, send_raw(c, pkt, sizeof(pkt)));
	EXPECT_STREQ("alice", eap_server_identity(c->s));
}

/* Oversized inside the methods: a long GTC answer, a long MSCHAPv2 name,
 * an MD5 Value of the wrong size. */
TEST_F(eap, oversized_fields)
{
	uint8_t big[1000];
	struct conv c = { 0 };

	memset(big, 'a', sizeof(big));
	params(&c, false, "alice", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	EXPECT_EQ(EAP_STATUS_FAILURE, answer(&c, EAP_TYPE_GTC, big, 256));
	EXPECT_STREQ("GTC Response of 256 octets (1..255)",
		     eap_server_failure_reason(c.s));
	eap_server_free(c.s);

	memset(&c, 0, sizeof(c));
	params(&c, false, "alice", 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	big[0] = 17;
	EXPECT_EQ(EAP_STATUS_FAILURE, answer(&c, EAP_TYPE_MD5, big, 18));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c.s));
	eap_server_free(c.s);

	memset(&c, 0, sizeof(c));
	memset(big, 'a', sizeof(big));
	big[300] = '\0';
	params(&c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	{
		uint8_t pkt[400] = { 2, c.req[6], 0, 0, 49 };
		size_t len = 54 + 254;

		pkt[2] = (uint8_t)(len >> 8);
		pkt[3] = (uint8_t)len;
		memcpy(pkt + 54, big, 254);
		EXPECT_EQ(EAP_STATUS_FAILURE,
			  answer(&c, EAP_TYPE_MSCHAPV2, pkt, len));
		EXPECT_STREQ("MSCHAPv2 Name of 254 octets",
			     eap_server_failure_reason(c.s));
	}
	eap_server_free(c.s);
}

TEST_F(eap, answer_of_another_type)
{
	struct conv *c = &self->c;

	params(c, false, "alice", 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_gtc(c, "alice-secret"));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c->s));
	EXPECT_STREQ("client answered our md5 Request with gtc",
		     eap_server_failure_reason(c->s));
}

TEST_F(eap, input_after_the_end)
{
	struct conv *c = &self->c;
	uint8_t msk[64];

	params(c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "alice", "alice-secret"));
	ASSERT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(c, 3));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_ms_opcode(c, 3));
	EXPECT_STREQ("EAP Response after the conversation ended",
		     eap_server_failure_reason(c->s));
	EXPECT_FALSE(eap_server_msk(c->s, msk));
}

/* ---- credentials, per method ------------------------------------------- */

TEST_F(eap, unknown_user_each_method)
{
	static const enum eap_type *lists[] = { md5_only, gtc_only, ms_only };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct conv c = { 0 };

		params(&c, true, NULL, 1, lists[i]);
		ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
		ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(&c, "bob"));
		switch (lists[i][0]) {
		case EAP_TYPE_MD5:
			EXPECT_EQ(EAP_STATUS_FAILURE, answer_md5(&c, "x"));
			break;
		case EAP_TYPE_GTC:
			EXPECT_EQ(EAP_STATUS_FAILURE, answer_gtc(&c, "x"));
			break;
		default:
			/* E=691 like a wrong password, then EAP-Failure. */
			EXPECT_EQ(EAP_STATUS_CONTINUE,
				  answer_mschapv2(&c, "bob", "x"));
			EXPECT_EQ(4, c.req[5]);
			EXPECT_EQ(EAP_FAIL_UNKNOWN_USER, eap_server_failure(c.s));
			EXPECT_EQ(EAP_STATUS_FAILURE, answer_ms_opcode(&c, 4));
			break;
		}
		EXPECT_EQ(EAP_FAIL_UNKNOWN_USER, eap_server_failure(c.s));
		EXPECT_STREQ("unknown user \"bob\"",
			     eap_server_failure_reason(c.s));
		eap_server_free(c.s);
	}
}

TEST_F(eap, wrong_password_md5)
{
	struct conv *c = &self->c;

	params(c, false, "alice", 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_md5(c, "alice-secreT"));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
	EXPECT_STREQ("wrong password for \"alice\" (MD5)",
		     eap_server_failure_reason(c->s));
}

TEST_F(eap, wrong_password_gtc)
{
	static const char *wrong[] = { "alice-secre", "alice-secret!", "x" };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct conv c = { 0 };

		params(&c, false, "alice", 1, gtc_only);
		ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
		EXPECT_EQ(EAP_STATUS_FAILURE, answer_gtc(&c, wrong[i]));
		EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c.s));
		EXPECT_STREQ("wrong password for \"alice\" (GTC)",
			     eap_server_failure_reason(c.s));
		eap_server_free(c.s);
	}
}

/* "user\0password" is not what strongSwan sends; it is a wrong password. */
TEST_F(eap, gtc_user_nul_password_form)
{
	struct conv *c = &self->c;

	params(c, false, "alice", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE,
		  answer(c, EAP_TYPE_GTC, "alice\0alice-secret", 18));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
}

TEST_F(eap, wrong_password_mschapv2)
{
	struct conv *c = &self->c;
	uint8_t msk[64];

	params(c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	/* Challenge: OpCode 1, Value-Size 16, our name. */
	EXPECT_EQ(1, c->req[5]);
	EXPECT_EQ(16, c->req[9]);
	EXPECT_EQ(0, memcmp(c->req + 26, "vgate", 5));
	EXPECT_EQ(c->req_len - 5, (size_t)(c->req[7] << 8 | c->req[8]));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "alice", "wrong"));
	/* Failure request; the reason is known before the client answers. */
	EXPECT_EQ(4, c->req[5]);
	EXPECT_EQ(0, memcmp(c->req + 9, "E=691 R=0 C=", 12));
	EXPECT_EQ(0, memcmp(c->req + 9 + 12 + 32, " V=3 M=", 7));
	EXPECT_EQ(c->req_len - 5, (size_t)(c->req[7] << 8 | c->req[8]));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_ms_opcode(c, 4));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
	EXPECT_STREQ("wrong password for \"alice\" (MSCHAPv2)",
		     eap_server_failure_reason(c->s));
	EXPECT_FALSE(eap_server_msk(c->s, msk));
}

TEST_F(eap, md5_with_only_a_hash)
{
	struct conv *c = &self->c;

	params(c, false, "hashed", 1, md5_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_md5(c, "gtc-secret"));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
	EXPECT_STREQ("the stored form of \"hashed\"'s password (crypt(3) hash) "
		     "cannot serve MD5, which needs the cleartext",
		     eap_server_failure_reason(c->s));
}

TEST_F(eap, mschapv2_with_only_a_crypt_hash)
{
	struct conv *c = &self->c;

	params(c, false, "hashed", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "hashed", "gtc-secret"));
	EXPECT_EQ(4, c->req[5]);
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_ms_opcode(c, 4));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
	EXPECT_NE(NULL, strstr(eap_server_failure_reason(c->s),
			       "cannot serve MSCHAPv2"));
}

TEST_F(eap, gtc_with_sha512_crypt)
{
	struct conv c = { 0 };

	params(&c, false, "hashed", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	EXPECT_EQ(EAP_STATUS_SUCCESS, answer_gtc(&c, "gtc-secret"));
	eap_server_free(c.s);

	memset(&c, 0, sizeof(c));
	params(&c, false, "hashed", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	EXPECT_EQ(EAP_STATUS_FAILURE, answer_gtc(&c, "gtc-secreT"));
	EXPECT_STREQ("wrong password for \"hashed\" (GTC)",
		     eap_server_failure_reason(c.s));
	eap_server_free(c.s);
}

/* Debian's default form ($y$, yescrypt), made here with libxcrypt. */
TEST_F(eap, gtc_with_yescrypt)
{
	struct conv *c = &self->c;
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd = calloc(1, sizeof(*cd));

	ASSERT_NE(NULL, cd);
	ASSERT_NE(NULL, crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt)));
	ASSERT_NE(NULL, crypt_rn("yes-secret", salt, cd, sizeof(*cd)));
	snprintf(c->db.yescrypt, sizeof(c->db.yescrypt), "%s", cd->output);
	free(cd);
	ASSERT_EQ(0, strncmp(c->db.yescrypt, "$y$", 3));

	params(c, false, "yes", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	EXPECT_EQ(EAP_STATUS_SUCCESS, answer_gtc(c, "yes-secret"));
}

TEST_F(eap, gtc_with_only_an_nt_hash)
{
	struct conv *c = &self->c;

	params(c, false, "ntonly", 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_gtc(c, "nt-secret"));
	EXPECT_EQ(EAP_FAIL_BAD_CREDENTIALS, eap_server_failure(c->s));
	EXPECT_NE(NULL, strstr(eap_server_failure_reason(c->s),
			       "(NT hash) cannot serve GTC"));
}

TEST_F(eap, mschapv2_with_nt_hash)
{
	struct conv *c = &self->c;
	uint8_t msk[64];

	params(c, true, NULL, 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(c, "ntonly"));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "ntonly", "nt-secret"));
	EXPECT_TRUE(success_request_ok(c));
	ASSERT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(c, 3));
	ASSERT_TRUE(eap_server_msk(c->s, msk));
	EXPECT_EQ(0, memcmp(msk, c->msk, 64));
}

/* UTF-8 passwords become UTF-16LE for the NT hash. */
TEST_F(eap, mschapv2_non_ascii_password)
{
	struct conv *c = &self->c;

	params(c, false, "unicode", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE,
		  answer_mschapv2(c, "unicode", "p\xc3\xa4ss\xe2\x82\xac"));
	EXPECT_TRUE(success_request_ok(c));
	ASSERT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(c, 3));
}

/* "DOMAIN\user": the user part enters ChallengeHash and must match. */
TEST_F(eap, mschapv2_domain_and_name_check)
{
	struct conv c = { 0 };

	params(&c, true, NULL, 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(&c, "DOM\\alice"));
	ASSERT_EQ(EAP_STATUS_CONTINUE,
		  answer_mschapv2(&c, "DOM\\alice", "alice-secret"));
	EXPECT_TRUE(success_request_ok(&c));
	EXPECT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(&c, 3));
	eap_server_free(c.s);

	memset(&c, 0, sizeof(c));
	params(&c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	EXPECT_EQ(EAP_STATUS_FAILURE, answer_mschapv2(&c, "mallory", "x"));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c.s));
	EXPECT_STREQ("MSCHAPv2 Name \"mallory\" is not the identity \"alice\"",
		     eap_server_failure_reason(c.s));
	eap_server_free(c.s);
}

/* The client may refuse our authenticator response; no MSK then. */
TEST_F(eap, mschapv2_client_refuses_our_success)
{
	struct conv *c = &self->c;
	uint8_t msk[64];

	params(c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_mschapv2(c, "alice", "alice-secret"));
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_ms_opcode(c, 4));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c->s));
	EXPECT_FALSE(eap_server_msk(c->s, msk));
}

TEST_F(eap, mschapv2_wrong_ms_id)
{
	struct conv *c = &self->c;

	params(c, false, "alice", 1, ms_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	c->req[6]++;	/* the client echoes a different MS-CHAPv2-ID */
	ASSERT_EQ(EAP_STATUS_FAILURE, answer_mschapv2(c, "alice", "alice-secret"));
	EXPECT_EQ(EAP_FAIL_PROTOCOL, eap_server_failure(c->s));
}

/* ---- limits, parameters, names ------------------------------------------ */

TEST_F(eap, max_rounds)
{
	struct conv c = { 0 };

	/* Identity + Challenge + Success request = 3. */
	params(&c, true, NULL, 1, ms_only);
	c.p.max_rounds = 2;
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(&c, "alice"));
	ASSERT_EQ(EAP_STATUS_FAILURE,
		  answer_mschapv2(&c, "alice", "alice-secret"));
	EXPECT_EQ(EAP_FAIL_TOO_MANY_ROUNDS, eap_server_failure(c.s));
	EXPECT_STREQ("no result after 2 EAP requests",
		     eap_server_failure_reason(c.s));
	eap_server_free(c.s);

	memset(&c, 0, sizeof(c));
	params(&c, true, NULL, 1, ms_only);
	c.p.max_rounds = 3;
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	ASSERT_EQ(EAP_STATUS_CONTINUE, answer_identity(&c, "alice"));
	ASSERT_EQ(EAP_STATUS_CONTINUE,
		  answer_mschapv2(&c, "alice", "alice-secret"));
	EXPECT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(&c, 3));
	eap_server_free(c.s);

	/* 1: even the first method Request after Identity is too many. */
	memset(&c, 0, sizeof(c));
	params(&c, true, NULL, 1, gtc_only);
	c.p.max_rounds = 1;
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
	EXPECT_EQ(EAP_STATUS_FAILURE, answer_identity(&c, "alice"));
	EXPECT_EQ(EAP_FAIL_TOO_MANY_ROUNDS, eap_server_failure(c.s));
	eap_server_free(c.s);
}

TEST_F(eap, msk_per_method)
{
	static const enum eap_type *lists[] = { md5_only, gtc_only, ms_only };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct conv c = { 0 };
		uint8_t msk[64];
		static const uint8_t zeros[32];

		params(&c, false, "alice", 1, lists[i]);
		ASSERT_EQ(EAP_STATUS_CONTINUE, start(&c));
		EXPECT_FALSE(eap_server_msk(c.s, msk));	/* not before */
		switch (lists[i][0]) {
		case EAP_TYPE_MD5:
			ASSERT_EQ(EAP_STATUS_SUCCESS, answer_md5(&c, "alice-secret"));
			EXPECT_FALSE(eap_server_msk(c.s, msk));
			break;
		case EAP_TYPE_GTC:
			ASSERT_EQ(EAP_STATUS_SUCCESS, answer_gtc(&c, "alice-secret"));
			EXPECT_FALSE(eap_server_msk(c.s, msk));
			break;
		default:
			ASSERT_EQ(EAP_STATUS_CONTINUE,
				  answer_mschapv2(&c, "alice", "alice-secret"));
			EXPECT_FALSE(eap_server_msk(c.s, msk));	/* not yet */
			ASSERT_EQ(EAP_STATUS_SUCCESS, answer_ms_opcode(&c, 3));
			ASSERT_TRUE(eap_server_msk(c.s, msk));
			EXPECT_EQ(0, memcmp(msk, c.msk, 64));
			EXPECT_EQ(0, memcmp(msk + 32, zeros, 32));
			EXPECT_NE(0, memcmp(msk, zeros, 32));
			break;
		}
		eap_server_free(c.s);
	}
}

TEST_F(eap, invalid_params)
{
	struct eap_server_params p;

	memset(&p, 0, sizeof(p));
	p.lookup = lookup;
	p.query_identity = true;
	EXPECT_EQ(NULL, eap_server_new(&p));		/* no method */
	p.n_methods = 1;
	p.methods[0] = EAP_TYPE_TLS;
	EXPECT_EQ(NULL, eap_server_new(&p));		/* TLS, no SSL_CTX */
	p.methods[0] = EAP_TYPE_IDENTITY;
	EXPECT_EQ(NULL, eap_server_new(&p));		/* not a method */
	p.methods[0] = 99;
	EXPECT_EQ(NULL, eap_server_new(&p));
	p.n_methods = 2;
	p.methods[0] = EAP_TYPE_MD5;
	p.methods[1] = EAP_TYPE_MD5;
	EXPECT_EQ(NULL, eap_server_new(&p));		/* twice */
	p.n_methods = EAP_MAX_METHODS + 1;
	EXPECT_EQ(NULL, eap_server_new(&p));
	p.n_methods = 1;
	p.query_identity = false;
	EXPECT_EQ(NULL, eap_server_new(&p));		/* no identity */
	p.identity = "";
	EXPECT_EQ(NULL, eap_server_new(&p));
	p.identity = "bad\x01";
	EXPECT_EQ(NULL, eap_server_new(&p));
	p.identity = "alice";
	p.lookup = NULL;
	EXPECT_EQ(NULL, eap_server_new(&p));		/* nothing to check with */
	EXPECT_EQ(NULL, eap_server_new(NULL));
	eap_server_free(NULL);
}

/* The caller's identity is copied: the server does not keep P's pointer. */
TEST_F(eap, identity_is_copied)
{
	struct conv *c = &self->c;
	char id[] = "alice";

	params(c, false, id, 1, gtc_only);
	ASSERT_EQ(EAP_STATUS_CONTINUE, start(c));
	id[0] = 'X';
	EXPECT_STREQ("alice", eap_server_identity(c->s));
	EXPECT_EQ(EAP_STATUS_SUCCESS, answer_gtc(c, "alice-secret"));
}

TEST(type_names)
{
	EXPECT_EQ(EAP_TYPE_MD5, eap_type_from_name("md5"));
	EXPECT_EQ(EAP_TYPE_GTC, eap_type_from_name("gtc"));
	EXPECT_EQ(EAP_TYPE_MSCHAPV2, eap_type_from_name("mschapv2"));
	EXPECT_EQ(EAP_TYPE_TLS, eap_type_from_name("tls"));
	EXPECT_EQ(0, eap_type_from_name("identity"));
	EXPECT_EQ(0, eap_type_from_name("aka"));
	EXPECT_EQ(0, eap_type_from_name("MD5"));
	EXPECT_EQ(0, eap_type_from_name(NULL));
	EXPECT_STREQ("mschapv2", eap_type_name(EAP_TYPE_MSCHAPV2));
	EXPECT_STREQ("tls", eap_type_name(EAP_TYPE_TLS));
	EXPECT_STREQ("aka", eap_type_name((enum eap_type)23));
	EXPECT_EQ(NULL, eap_type_name((enum eap_type)99));
}

TEST_HARNESS_MAIN
