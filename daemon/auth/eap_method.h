/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What eap_server.c (the framework: header, identifiers, Identity, Nak,
 * Success/Failure, round limit) shares with the method files
 * (eap_md5.c, eap_gtc.c, eap_mschapv2.c, eap_tls.c).  A method sees only
 * its Type-Data: the framework adds and checks the EAP header.
 */
#ifndef VGATE_AUTH_EAP_METHOD_H
#define VGATE_AUTH_EAP_METHOD_H

#include "auth/eap.h"

/* Type-Data of the next Request, written by a method. */
struct eap_out {
	uint8_t *data;
	size_t cap, len;
};

enum eap_method_result {
	EAP_METHOD_CONTINUE,	/* OUT holds the next Request's Type-Data */
	EAP_METHOD_SUCCESS,	/* authenticated; MSK set if the method has one */
	EAP_METHOD_FAILURE,	/* eap_server_fail() was called */
};

struct eap_method_ops {
	enum eap_type type;
	/* The method's first Request for s->identity. */
	enum eap_method_result (*start)(struct eap_server *s,
					struct eap_out *out);
	/* A Response's Type-Data (Type octet excluded). */
	enum eap_method_result (*input)(struct eap_server *s,
					const uint8_t *data, size_t len,
					struct eap_out *out);
	/* Wipes and frees s->method_state; it may be NULL. */
	void (*free)(struct eap_server *s);
};

struct eap_server {
	struct eap_server_params p;
	char identity[EAP_IDENTITY_MAX + 1];
	const struct eap_method_ops *method;	/* NULL: Identity phase */
	void *method_state;
	uint8_t last_id;		/* Identifier of our last Request */
	uint8_t last_type;		/* its Type */
	unsigned int rounds;		/* Requests sent, all methods */
	unsigned int method_rounds;	/* Requests sent by this method */
	unsigned int tried;		/* bit i: p.methods[i] was started */
	bool started, done;
	bool has_msk;
	uint8_t msk[EAP_MSK_LEN];
	enum eap_failure failure;
	char failure_reason[160];
};

extern const struct eap_method_ops eap_md5_ops, eap_gtc_ops,
	eap_mschapv2_ops, eap_tls_ops;

/*
 * Records failure KIND with a printf-style reason for the log; the first
 * one recorded stays.  A method returns EAP_METHOD_FAILURE after it, or
 * (MSCHAPv2's Failure request) EAP_METHOD_CONTINUE to send one more
 * Request whose answer can only end the conversation.
 */
void eap_server_fail(struct eap_server *s, enum eap_failure kind,
		     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The user's credential: false (failure recorded) for an unknown user. */
bool eap_server_credential(struct eap_server *s, struct eap_credential *out);

/* Sets the MSK a method derived (LEN <= EAP_MSK_LEN, zero-padded). */
void eap_server_set_msk(struct eap_server *s, const uint8_t *msk, size_t len);

/*
 * Untrusted octets as text for a log line: anything but printable ASCII
 * becomes '?', cut to CAP - 1.  Returns BUF.
 */
const char *eap_printable(const uint8_t *text, size_t len, char *buf,
			  size_t cap);

#endif
