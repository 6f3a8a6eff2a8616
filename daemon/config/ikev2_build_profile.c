// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IKEv2 `profile` objects (spec §6): match statements, identities,
 * authentication methods and what each method needs, timers and the
 * references to a keyring and an ipsec-profile.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "config/conf_id_match.h"
#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "config/ikev2_build.h"
#include "ike/codec_constants.h"

static const struct {
	const char *name;
	enum conf_auth_method method;
} auth_names[] = {
	{ "pre-share", CONF_AUTH_PSK },
	{ "rsa-sig", CONF_AUTH_RSA_SIG },
	{ "ecdsa-sig", CONF_AUTH_ECDSA_SIG },
	{ "eap", CONF_AUTH_EAP },
};

#define N_AUTH (sizeof(auth_names) / sizeof(auth_names[0]))
#define CERT_AUTH (CONF_AUTH_RSA_SIG | CONF_AUTH_ECDSA_SIG)

static unsigned int auth_by_name(const char *name)
{
	for (size_t i = 0; i < N_AUTH; i++)
		if (!strcmp(auth_names[i].name, name))
			return auth_names[i].method;
	return 0;
}

static void build_matches(const struct build_obj *o, const struct ikev2_doc *doc,
			  const struct ikev2_doc_profile *d, struct conf_profile *p)
{
	for (size_t i = 0; i < d->match_identity_remote.count; i++) {
		const char *text = d->match_identity_remote.items[i];
		const char *why = conf_id_match_parse(text,
						      &p->match_identity[p->n_match_identity]);

		if (why)
			obj_error(o, "match-identity-remote", "\"%s\": %s", text, why);
		else
			p->n_match_identity++;
	}
	for (size_t i = 0; i < d->match_address_local.count; i++) {
		const char *text = d->match_address_local.items[i];
		const char *why = conf_parse_prefix(text, &p->match_local[p->n_match_local]);

		if (why)
			obj_error(o, "match-address-local", "\"%s\" %s", text, why);
		else
			p->n_match_local++;
	}
	/* A client's profile is chosen by name, not by a peer's identity. */
	if (!d->match_identity_remote.count && !d->shutdown &&
	    !build_profile_has_client(doc, d->name))
		obj_warning(o, NULL, "has no match-identity-remote, so no peer "
			    "ever selects it");
}

static void build_auth(const struct build_obj *o,
		       const struct ikev2_doc_profile *d, struct conf_profile *p)
{
	const char *local = d->authentication_local;

	if (!local) {
		obj_missing(o, "authentication-local",
			    "needs authentication-local (exactly one method)");
	} else if (!strcmp(local, "eap")) {
		obj_error(o, "authentication-local", "eap authenticates a client "
			  "to its server, and vgated has no EAP client: use "
			  "pre-share, rsa-sig or ecdsa-sig");
	} else if (!(p->auth_local = auth_by_name(local))) {
		obj_error(o, "authentication-local", "\"%s\" is not one of: "
			  "pre-share, rsa-sig, ecdsa-sig", local);
	}
	for (size_t i = 0; i < d->authentication_remote.count; i++) {
		const char *name = d->authentication_remote.items[i];
		unsigned int m = auth_by_name(name);

		if (!m)
			obj_error(o, "authentication-remote", "\"%s\" is not one of: "
				  "pre-share, rsa-sig, ecdsa-sig, eap", name);
		p->auth_remote |= m;
	}
	if (!d->authentication_remote.count)
		obj_missing(o, "authentication-remote",
			    "needs authentication-remote (one or more methods)");
}

/* A file named in the profile must be readable now, not at the first
 * connection.  Relative names are taken from the config's directory. */
static char *readable_file(const struct build_obj *o, const char *key,
			   const char *name)
{
	char *path;

	if (!name)
		return NULL;
	path = build_file_path(o->ctx, name);
	if (access(path, R_OK))
		obj_error(o, key, "cannot read %s: %s", path, strerror(errno));
	return path;
}

static void build_credentials(const struct build_obj *o,
			      const struct ikev2_doc_profile *d,
			      struct conf_profile *p)
{
	bool psk = (p->auth_local | p->auth_remote) & CONF_AUTH_PSK;
	bool cert = (p->auth_local | p->auth_remote) & CERT_AUTH;

