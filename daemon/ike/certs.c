// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The certificate material of the profiles that sign or verify with
 * certificates, loaded when the engine starts and again on each reload
 * (so a renewed certificate or CRL is picked up with SIGHUP), and found
 * by profile name when an IKE_AUTH needs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/cert.h"
#include "common/xalloc.h"
#include "auth/eap.h"
#include "ike/engine_internal.h"

#define CERT_METHODS (CONF_AUTH_RSA_SIG | CONF_AUTH_ECDSA_SIG)

static void free_certs(struct ike_profile_certs *pc, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(pc[i].profile);
		auth_certs_free(pc[i].certs);
		SSL_CTX_free(pc[i].eap_tls);
	}
	free(pc);
}

static bool offers_eap_tls(const struct conf_profile *p)
{
	if (!(p->auth_remote & CONF_AUTH_EAP))
		return false;
	for (unsigned int i = 0; i < p->n_eap_methods; i++)
		if (p->eap_methods[i] == EAP_TYPE_TLS)
			return true;
	return false;
}

int ike_certs_load(struct ike_engine *e, const struct ikev2_conf *conf,
		   char *error, size_t error_len)
{
	struct ike_profile_certs *pc = xcalloc(conf->n_profiles + 1, sizeof(*pc));
	size_t n = 0;
	char err[512];

	for (unsigned int i = 0; i < conf->n_profiles; i++) {
		const struct conf_profile *p = &conf->profiles[i];

		if (!((p->auth_local | p->auth_remote) & CERT_METHODS))
			continue;
		pc[n].certs = auth_certs_load(p->certificate, p->private_key,
					      p->trust_anchor, p->crl, err,
					      sizeof(err));
		if (!pc[n].certs) {
			snprintf(error, error_len, "profile %s: %s", p->name, err);
			free_certs(pc, n);
			return -1;
		}
		if (offers_eap_tls(p)) {
			pc[n].eap_tls = eap_tls_ctx_new(p->certificate, p->private_key,
							p->trust_anchor, p->crl,
							err, sizeof(err));
			if (!pc[n].eap_tls) {
				auth_certs_free(pc[n].certs);
				snprintf(error, error_len, "profile %s: EAP-TLS: %s",
					 p->name, err);
				free_certs(pc, n);
				return -1;
			}
		}
		pc[n++].profile = xstrdup(p->name);
	}
	free_certs(e->certs, e->n_certs);
	e->certs = pc;
	e->n_certs = n;
	return 0;
}

void ike_certs_free(struct ike_engine *e)
{
	free_certs(e->certs, e->n_certs);
	e->certs = NULL;
	e->n_certs = 0;
}

const struct auth_certs *ike_certs_for(const struct ike_engine *e,
				       const char *profile)
{
	for (size_t i = 0; i < e->n_certs; i++)
		if (!strcmp(e->certs[i].profile, profile))
			return e->certs[i].certs;
	return NULL;
}

SSL_CTX *ike_certs_eap_tls(const struct ike_engine *e, const char *profile)
{
	for (size_t i = 0; i < e->n_certs; i++)
		if (!strcmp(e->certs[i].profile, profile))
			return e->certs[i].eap_tls;
	return NULL;
}

size_t ike_certs_certreq(const struct ike_engine *e, uint8_t *out, size_t cap)
{
	size_t len = 0;

	for (size_t i = 0; i < e->n_certs; i++)
		len += auth_certs_certreq(e->certs[i].certs, out + len, cap - len);
	return len;
}
