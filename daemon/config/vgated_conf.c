// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "common/log.h"
#include "config/ikev2_build.h"
#include "config/ikev2_doc.h"
#include "config/schema.h"
#include "config/vgated_conf.h"
#include "ctl/protocol.h"

/* The file as written; turned into struct vgated_conf after loading. */
struct conf_doc {
	struct vgated_daemon_settings daemon;
	struct ikev2_doc ikev2;
};

const char *vgated_conf_check_socket_path(const char *path)
{
	if (path[0] != '/')
		return "must be an absolute path";
	if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
		return "is longer than a Unix socket path can be (107 bytes)";
	return NULL;
}

static const struct cfg_key daemon_keys[] = {
	{
		.name = "control-socket",
		.kind = CFG_VALUE_STRING,
		.offset = offsetof(struct vgated_daemon_settings, control_socket),
		.default_value = CTL_DEFAULT_SOCKET,
		.check = vgated_conf_check_socket_path,
	},
	{
		.name = "log-level",
		.kind = CFG_VALUE_CHOICE,
		.offset = offsetof(struct vgated_daemon_settings, log_level),
		.default_value = "notice",
		.choices = log_level_names,
	},
	{ 0 }
};

#define LIST_SECTION(section, field, keys_table, type) {		\
	.name = section, .kind = CFG_SECTION_OBJECT_LIST,		\
	.keys = keys_table, .object_size = sizeof(type),		\
	.offset = offsetof(struct conf_doc, ikev2.field),		\
}

static const struct cfg_section sections[] = {
	{
		.name = "daemon",
		.kind = CFG_SECTION_GROUP,
		.keys = daemon_keys,
		.offset = offsetof(struct conf_doc, daemon),
	},
	{
		.name = "ikev2",
		.kind = CFG_SECTION_GROUP,
		.keys = ikev2_global_keys,
		.offset = offsetof(struct conf_doc, ikev2.global),
	},
	LIST_SECTION("proposal", proposals, ikev2_proposal_keys,
		     struct ikev2_doc_proposal),
	LIST_SECTION("policy", policies, ikev2_policy_keys,
		     struct ikev2_doc_policy),
	LIST_SECTION("keyring", keyrings, ikev2_keyring_keys,
		     struct ikev2_doc_keyring),
	LIST_SECTION("transform-set", transform_sets, ikev2_transform_set_keys,
		     struct ikev2_doc_transform_set),
	LIST_SECTION("ipsec-profile", ipsec_profiles, ikev2_ipsec_profile_keys,
		     struct ikev2_doc_ipsec_profile),
	LIST_SECTION("profile", profiles, ikev2_profile_keys,
		     struct ikev2_doc_profile),
	LIST_SECTION("client", clients, ikev2_client_keys,
		     struct ikev2_doc_client),
	LIST_SECTION("pool", pools, ikev2_pool_keys, struct ikev2_doc_pool),
	LIST_SECTION("authorization-policy", authz, ikev2_authz_keys,
		     struct ikev2_doc_authz),
	LIST_SECTION("user", users, ikev2_user_keys, struct ikev2_doc_user),
	{ 0 }
};

static const struct cfg_schema schema = { .sections = sections };

int vgated_conf_parse(const char *path, struct vgated_conf *conf,
		      struct cfg_diags *diags)
{
	struct conf_doc doc = { 0 };
	struct cfg_locs locs = { 0 };
	int ret;

	memset(conf, 0, sizeof(*conf));
	ret = cfg_load(&schema, path, &doc, diags, &locs);
	/* Built even after load errors, so every problem is reported at once. */
	if (ikev2_conf_build(&doc.ikev2, &locs, path, &conf->ikev2, diags) < 0)
		ret = -1;
	conf->daemon = doc.daemon;
	memset(&doc.daemon, 0, sizeof(doc.daemon));
	cfg_release(&schema, &doc);
	cfg_locs_free(&locs);
	if (ret < 0)
		vgated_conf_free(conf);
	return ret;
}

int vgated_conf_load(const char *path, struct vgated_conf *conf,
		     struct cfg_diags *diags)
{
	size_t before = diags->count;

	if (vgated_conf_parse(path, conf, diags) < 0)
		return -1;
	for (size_t i = before; i < diags->count; i++) {
		const struct cfg_diag *d = &diags->items[i];

		log_warning("%s:%d: %s", d->file, d->line, d->message);
	}
	cfg_diags_truncate(diags, before);
	return 0;
}

void vgated_conf_free(struct vgated_conf *conf)
{
	free(conf->daemon.control_socket);
	ikev2_conf_free(&conf->ikev2);
	memset(conf, 0, sizeof(*conf));
}