	p->trust_anchor = readable_file(o, "pki-trustpoint", d->pki_trustpoint);
	p->crl = readable_file(o, "crl", d->crl);
	p->certificate = readable_file(o, "certificate", d->certificate);
	p->private_key = readable_file(o, "private-key", d->private_key);
	if (d->keyring) {
		p->keyring = conf_keyring_find(o->ctx->conf, d->keyring);
		if (!p->keyring)
			build_unknown_ref(o, "keyring", "keyring", d->keyring);
	} else if (psk) {
		obj_error(o, NULL, "uses pre-share but names no keyring");
	}
	if (p->auth_local & CERT_AUTH) {
		if (!d->certificate)
			obj_error(o, NULL, "signs with a certificate (authentication-local "
				  "%s) but names no certificate", d->authentication_local);
		if (!d->private_key)
			obj_error(o, NULL, "signs with a certificate (authentication-local "
				  "%s) but names no private-key", d->authentication_local);
	}
	/* No fallback to a global trustpoint (spec §6.4). */
	if (cert && !d->pki_trustpoint)
		obj_error(o, NULL, "uses certificates but names no pki-trustpoint");
	/* The server proves itself with a certificate when the client uses
	 * EAP (spec §10). */
	if ((p->auth_remote & CONF_AUTH_EAP) && p->auth_local &&
	    !(p->auth_local & CERT_AUTH))
		obj_error(o, "authentication-remote", "eap needs authentication-local "
			  "rsa-sig or ecdsa-sig: the server proves itself with a "
			  "certificate");
}

static void build_identity(const struct build_obj *o,
			   const struct ikev2_doc_profile *d, struct conf_profile *p)
{
	const char *why;

	if (!d->identity_local)
		return;
	why = conf_identity_parse(d->identity_local, true, &p->identity_local);
	if (why) {
		obj_error(o, "identity-local", "\"%s\": %s", d->identity_local, why);
		return;
	}
	if (p->identity_local.type == IKEV2_ID_DER_ASN1_DN &&
	    !p->identity_local.len && p->auth_local == CONF_AUTH_PSK)
		obj_error(o, "identity-local", "dn is the certificate's subject, "
			  "but authentication-local is pre-share");
}

bool build_valid_ifname(const char *name)
{
	return *name && strlen(name) < 16 && !strpbrk(name, "/ \t:") &&
	       strcmp(name, ".") && strcmp(name, "..");
}

static void build_timers_and_refs(const struct build_obj *o,
				  const struct ikev2_doc_profile *d,
				  struct conf_profile *p)
{
	const char *why;

	p->lifetime_seconds = d->lifetime;
	if (build_nat_keepalive(o, d->nat_keepalive))
		p->nat_keepalive = d->nat_keepalive;
	if (d->dpd) {
		why = conf_parse_dpd(d->dpd, &p->dpd_mode, &p->dpd_interval,
				     &p->dpd_retry);
		if (why)
			obj_error(o, "dpd", "\"%s\": %s", d->dpd, why);
	}
	if (d->virtual_template) {
		if (!build_valid_ifname(d->virtual_template))
			obj_error(o, "virtual-template", "\"%s\" is not an interface "
				  "name", d->virtual_template);
		p->virtual_template = xstrdup(d->virtual_template);
	}
	p->ipsec_profile = conf_ipsec_profile_find(o->ctx->conf,
						   d->ipsec_profile ? d->ipsec_profile
								    : "default");
	if (!p->ipsec_profile)
		build_unknown_ref(o, "ipsec-profile", "ipsec-profile", d->ipsec_profile);
	p->initial_contact_force = d->initial_contact_force;
	p->shutdown = d->shutdown;
}

void ikev2_build_profiles(struct build_ctx *ctx, const struct ikev2_doc *doc)
{
	const struct ikev2_doc_profile *items = doc->profiles.items;
	struct ikev2_conf *conf = ctx->conf;

	conf->profiles = xcalloc(doc->profiles.count + 1, sizeof(*conf->profiles));
	for (size_t i = 0; i < doc->profiles.count; i++) {
		const struct ikev2_doc_profile *d = &items[i];
		struct conf_profile *p = &conf->profiles[conf->n_profiles++];
		struct build_obj o;

		build_obj_init(&o, ctx, d, "profile", d->name);
		p->name = xstrdup(d->name ? d->name : "");
		if (d->description)
			p->description = xstrdup(d->description);
		build_matches(&o, doc, d, p);
		build_auth(&o, d, p);
		build_credentials(&o, d, p);
		build_identity(&o, d, p);
		build_timers_and_refs(&o, d, p);
		build_profile_ra(&o, d, p);
	}
}
