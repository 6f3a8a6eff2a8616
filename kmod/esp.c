// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: the ESP tunnel-mode transform (RFC 4303) on one skb.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * Wire format, and what the AEAD sees of it:
 *
 *   | SPI | seq lo | IV | inner packet | pad 1,2,3.. | pad len | nh | ICV |
 *   '----- associated data ----'----------- encrypted --------------'
 *
 * With extended sequence numbers the high 32 bits of the sequence number
 * are authenticated but not sent.  The ESP header is moved 4 octets to
 * the front for the duration of the request, as esp4/esp6 do, so that the
 * associated data reads SPI || seq hi || seq lo || IV: RFC 4106 5 and RFC
 * 7634 2.1 take exactly that as AAD, and authencesn() reorders it into
 * the RFC 4303 2.2.1 ICV input (SPI || seq lo || IV || payload || seq hi).
 * The IV is part of the associated data because no IV generator template
 * sits on top of the transform; rfc4106 and rfc7539esp skip those last 8
 * octets of AAD themselves, authenc() authenticates them as ESP requires.
 *
 * One GFP_ATOMIC allocation per packet carries the request state, the IV,
 * the aead_request and its scatterlist (the esp4 "tmp" model).  Requests
 * may complete asynchronously: on x86, AES-GCM goes through cryptd when
 * the FPU is not usable in the current context.  No
 * CRYPTO_TFM_REQ_MAY_BACKLOG: a full cryptd queue fails the request with
 * -ENOSPC and the packet is dropped instead of queueing without bound.
 */

#include <crypto/aead.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/udp.h>

#include "esp.h"

/* the ESP header: SPI and the low 32 bits of the sequence number */
#define VGATE_ESP_HLEN		sizeof(struct ip_esp_hdr)
/* the high 32 bits of an extended sequence number, in the AAD only */
#define VGATE_ESP_SEQHI_LEN	sizeof(__be32)
/* headroom asked for beyond ESP: outer IPv6 + UDP, a link-layer header */
#define VGATE_ESP_OUTER_ROOM	(sizeof(struct ipv6hdr) + sizeof(struct udphdr) + 16)

/**
 * struct vgate_esp_req - per-packet state; the IV, the aead_request and
 *	the scatterlist follow it in the same allocation
 * @skb: the packet
 * @c: the SA's transform
 * @done: the caller's completion
 * @ctx: the caller's argument to @done
 * @spi: SPI of the packet (restores the ESP header after ESN)
 * @saved: the 4 octets the ESN AAD overwrote in front of the ESP header
 * @seq: sequence number of the packet
 */
struct vgate_esp_req {
	struct sk_buff *skb;
	const struct vgate_crypto *c;
	vgate_esp_done_t done;
	void *ctx;
	__be32 spi;
	__be32 saved;
	u64 seq;
};

static void *vgate_esp_alloc(const struct vgate_crypto *c, int nfrags)
{
	struct crypto_aead *aead = c->aead;
	unsigned int len;

	len = sizeof(struct vgate_esp_req);
	len += crypto_aead_alignmask(aead) & ~(crypto_tfm_ctx_alignment() - 1);
	len = ALIGN(len, crypto_aead_alignmask(aead) + 1);
	len += crypto_aead_ivsize(aead);
	len = ALIGN(len, crypto_tfm_ctx_alignment());
	len += sizeof(struct aead_request) + crypto_aead_reqsize(aead);
	len = ALIGN(len, __alignof__(struct scatterlist));
	len += sizeof(struct scatterlist) * nfrags;

	return kmalloc(len, GFP_ATOMIC);
}

static u8 *vgate_esp_req_iv(const struct vgate_crypto *c,
			    struct vgate_esp_req *r)
{
	return PTR_ALIGN((u8 *)(r + 1), crypto_aead_alignmask(c->aead) + 1);
}

static struct aead_request *vgate_esp_req_aead(const struct vgate_crypto *c,
					       u8 *iv)
{
	struct aead_request *req;

	req = (void *)PTR_ALIGN(iv + crypto_aead_ivsize(c->aead),
				crypto_tfm_ctx_alignment());
	aead_request_set_tfm(req, c->aead);
	return req;
}

static struct scatterlist *vgate_esp_req_sg(const struct vgate_crypto *c,
					    struct aead_request *req)
{
	return (void *)ALIGN((unsigned long)(req + 1) +
			     crypto_aead_reqsize(c->aead),
			     __alignof__(struct scatterlist));
}

