// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The remote-access keys of a `profile`: the EAP methods offered to
 * clients (spec §10), the authorization group (spec §12) and the
 * session hook.  Run after the profile's authentication is known.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/eap.h"
#include "common/xalloc.h"
#include "config/ikev2_build.h"

static void add_eap_method(const struct build_obj *eo,
			   const struct ikev2_doc_profile *d,
			   struct conf_profile *p, const char *name)
{
	enum eap_type type = eap_type_from_name(name);

	if (!type) {
		obj_error(eo, "methods", "\"%s\" is not one of: md5, gtc, "
			  "mschapv2, tls", name);
		return;
	}
	if (memchr(p->eap_methods, type, p->n_eap_methods)) {
		obj_error(eo, "methods", "\"%s\" is listed twice", name);
		return;
	}
	/* EAP-TLS: the server's TLS identity is the profile's. */
	if (type == EAP_TYPE_TLS &&
	    (!d->certificate || !d->private_key || !d->pki_trustpoint))
		obj_error(eo, "methods", "tls needs the profile's certificate, "
			  "private-key and pki-trustpoint");
	p->eap_methods[p->n_eap_methods++] = type;
}

/* `authentication remote eap [query-identity] [timeout S]` (spec §10). */
static void build_eap(const struct build_obj *o,
		      const struct ikev2_doc_profile *d, struct conf_profile *p)
{
	const struct cfg_strings *methods = &d->eap.methods;
	struct build_obj eo;
	char where[sizeof(o->where) + 8];

	if (!(p->auth_remote & CONF_AUTH_EAP)) {
		if (obj_has_key(o, "eap"))
			obj_error(o, "eap", "needs eap in authentication-remote");
		return;
	}
	snprintf(where, sizeof(where), "%s.eap", o->where);
	build_obj_init(&eo, o->ctx, &d->eap, where, NULL);
	for (size_t i = 0; i < methods->count; i++)
		add_eap_method(&eo, d, p, methods->items[i]);
	if (!methods->count && obj_has_key(&eo, "methods"))
		obj_error(&eo, "methods", "needs at least one method");
	if (!methods->count)
		p->eap_methods[p->n_eap_methods++] = EAP_TYPE_MSCHAPV2;
	p->eap_query_identity = d->eap.query_identity;
	p->eap_timeout = d->eap.timeout;
}

/* The session hook runs at every session up and down: check it now. */
static void build_hook(const struct build_obj *o, const char *hook,
		       struct conf_profile *p)
{
	struct stat st;

	if (!hook)
		return;
	if (hook[0] != '/')
		obj_error(o, "hook", "\"%s\" must be an absolute path", hook);
	else if (stat(hook, &st) || access(hook, X_OK))
		obj_error(o, "hook", "cannot execute %s: %s", hook, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		obj_error(o, "hook", "%s is not a regular file", hook);
	else
		p->hook = xstrdup(hook);
}

void build_profile_ra(const struct build_obj *o,
		      const struct ikev2_doc_profile *d, struct conf_profile *p)
{
	const char *group = d->authorization_group;

	build_eap(o, d, p);
	if (group && !(p->authz_group = conf_authz_find(o->ctx->conf, group)))
		build_unknown_ref(o, "authorization-group", "authorization-policy",
				  group);
	p->authz_group_override = d->authorization_group_override;
	build_hook(o, d->hook, p);
}
