/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgated's EAP server (RFC 3748), run inside IKE_AUTH (RFC 7296 §2.16):
 * the Identity exchange, method choice with legacy Nak, and the methods
 * MD5-Challenge, GTC, MSCHAPv2 and TLS.  One struct eap_server per
 * authenticating client; it knows nothing of IKE: the engine carries
 * its packets in EAP payloads, and computes AUTH from the MSK it
 * exports.
 *
 * Every call is synchronous and bounded.  Packets in and out are whole
 * EAP packets, Code field first.
 */
#ifndef VGATE_AUTH_EAP_H
#define VGATE_AUTH_EAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

/* EAP Type values (IANA "Method Types"). */
enum eap_type {
	EAP_TYPE_IDENTITY	= 1,
	EAP_TYPE_NOTIFICATION	= 2,
	EAP_TYPE_NAK		= 3,
	EAP_TYPE_MD5		= 4,
	EAP_TYPE_GTC		= 6,
	EAP_TYPE_TLS		= 13,
	EAP_TYPE_MSCHAPV2	= 26,
};

#define EAP_MAX_METHODS		4	/* methods a profile may offer */
#define EAP_IDENTITY_MAX	253	/* longest identity we keep */
#define EAP_MSK_LEN		64	/* RFC 3748 §7.10: at least 64 octets */
#define EAP_PACKET_MAX		1100	/* our requests stay below this: an
					 * IKE message carrying one fits a
					 * 1280 MTU path unfragmented (TLS
					 * fragments to 1000 octets) */

/*
 * What the user database keeps of one user's password.  Each method
 * needs a particular form: MD5-Challenge the cleartext, MSCHAPv2 the
 * cleartext or its NT hash, GTC the cleartext or a crypt(3) hash.
 * Strings are NUL-terminated and owned by the database.
 */
struct eap_credential {
	const char *password;		/* cleartext; NULL: not stored */
	bool has_nt_hash;
	uint8_t nt_hash[16];		/* MD4(UTF-16LE(password)) */
	const char *crypt_hash;		/* "$6$...", "$y$..."; NULL: none */
};

/*
 * Looks USER up; false when there is no such user.  The credential's
 * strings must stay valid until the next call on the same server.
 */
typedef bool (*eap_lookup_fn)(void *ctx, const char *user,
			      struct eap_credential *out);

struct eap_server_params {
	unsigned int n_methods;			/* 1..EAP_MAX_METHODS */
	enum eap_type methods[EAP_MAX_METHODS];	/* ours, preferred first */
	/*
	 * true: start with EAP-Request/Identity (spec §10 "query-identity")
	 * and authenticate the identity the client answers.  false: use
	 * IDENTITY (the client's IKE identity as text) and start with the
	 * first method.
	 */
	bool query_identity;
	const char *identity;
	eap_lookup_fn lookup;
	void *lookup_ctx;
	SSL_CTX *tls_ctx;		/* EAP-TLS; NULL when TLS is not offered */
	unsigned int max_rounds;	/* requests we send at most; 0: 50 */
};

enum eap_status {
	EAP_STATUS_CONTINUE,	/* OUT holds the next Request */
	EAP_STATUS_SUCCESS,	/* OUT holds EAP-Success */
	EAP_STATUS_FAILURE,	/* OUT holds EAP-Failure */
};

/* Why a server ended in failure (for counters and the log line). */
enum eap_failure {
	EAP_FAIL_NONE,
	EAP_FAIL_UNKNOWN_USER,		/* the database has no such user */
	EAP_FAIL_BAD_CREDENTIALS,	/* wrong password, bad certificate */
	EAP_FAIL_NO_METHOD,		/* the client refused all of ours */
	EAP_FAIL_PROTOCOL,		/* malformed or unexpected packet */
	EAP_FAIL_TOO_MANY_ROUNDS,
};

struct eap_server;

/*
 * A server for one client; P's strings and TLS context are copied or
 * referenced (tls_ctx is up-ref'd).  NULL on allocation failure or when
 * P is invalid (no methods, TLS without a context).
 */
struct eap_server *eap_server_new(const struct eap_server_params *p);

/* The first Request into OUT (CAP octets, at least EAP_PACKET_MAX). */
enum eap_status eap_server_start(struct eap_server *s, uint8_t *out,
				 size_t cap, size_t *out_len);

/*
 * Handles the client's Response IN.  A Response whose Identifier is not
 * the one of our last Request, or that is malformed, ends the
 * conversation with EAP_FAIL_PROTOCOL (IKE already protects against
 * replays; a peer that sends garbage inside an authentic IKE message
 * gets no second chance).
 */
enum eap_status eap_server_input(struct eap_server *s, const uint8_t *in,
				 size_t len, uint8_t *out, size_t cap,
				 size_t *out_len);

/* The identity being authenticated ("" before it is known). */
const char *eap_server_identity(const struct eap_server *s);

/* The method in use, 0 before one was chosen. */
enum eap_type eap_server_method(const struct eap_server *s);

/*
 * After EAP_STATUS_SUCCESS: copies the MSK (EAP_MSK_LEN octets) to MSK
 * and returns true, or false when the method makes none (MD5, GTC).
 */
bool eap_server_msk(const struct eap_server *s, uint8_t msk[EAP_MSK_LEN]);

/*
 * After EAP_STATUS_FAILURE: why, and a sentence for the log
 * (EAP_FAIL_NONE and "" otherwise).  Also set while MSCHAPv2 awaits the
 * answer to its Failure request: strongSwan's client never sends that
 * answer, so an engine that gives up waiting still has the reason.
 */
enum eap_failure eap_server_failure(const struct eap_server *s);
const char *eap_server_failure_reason(const struct eap_server *s);

/* Frees S; keys, challenges and TLS state are wiped.  NULL is fine. */
void eap_server_free(struct eap_server *s);

/*
 * "md5", "gtc", "mschapv2", "tls" <-> enum eap_type; 0 / NULL if unknown.
 * eap_type_name() also names the other common IANA types ("identity",
 * "nak", "aka", "peap", ...) for log lines; eap_type_from_name() takes
 * only the four methods we implement.
 */
enum eap_type eap_type_from_name(const char *name);
const char *eap_type_name(enum eap_type t);

/*
 * An SSL_CTX for EAP-TLS as server: our certificate chain and key, the
 * client certificates' trust anchors and CRLs (files as in
 * auth_certs_load()), client certificates required, TLS 1.2 and 1.3.
 * NULL with a message naming the file in ERR.
 */
SSL_CTX *eap_tls_ctx_new(const char *cert_file, const char *key_file,
			 const char *trust_file, const char *crl_file,
			 char *err, size_t err_len);

#endif
