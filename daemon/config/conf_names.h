/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The transform names of vgated.conf ("aes-gcm-256", "sha384", group 19)
 * and the ike/transform.c entries they stand for.  A name vgated knows
 * but transform.c does not implement is reported as such, so the
 * operator learns it is not a typo.
 */
#ifndef VGATE_CONFIG_CONF_NAMES_H
#define VGATE_CONFIG_CONF_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "ike/transform.h"

/*
 * Each returns NULL with *WHY set when NAME is unknown or not
 * implemented.  ESP says the transform is for a CHILD SA (transform-set),
 * which vgate.ko must be able to carry.
 */
const struct xf_encr *conf_encr_by_name(const char *name, bool esp,
					const char **why);
const struct xf_integ *conf_integ_by_name(const char *name, bool esp,
					  const char **why);
const struct xf_prf *conf_prf_by_name(const char *name, const char **why);
const struct xf_dh *conf_dh_by_number(long group, const char **why);

/* The config name of a transform, for messages and `show` output. */
const char *conf_encr_name(const struct xf_encr *encr);
const char *conf_integ_name(const struct xf_integ *integ);
const char *conf_prf_name(const struct xf_prf *prf);

/* "2, 5, 14, ..." : the groups transform.c implements. */
void conf_dh_supported(char *buf, size_t len);

#endif