/* skb->data at the ESP header: make room for seq hi (see the top) */
static void vgate_esp_esn_push(struct vgate_esp_req *r, struct sk_buff *skb)
{
	__be32 *w = skb_push(skb, VGATE_ESP_SEQHI_LEN);

	r->saved = w[0];
	w[0] = r->spi;
	w[1] = htonl(upper_32_bits(r->seq));
}

/* and back: skb->data at the ESP header, the octets in front restored */
static void vgate_esp_esn_pull(struct vgate_esp_req *r, struct sk_buff *skb)
{
	__be32 *w = (__be32 *)skb->data;

	w[1] = r->spi;
	w[0] = r->saved;
	__skb_pull(skb, VGATE_ESP_SEQHI_LEN);
}

static void vgate_esp_encrypt_finish(struct vgate_esp_req *r, int err)
{
	struct sk_buff *skb = r->skb;
	vgate_esp_done_t done = r->done;
	void *ctx = r->ctx;

	if (r->c->esn)
		vgate_esp_esn_pull(r, skb);
	kfree(r);
	done(skb, err, ctx);
}

static void vgate_esp_encrypt_done(void *data, int err)
{
	/* a backlogged request started: the real completion follows */
	if (err == -EINPROGRESS)
		return;
	vgate_esp_encrypt_finish(data, err);
}

/* the same, for kernels before 6.3 (see VGATE_CRYPTO_CB()) */
static void __maybe_unused
vgate_esp_encrypt_done_req(struct crypto_async_request *req, int err)
{
	vgate_esp_encrypt_done(req->data, err);
}

static int vgate_esp_nexthdr(const struct sk_buff *skb, u8 *nexthdr)
{
	u8 v;

	if (skb_copy_bits(skb, 0, &v, 1))
		return -EINVAL;
	switch (v >> 4) {
	case 4:
		*nexthdr = IPPROTO_IPIP;
		return 0;
	case 6:
		*nexthdr = IPPROTO_IPV6;
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * vgate_esp_encrypt - turn an inner IP packet into an ESP packet
 * @c: the outbound SA's transform
 * @skb: the packet, skb->data at the inner IPv4/IPv6 header; not shared,
 *	not GSO (segment first)
 * @spi: the SPI, network order
 * @seq: the sequence number (64 bits; only the low 32 are sent); unique
 *	per SA, as it is the IV of AES-GCM and ChaCha20-Poly1305
 * @done: runs exactly once with the result; on success skb->data is at
 *	the ESP header, with headroom for an outer IPv6 + UDP header
 * @ctx: passed to @done
 *
 * The trailer pads the payload with 1, 2, 3, ... to the cipher block size
 * (4 octets at least) and names the inner protocol from its version
 * nibble (4: IPv4, 41: IPv6; anything else fails with -EINVAL).
 *
 * Context: softirq or process context.  @done may run before this
 * returns, or later from another context.
 */
void vgate_esp_encrypt(const struct vgate_crypto *c, struct sk_buff *skb,
		       __be32 spi, u64 seq, vgate_esp_done_t done, void *ctx)
{
	unsigned int hlen = VGATE_ESP_HLEN + c->ivlen;
	unsigned int esnlen = c->esn ? VGATE_ESP_SEQHI_LEN : 0;
	unsigned int clen, plen, i;
	struct ip_esp_hdr *esph;
	struct aead_request *req;
	struct sk_buff *trailer;
	struct scatterlist *sg;
	struct vgate_esp_req *r;
	u8 nexthdr, *tail, *iv;
	int nfrags, err;

	if (unlikely(skb_is_gso(skb))) {
		err = -EINVAL;
		goto err;
	}
	err = vgate_esp_nexthdr(skb, &nexthdr);
	if (unlikely(err))
		goto err;
	/* the checksum offload cannot reach through the encryption */
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		err = skb_checksum_help(skb);
		if (unlikely(err))
			goto err;
	}
	/* nothing the device could verify or complete survives either */
	skb->ip_summed = CHECKSUM_NONE;

	clen = ALIGN(skb->len + 2, c->blocksize);
	plen = clen - skb->len;

	err = skb_cow_head(skb, hlen + esnlen + VGATE_ESP_OUTER_ROOM);
	if (unlikely(err))
		goto err;
	nfrags = skb_cow_data(skb, plen + c->icvlen, &trailer);
	if (unlikely(nfrags < 0)) {
		err = nfrags;
		goto err;
	}

	/* RFC 4303 2.4: padding 1, 2, 3, ..., then pad length, next header */
	tail = skb_tail_pointer(trailer);
	for (i = 0; i < plen - 2; i++)
		tail[i] = i + 1;
	tail[plen - 2] = plen - 2;
	tail[plen - 1] = nexthdr;
	/* the ICV is written by the transform */
	pskb_put(skb, trailer, plen + c->icvlen);

	r = vgate_esp_alloc(c, nfrags);
	if (unlikely(!r)) {
		err = -ENOMEM;
		goto err;
	}
	r->skb = skb;
	r->c = c;
	r->done = done;
	r->ctx = ctx;
	r->spi = spi;
	r->seq = seq;
	iv = vgate_esp_req_iv(c, r);
	req = vgate_esp_req_aead(c, iv);
	sg = vgate_esp_req_sg(c, req);

	esph = skb_push(skb, hlen);
	esph->spi = spi;
	esph->seq_no = htonl(lower_32_bits(seq));
	if (c->seqiv) {
		/* RFC 4106 3.1 / RFC 7634 2: the counter, unique per key */
		__be64 ctr = cpu_to_be64(seq);

		memcpy(iv, &ctr, sizeof(ctr));
	} else {
		/* RFC 3602 2.3: unpredictable */
		get_random_bytes(iv, c->ivlen);
	}
	/* the transform may update its IV buffer: keep the packet's apart */
	memcpy(esph + 1, iv, c->ivlen);

	if (c->esn)
		vgate_esp_esn_push(r, skb);

	sg_init_table(sg, nfrags);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0))
		goto err_finish;

	aead_request_set_callback(req, 0,
				  VGATE_CRYPTO_CB(vgate_esp_encrypt_done_req,
						  vgate_esp_encrypt_done), r);
	aead_request_set_crypt(req, sg, sg, clen, iv);
	aead_request_set_ad(req, VGATE_ESP_HLEN + esnlen + c->ivlen);

	err = crypto_aead_encrypt(req);
	/* -EBUSY: queued to the backlog after all, the callback will run */
	if (err == -EINPROGRESS || err == -EBUSY)
		return;

