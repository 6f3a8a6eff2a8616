/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: the ESP tunnel-mode transform (RFC 4303) on one skb.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Encryption turns an inner IPv4/IPv6 packet (skb->data at the inner IP
 * header) into an ESP packet (skb->data at the ESP header, headroom left
 * for the outer headers).  Decryption does the reverse.  Both may
 * complete asynchronously: the caller's @done runs exactly once, from
 * softirq or process context, whether the result is immediate or not,
 * and it owns the skb afterwards.  The caller keeps whatever the skb's
 * processing needs (the SA, its keys) alive until @done ran.
 */
#ifndef _VGATE_ESP_H_
#define _VGATE_ESP_H_

#include <linux/skbuff.h>
#include <linux/types.h>

#include "crypto.h"

/**
 * typedef vgate_esp_done_t - completion of vgate_esp_encrypt/decrypt
 * @skb: the packet, now ESP (encrypt) or inner IP (decrypt)
 * @err: 0, or why it failed (-EBADMSG: ICV mismatch; -EPROTO: bad padding
 *	or trailer; -EINVAL: malformed; -ENOMEM)
 * @ctx: what the caller passed
 */
typedef void (*vgate_esp_done_t)(struct sk_buff *skb, int err, void *ctx);

void vgate_esp_encrypt(const struct vgate_crypto *c, struct sk_buff *skb,
		       __be32 spi, u64 seq, vgate_esp_done_t done, void *ctx);
void vgate_esp_decrypt(const struct vgate_crypto *c, struct sk_buff *skb,
		       u64 seq, vgate_esp_done_t done, void *ctx);
unsigned int vgate_esp_overhead(const struct vgate_crypto *c);

#ifdef VGATE_SELFTESTS
bool vgate_esp_selftest(void);
#endif

#endif /* _VGATE_ESP_H_ */
