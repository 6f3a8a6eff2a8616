// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "ike/codec_build.h"
#include "ike/proposal.h"

static bool offers(const struct ike_proposal *p, uint8_t type, uint16_t id,
		   unsigned int key_bits)
{
	for (unsigned int i = 0; i < p->n_transforms; i++) {
		const struct ike_transform *t = &p->transforms[i];

		if (t->type == type && t->id == id && !t->unknown_attribute &&
		    t->key_length == key_bits)
			return true;
	}
	return false;
}

static bool offers_type(const struct ike_proposal *p, uint8_t type)
{
	for (unsigned int i = 0; i < p->n_transforms; i++)
		if (p->transforms[i].type == type)
			return true;
	return false;
}

/* Our first ENCR, INTEG and PRF (by our order) that P offers. */
static bool choose_suite(const struct conf_proposal *ours,
			 const struct ike_proposal *p, struct xf_suite *s)
{
	memset(s, 0, sizeof(*s));
	for (unsigned int i = 0; i < ours->n_encr && !s->encr; i++)
		if (offers(p, IKEV2_TRANSFORM_TYPE_ENCR, ours->encr[i]->id,
			   ours->encr[i]->key_bits))
			s->encr = ours->encr[i];
	for (unsigned int i = 0; i < ours->n_prf && !s->prf; i++)
		if (offers(p, IKEV2_TRANSFORM_TYPE_PRF, ours->prf[i]->id, 0))
			s->prf = ours->prf[i];
	for (unsigned int i = 0; i < ours->n_integ && !s->integ; i++)
		if (offers(p, IKEV2_TRANSFORM_TYPE_INTEG, ours->integ[i]->id, 0))
			s->integ = ours->integ[i];
	if (!s->encr || !s->prf)
		return false;
	/* an AEAD offer carries no INTEG (or only NONE) */
	if (s->encr->aead)
		return !s->integ && (!offers_type(p, IKEV2_TRANSFORM_TYPE_INTEG) ||
				     offers(p, IKEV2_TRANSFORM_TYPE_INTEG,
					    IKEV2_AUTH_NONE, 0));
	return s->integ != NULL;
}

enum ike_choice ike_choose_ike(const struct conf_policy *policy,
			       const struct ike_payload_sa *offer,
			       uint8_t spi_size, uint16_t ke_group,
			       struct ike_chosen *out)
{
	bool have_fallback = false;
	struct ike_chosen fallback;

	for (unsigned int i = 0; i < policy->n_proposals; i++) {
		const struct conf_proposal *ours = policy->proposals[i];

		for (unsigned int j = 0; j < offer->n_proposals; j++) {
			const struct ike_proposal *p = &offer->proposals[j];
			const struct xf_dh *preferred = NULL;
			struct xf_suite suite;

			if (p->protocol_id != IKEV2_PROTO_IKE ||
			    p->spi_size != spi_size || !choose_suite(ours, p, &suite))
				continue;
			for (unsigned int k = 0; k < ours->n_dh; k++) {
				if (!offers(p, IKEV2_TRANSFORM_TYPE_DH,
					    ours->dh[k]->id, 0))
					continue;
				if (!preferred)
					preferred = ours->dh[k];
				if (ours->dh[k]->id == ke_group) {
					*out = (struct ike_chosen){
						.number = p->number,
						.suite = suite,
						.dh = ours->dh[k],
						.spi = p->spi,
					};
					return IKE_CHOICE_OK;
				}
			}
			if (preferred && !have_fallback) {
				fallback = (struct ike_chosen){
					.number = p->number,
					.suite = suite,
					.dh = preferred,
				};
				have_fallback = true;
			}
		}
	}
	if (!have_fallback)
		return IKE_CHOICE_NONE;
	*out = fallback;
	return IKE_CHOICE_INVALID_KE;
}

/* The ESP transforms vgate.ko implements (uapi enum vgate_enc_alg). */
static bool kernel_runs(const struct conf_transform_set *ts)
{
	switch (ts->encr->id) {
	case IKEV2_ENCR_AES_GCM_16:
	case IKEV2_ENCR_AES_CBC:
		return ts->encr->key_bits == 128 || ts->encr->key_bits == 256;
	case IKEV2_ENCR_CHACHA20_POLY1305:
		return true;
	default:
		return false;
	}
}

enum ike_choice ike_choose_esp(const struct conf_ipsec_profile *ipp,
			       const struct ike_payload_sa *offer,
			       bool in_ike_auth, uint16_t ke_group,
			       struct ike_chosen *out)
{
	const struct xf_dh *dh = ke_group ? xf_dh_find(ke_group) : NULL;