err_finish:
	vgate_esp_encrypt_finish(r, err);
	return;

err:
	done(skb, err, ctx);
}

/*
 * skb->data at the ESP header, the ICV verified and the payload
 * decrypted in place: check the trailer, strip ESP, point skb->data at
 * the inner IP header.
 */
static int vgate_esp_decap(const struct vgate_crypto *c, struct sk_buff *skb)
{
	unsigned int hlen = VGATE_ESP_HLEN + c->ivlen;
	unsigned int clen = skb->len - hlen - c->icvlen;
	u8 pad[256 + 2];
	unsigned int padlen, i;
	__be16 proto;
	int err;

	if (skb_copy_bits(skb, skb->len - c->icvlen - 2, &pad[256], 2))
		return -EINVAL;
	padlen = pad[256];
	/* the pad length must leave at least one octet of payload */
	if (padlen + 2 >= clen)
		return -EPROTO;
	if (padlen) {
		if (skb_copy_bits(skb, skb->len - c->icvlen - 2 - padlen,
				  &pad[256 - padlen], padlen))
			return -EINVAL;
		for (i = 0; i < padlen; i++)
			if (pad[256 - padlen + i] != i + 1)
				return -EPROTO;
	}

	switch (pad[257]) {
	case IPPROTO_IPIP:
		proto = htons(ETH_P_IP);
		break;
	case IPPROTO_IPV6:
		proto = htons(ETH_P_IPV6);
		break;
	default:
		/* including 59, the dummy packets of RFC 4303 2.6 */
		return -EINVAL;
	}

	err = pskb_trim(skb, skb->len - c->icvlen - 2 - padlen);
	if (unlikely(err))
		return err;
	__skb_pull(skb, hlen);
	skb->protocol = proto;
	return 0;
}

static void vgate_esp_decrypt_finish(struct vgate_esp_req *r, int err)
{
	const struct vgate_crypto *c = r->c;
	struct sk_buff *skb = r->skb;
	vgate_esp_done_t done = r->done;
	void *ctx = r->ctx;

	if (c->esn)
		vgate_esp_esn_pull(r, skb);
	kfree(r);
	if (likely(!err))
		err = vgate_esp_decap(c, skb);
	done(skb, err, ctx);
}

static void vgate_esp_decrypt_done(void *data, int err)
{
	if (err == -EINPROGRESS)
		return;
	vgate_esp_decrypt_finish(data, err);
}

