/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Turning the FlexVPN sections as written (struct ikev2_doc) into the
 * resolved struct ikev2_conf: each ikev2_build_*.c file checks one kind
 * of object and resolves its references; this header has what they
 * share, chiefly errors that name the object and the line.
 */
#ifndef VGATE_CONFIG_IKEV2_BUILD_H
#define VGATE_CONFIG_IKEV2_BUILD_H

#include "config/diag.h"
#include "config/ikev2_conf.h"
#include "config/ikev2_doc.h"
#include "config/locs.h"

/*
 * Checks DOC (LOCS says where its parts were written, PATH is the main
 * file) and fills CONF, built-in objects included.  Returns 0, or -1
 * with the errors in DIAGS; warnings go to DIAGS either way.  CONF must
 * be freed with ikev2_conf_free() either way.
 */
int ikev2_conf_build(const struct ikev2_doc *doc, const struct cfg_locs *locs,
		     const char *path, struct ikev2_conf *conf,
		     struct cfg_diags *diags);

struct build_ctx {
	const struct cfg_locs *locs;
	struct cfg_diags *diags;
	const char *path;	/* for built-in objects, which have no line */
	struct ikev2_conf *conf;
};

/* One object being built, for messages: `proposal "p1"`. */
struct build_obj {
	struct build_ctx *ctx;
	const void *doc;	/* its struct ikev2_doc_*; NULL: built in */
	char where[192];
};

void build_obj_init(struct build_obj *o, struct build_ctx *ctx,
		    const void *doc, const char *section, const char *name);

/*
 * "WHERE.KEY: message" at KEY's line, or (KEY NULL) "WHERE message" at
 * the object's line.
 */
void obj_error(const struct build_obj *o, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void obj_warning(const struct build_obj *o, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * "WHERE needs ..." for a required KEY, unless KEY is in the file: then
 * its value was refused already and one message is enough.
 */
void obj_missing(const struct build_obj *o, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True when KEY of the object was written in the file. */
bool obj_has_key(const struct build_obj *o, const char *key);

/* Where an object or key was written, for "(first defined at F:L)". */
const struct cfg_loc *obj_loc(const struct build_obj *o, const char *key);

/* Both global nat-keepalive and the profile's: 0 (off) or 5..3600. */
bool build_nat_keepalive(const struct build_obj *o, int64_t value);

/* The built-in objects (ikev2_defaults.c), appended after the user's. */
struct proposal_text {
	const char *name;
	const char *const *encr, *const *integ, *const *prf;
	size_t n_encr, n_integ, n_prf;
	const int64_t *group;
	size_t n_group;
};

struct transform_set_text {
	const char *name, *encr, *integ;
};

size_t ikev2_default_proposals(bool compat, struct proposal_text *out,
			       size_t max);
size_t ikev2_default_transform_sets(bool compat, struct transform_set_text *out,
				    size_t max);
/* Names of the default policy's proposals / default ipsec-profile's sets. */
size_t ikev2_default_policy_proposals(bool compat, const char **out, size_t max);
size_t ikev2_default_profile_sets(bool compat, const char **out, size_t max);

/* A built-in name that exists only with ikev2 compat = true. */
bool ikev2_default_is_compat_only(const char *name);

void ikev2_build_global(struct build_ctx *ctx, const struct ikev2_doc_global *g);
void ikev2_build_proposals(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_policies(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_transform_sets(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_ipsec_profiles(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_keyrings(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_profiles(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_clients(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_pools(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_authz(struct build_ctx *ctx, const struct ikev2_doc *doc);
void ikev2_build_users(struct build_ctx *ctx, const struct ikev2_doc *doc);

/* A profile's eap, authorization-group(-override) and hook. */
void build_profile_ra(const struct build_obj *o,
		      const struct ikev2_doc_profile *d, struct conf_profile *p);

/* The attribute keys of an authorization-policy or a user (spec §13). */
void build_attrs(const struct build_obj *o, const struct ikev2_doc_attrs *d,
		 struct aaa_attrs *out);

/* Pool NAME under KEY, which must hand out FAMILY addresses: the pool's
 * own name, or NULL after an error. */
const char *build_pool_ref(const struct build_obj *o, const char *key,
			   const char *name, sa_family_t family);

/* A Linux interface name (virtual-template, vrf). */
bool build_valid_ifname(const char *name);

/* True when a client of DOC names profile NAME (it needs no match
 * statements: an initiator picks its profile by name). */
bool build_profile_has_client(const struct ikev2_doc *doc, const char *name);

/*
 * True when LIST (of doc objects of SIZE octets, each starting with its
 * char *name) has one named NAME: the user overrides a built-in.
 */
bool build_doc_defines(const struct cfg_object_list *list, size_t size,
		       const char *name);

/* PATH as given, or relative to the main file's directory (as @include). */
char *build_file_path(const struct build_ctx *ctx, const char *path);

/* Resolves a reference: "no proposal named ..." when NAME is not one. */
void build_unknown_ref(const struct build_obj *o, const char *key,
		       const char *section, const char *name);

#endif
