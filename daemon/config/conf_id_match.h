/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `match identity remote` statements of a profile (spec §6.1): parsing
 * them from vgated.conf and testing a peer's IDi against one.
 */
#ifndef VGATE_CONFIG_CONF_ID_MATCH_H
#define VGATE_CONFIG_CONF_ID_MATCH_H

#include <stdbool.h>

#include "config/ikev2_conf.h"

/*
 * "address 10.0.0.0/8" (or one address), "fqdn host.example.com",
 * "fqdn domain example.com", "email user@example.com", "email domain
 * example.com", "key-id TEXT", "dn CN=vpn,O=Example".  NULL on success
 * (OUT then owns memory: conf_id_match_free), else why not.
 */
const char *conf_id_match_parse(const char *text, struct conf_id_match *out);
void conf_id_match_free(struct conf_id_match *m);

bool conf_id_match_holds(const struct conf_id_match *m,
			 const struct conf_identity *id);

#endif