static void __maybe_unused
vgate_esp_decrypt_done_req(struct crypto_async_request *req, int err)
{
	vgate_esp_decrypt_done(req->data, err);
}

/**
 * vgate_esp_decrypt - verify and decrypt an ESP packet
 * @c: the inbound SA's transform
 * @skb: the packet, skb->data at the ESP header (its outer headers in
 *	front are left as they are); not shared
 * @seq: its full sequence number, as vgate_replay_check() inferred it
 *	(the high 32 bits enter the ICV with ESN)
 * @done: runs exactly once with the result: 0 with skb->data at the inner
 *	IP header and skb->protocol set from the next header; -EBADMSG when
 *	the ICV does not verify; -EPROTO for bad padding or pad length;
 *	-EINVAL when the packet is malformed or its next header is neither
 *	IPv4 (4) nor IPv6 (41); -ENOMEM
 * @ctx: passed to @done
 *
 * Context: softirq or process context.  @done may run before this
 * returns, or later from another context.
 */
void vgate_esp_decrypt(const struct vgate_crypto *c, struct sk_buff *skb,
		       u64 seq, vgate_esp_done_t done, void *ctx)
{
	unsigned int hlen = VGATE_ESP_HLEN + c->ivlen;
	unsigned int esnlen = c->esn ? VGATE_ESP_SEQHI_LEN : 0;
	struct aead_request *req;
	struct sk_buff *trailer;
	struct scatterlist *sg;
	struct vgate_esp_req *r;
	unsigned int clen;
	int nfrags, err;
	u8 *iv;

	err = -EINVAL;
	if (unlikely(!pskb_may_pull(skb, hlen)))
		goto err;
	if (unlikely(skb->len < hlen + c->icvlen + 2))
		goto err;
	clen = skb->len - hlen - c->icvlen;
	/* the ciphertext fills whole blocks (CBC) */
	if (unlikely(clen % crypto_aead_blocksize(c->aead)))
		goto err;

	/* in place, and with ESN the octets in front are written to */
	if (!skb_cloned(skb) && !skb_is_nonlinear(skb)) {
		nfrags = 1;
	} else if (!skb_cloned(skb) && !skb_has_frag_list(skb) &&
		   !skb_has_shared_frag(skb)) {
		nfrags = skb_shinfo(skb)->nr_frags + 1;
	} else {
		nfrags = skb_cow_data(skb, 0, &trailer);
		if (unlikely(nfrags < 0)) {
			err = nfrags;
			goto err;
		}
	}
	if (unlikely(esnlen && skb_headroom(skb) < esnlen))
		goto err;

	err = -ENOMEM;
	r = vgate_esp_alloc(c, nfrags);
	if (unlikely(!r))
		goto err;
	r->skb = skb;
	r->c = c;
	r->done = done;
	r->ctx = ctx;
	r->spi = ((struct ip_esp_hdr *)skb->data)->spi;
	r->seq = seq;
	iv = vgate_esp_req_iv(c, r);
	req = vgate_esp_req_aead(c, iv);
	sg = vgate_esp_req_sg(c, req);

	memcpy(iv, skb->data + VGATE_ESP_HLEN, c->ivlen);
	if (c->esn)
		vgate_esp_esn_push(r, skb);

	sg_init_table(sg, nfrags);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0))
		goto err_finish;

	/* the payload changes under any checksum the device computed */
	skb->ip_summed = CHECKSUM_NONE;

	aead_request_set_callback(req, 0,
				  VGATE_CRYPTO_CB(vgate_esp_decrypt_done_req,
						  vgate_esp_decrypt_done), r);
	aead_request_set_crypt(req, sg, sg, clen + c->icvlen, iv);
	aead_request_set_ad(req, VGATE_ESP_HLEN + esnlen + c->ivlen);

	err = crypto_aead_decrypt(req);
	if (err == -EINPROGRESS || err == -EBUSY)
		return;

err_finish:
	vgate_esp_decrypt_finish(r, err);
	return;

err:
	done(skb, err, ctx);
}

/**
 * vgate_esp_overhead - the most octets ESP adds to an inner packet
 * @c: the SA's transform
 *
 * ESP header, IV, the largest padding, pad length, next header and ICV;
 * the outer IP (and UDP) header is not included.
 *
 * Return: the overhead in octets.
 */
unsigned int vgate_esp_overhead(const struct vgate_crypto *c)
{
	return VGATE_ESP_HLEN + c->ivlen + c->blocksize - 1 + 2 + c->icvlen;
}

#include "selftest/esp.c"
