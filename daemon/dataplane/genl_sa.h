/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgate SAs over the vgate genl family (VGATE_A_SA). */
#ifndef VGATE_DATAPLANE_GENL_SA_H
#define VGATE_DATAPLANE_GENL_SA_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vgate.h>

#include "dataplane/genl.h"
#include "dataplane/parse.h"
#include "dataplane/stats.h"

/* Lifetime limits; 0 means none. */
struct vgate_lifetime {
	uint64_t bytes;
	uint64_t packets;
	uint64_t seconds;
};

/*
 * One SA: what SA_NEW sends (keys included) and what SA_GET returns
 * (never keys; the read-only members).
 */
struct vgate_sa {
	char dev[IF_NAMESIZE];		/* access device, as the user named it */
	uint32_t access;		/* its ifindex */
	uint32_t dir;			/* enum vgate_sa_dir */
	uint32_t spi;
	uint32_t enc_alg;		/* enum vgate_enc_alg */
	uint32_t enc_key_bits;		/* SA_GET: key length, salt excluded */
	uint8_t enc_key[VGATE_ENC_KEY_MAX];
	size_t enc_key_len;
	uint32_t integ_alg;		/* enum vgate_integ_alg */
	uint8_t integ_key[VGATE_INTEG_KEY_MAX];
	size_t integ_key_len;
	bool esn;
	bool has_replay_window;
	uint32_t replay_window;
	struct vgate_addr local;
	struct vgate_addr peer;
	bool encap;			/* ESP in UDP */
	int encap_fd;			/* SA_NEW: the bound UDP socket */
	uint16_t local_port;
	uint16_t peer_port;
	struct vgate_lifetime soft;
	struct vgate_lifetime hard;
	struct vgate_prefix prefixes[VGATE_SA_PREFIXES_MAX];
	size_t n_prefixes;
	/* read-only */
	uint64_t seq;
	uint64_t add_time;
	bool active;
	struct vgate_stats stats;
};

/* Wipes the keys (explicit_bzero). */
void vgate_sa_wipe_keys(struct vgate_sa *sa);

/* Each returns 0, or -1 with the reason in G->error. */
int vgate_sa_new(struct vgate_genl *g, const struct vgate_sa *sa);
/* REASON is sent only when HAS_REASON. */
int vgate_sa_del(struct vgate_genl *g, uint32_t access, uint32_t dir,
		 uint32_t spi, bool has_reason, uint32_t reason);
/* Makes the outbound SA SPI of ACCESS its active one. */
int vgate_sa_swap(struct vgate_genl *g, uint32_t access, uint32_t spi);
/* Every SA, or those of ACCESS when not 0, into a malloc'ed array. */
int vgate_sa_get(struct vgate_genl *g, uint32_t access, struct vgate_sa **list,
		 size_t *count);

#endif