	/* PFS (RFC 7296 §1.3.1): the KE group, which our profile must want */
	if (ke_group && (!dh || (ipp->pfs && ipp->pfs != dh) ||
			 (!ipp->pfs && dh->legacy)))
		return IKE_CHOICE_NONE;
	/* IKE_AUTH's CHILD SA has no KE of its own (§1.2) */
	if (!ke_group && ipp->pfs && !in_ike_auth)
		return IKE_CHOICE_NONE;
	for (unsigned int i = 0; i < ipp->n_transform_sets; i++) {
		const struct conf_transform_set *ts = ipp->transform_sets[i];

		if (!kernel_runs(ts))
			continue;
		for (unsigned int j = 0; j < offer->n_proposals; j++) {
			const struct ike_proposal *p = &offer->proposals[j];
			bool esn_yes, esn_no;

			if (p->protocol_id != IKEV2_PROTO_ESP || p->spi_size != 4 ||
			    !offers(p, IKEV2_TRANSFORM_TYPE_ENCR, ts->encr->id,
				    ts->encr->key_bits))
				continue;
			if (ts->integ ? !offers(p, IKEV2_TRANSFORM_TYPE_INTEG,
						ts->integ->id, 0)
				      : (offers_type(p, IKEV2_TRANSFORM_TYPE_INTEG) &&
					 !offers(p, IKEV2_TRANSFORM_TYPE_INTEG,
						 IKEV2_AUTH_NONE, 0)))
				continue;
			esn_yes = offers(p, IKEV2_TRANSFORM_TYPE_ESN, IKEV2_ESN_YES, 0);
			esn_no = offers(p, IKEV2_TRANSFORM_TYPE_ESN, IKEV2_ESN_NO, 0) ||
				 !offers_type(p, IKEV2_TRANSFORM_TYPE_ESN);
			if ((!esn_yes && !esn_no) ||
			    (dh && !offers(p, IKEV2_TRANSFORM_TYPE_DH, dh->id, 0)))
				continue;
			*out = (struct ike_chosen){
				.number = p->number,
				.suite = { .encr = ts->encr, .integ = ts->integ },
				.dh = dh,
				.esn = ts->esn ? esn_yes : !esn_no,
				.spi = p->spi,
			};
			return IKE_CHOICE_OK;
		}
	}
	return IKE_CHOICE_NONE;
}

void ike_put_chosen(struct ike_writer *w, const struct ike_chosen *chosen,
		    uint8_t protocol, const uint8_t *spi, uint8_t spi_size)
{
	struct ike_transform t[5];
	struct ike_proposal p = {
		.number = chosen->number,
		.protocol_id = protocol,
		.spi_size = spi_size,
		.spi = spi,
		.transforms = t,
	};
	const struct xf_suite *s = &chosen->suite;
	unsigned int n = 0;

	t[n++] = (struct ike_transform){
		.type = IKEV2_TRANSFORM_TYPE_ENCR, .id = s->encr->id,
		.key_length = (uint16_t)s->encr->key_bits,
		.has_key_length = s->encr->key_bits != 0,
	};
	if (s->prf)
		t[n++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_PRF, .id = s->prf->id,
		};
	if (s->integ)
		t[n++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_INTEG, .id = s->integ->id,
		};
	if (chosen->dh)
		t[n++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_DH, .id = chosen->dh->id,
		};
	if (protocol == IKEV2_PROTO_ESP)
		t[n++] = (struct ike_transform){
			.type = IKEV2_TRANSFORM_TYPE_ESN,
			.id = chosen->esn ? IKEV2_ESN_YES : IKEV2_ESN_NO,
		};
	p.n_transforms = (uint8_t)n;
	ike_put_sa(w, &p, 1);
}

void ike_put_ike_proposals(struct ike_writer *w, const struct conf_policy *pol,
			   const uint8_t *spi)
{
	struct ike_proposal props[CONF_MAX_REFS];
	struct ike_transform t[CONF_MAX_REFS][4 * CONF_MAX_XF];

	for (unsigned int i = 0; i < pol->n_proposals; i++) {
		const struct conf_proposal *p = pol->proposals[i];
		unsigned int n = 0;

		for (unsigned int k = 0; k < p->n_encr; k++)
			t[i][n++] = (struct ike_transform){
				.type = IKEV2_TRANSFORM_TYPE_ENCR, .id = p->encr[k]->id,
				.key_length = (uint16_t)p->encr[k]->key_bits,
				.has_key_length = p->encr[k]->key_bits != 0,
			};
		for (unsigned int k = 0; k < p->n_prf; k++)
			t[i][n++] = (struct ike_transform){
				.type = IKEV2_TRANSFORM_TYPE_PRF, .id = p->prf[k]->id,
			};
		for (unsigned int k = 0; k < p->n_integ; k++)
			t[i][n++] = (struct ike_transform){
				.type = IKEV2_TRANSFORM_TYPE_INTEG, .id = p->integ[k]->id,
			};
		for (unsigned int k = 0; k < p->n_dh; k++)
			t[i][n++] = (struct ike_transform){
				.type = IKEV2_TRANSFORM_TYPE_DH, .id = p->dh[k]->id,
			};
		props[i] = (struct ike_proposal){
			.number = (uint8_t)(i + 1), .protocol_id = IKEV2_PROTO_IKE,
			.spi_size = spi ? 8 : 0, .spi = spi,
			.n_transforms = (uint8_t)n, .transforms = t[i],
		};
	}
	ike_put_sa(w, props, pol->n_proposals);
}
