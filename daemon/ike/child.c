// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CHILD SAs in vgate.ko.  Each IKE SA gets one access device, cloned
 * from its profile's virtual template; its CHILD SAs and the routes to
 * the peer's inner prefixes hang off that device, so deleting the
 * device removes all of them in one request.
 */
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "common/log.h"
#include "dataplane/genl_access.h"
#include "dataplane/genl_sa.h"
#include "dataplane/genl_templates.h"
#include "dataplane/rtnl.h"
#include "ike/engine_internal.h"
#include "ike/keymat_child.h"
#include "ike/ra.h"

static void sockaddr_to_vgate(const struct sockaddr_storage *ss,
			      struct vgate_addr *a, uint16_t *port)
{
	memset(a, 0, sizeof(*a));
	a->family = ss->ss_family;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

		memcpy(a->bytes, &sin->sin_addr, 4);
		*port = ntohs(sin->sin_port);
	} else {
		const struct sockaddr_in6 *sin6 =
			(const struct sockaddr_in6 *)ss;

		memcpy(a->bytes, &sin6->sin6_addr, 16);
		*port = ntohs(sin6->sin6_port);
	}
}

static uint32_t kernel_enc(const struct xf_encr *encr)
{
	switch (encr->id) {
	case IKEV2_ENCR_AES_GCM_16:
		return VGATE_ENC_AES_GCM_16;
	case IKEV2_ENCR_CHACHA20_POLY1305:
		return VGATE_ENC_CHACHA20_POLY1305;
	default:
		return VGATE_ENC_AES_CBC;
	}
}

static uint32_t kernel_integ(const struct xf_integ *integ)
{
	if (!integ)
		return VGATE_INTEG_NONE;
	switch (integ->id) {
	case IKEV2_AUTH_HMAC_SHA1_96:
		return VGATE_INTEG_HMAC_SHA1_96;
	case IKEV2_AUTH_HMAC_SHA2_384_192:
		return VGATE_INTEG_HMAC_SHA2_384_192;
	case IKEV2_AUTH_HMAC_SHA2_512_256:
		return VGATE_INTEG_HMAC_SHA2_512_256;
	default:
		return VGATE_INTEG_HMAC_SHA2_256_128;
	}
}

/*
 * RFC 7296 §2.8: rekey before the peer's and our hard limit; the soft
 * limit lands between 80 % and 90 % of the hard one so that many SAs
 * set up together do not all rekey at once.
 */
static uint64_t jittered_soft(uint64_t hard)
{
	uint8_t r;

	RAND_bytes(&r, 1);
	return hard - hard / 10 - hard * (r % 11) / 100;
}

static void fill_sa(struct vgate_sa *s, struct ike_engine *e,
		    const struct ike_sa *sa, const struct child_sa *c,
		    const struct conf_ipsec_profile *ipp)
{
	memset(s, 0, sizeof(*s));
	s->access = sa->access_ifindex;
	s->enc_alg = kernel_enc(c->encr);
	s->integ_alg = kernel_integ(c->integ);
	s->esn = c->esn;
	sockaddr_to_vgate(&sa->local, &s->local, &s->local_port);
	sockaddr_to_vgate(&sa->peer, &s->peer, &s->peer_port);
	/* RFC 3948: UDP encapsulation when a NAT is on the path */
	s->encap = sa->nat_local || sa->nat_peer;
	if (s->encap) {
		s->encap_fd = ike_net_natt_fd(e->net, sa->peer.ss_family);
		s->local_port = ike_net_natt_port(e->net);
	} else {
		s->local_port = s->peer_port = 0;
	}
	s->hard.seconds = ipp->lifetime_seconds;
	s->hard.bytes = ipp->lifetime_kilobytes * 1024;
	s->soft.seconds = jittered_soft(s->hard.seconds);
	s->soft.bytes = jittered_soft(s->hard.bytes);
}

static int add_sa(struct ike_engine *e, struct vgate_sa *s, uint32_t dir,
		  uint32_t spi, const struct keymat_key *enc,
		  const struct keymat_key *integ, char *why, size_t why_len)
{
	int ret;

	s->dir = dir;
	s->spi = spi;
	memcpy(s->enc_key, enc->octets, enc->len);
	s->enc_key_len = enc->len;
	memcpy(s->integ_key, integ->octets, integ->len);
	s->integ_key_len = integ->len;
	ret = vgate_sa_new(&e->genl, s);
	vgate_sa_wipe_keys(s);
	if (ret < 0)
		snprintf(why, why_len, "%s", e->genl.error);
	return ret;
}

/* Enslaves SA's new access device to its session's inside VRF. */
static int join_vrf(struct ike_engine *e, struct ike_sa *sa, char *why,
		    size_t why_len)
{
	unsigned int vrf = if_nametoindex(sa->ra->vrf);

	if (!vrf) {
		snprintf(why, why_len, "VRF %s does not exist", sa->ra->vrf);
		return -1;
	}
	if (vgate_rtnl_vrf_table(&e->rtnl, vrf, &sa->vrf_table) < 0 ||
	    vgate_rtnl_link_set_master(&e->rtnl, sa->access_ifindex, vrf) < 0) {
		snprintf(why, why_len, "VRF %s: %s", sa->ra->vrf, e->rtnl.error);
		return -1;
	}
	return 0;
}

/*
 * The template's source addresses (addresses of the interface it
 * borrows, "ip unnumbered"), the preferred source of the routes to a
 * remote-access client: OUT[0] IPv4, OUT[1] IPv6, family 0 when it has
 * none of that family.  One template lookup and one dump of that
 * interface's addresses (not of every interface: getifaddrs() would
 * read every access device too) for all of a CHILD SA's routes.
 */
static void template_sources(struct ike_engine *e, const char *template_name,
			     struct vgate_addr out[2])
{
	struct vgate_template *t = NULL;
	size_t n = 0;

	memset(out, 0, 2 * sizeof(out[0]));
	if (vgate_templates_get(&e->genl, template_name, &t, &n) == 0 && n == 1 &&
	    t->has_unnumbered &&
	    vgate_rtnl_addrs_first(&e->rtnl, t->unnumbered_ifindex, out) < 0)
		log_warning("template %s: %s", template_name, e->rtnl.error);
	free(t);
}

/* Whether CHILD's selectors carry IPv6. */
static bool child_has_ipv6(const struct child_sa *c)
{
	for (unsigned int i = 0; i < c->n_ts_peer; i++)
		if (c->ts_peer[i].addr.family == AF_INET6)
			return true;
	for (unsigned int i = 0; i < c->n_ts_ours; i++)
		if (c->ts_ours[i].addr.family == AF_INET6)
			return true;
	return false;
}

/*
 * The session's device has IPv6 on only for a CHILD SA that carries it:
 * IPv6 on a device costs, per session and under RTNL, a link-local address
 * with its routes, DAD and MLD work, and a walk of the whole IPv6 FIB as
 * the device comes up.
 */
static int make_access(struct ike_engine *e, struct ike_sa *sa,
		       const char *template_name, bool ipv6, char *why,
		       size_t why_len)
{
	struct vgate_access acc;
	unsigned int tmpl;

	tmpl = template_name ? if_nametoindex(template_name) : 0;
	if (!tmpl) {
		snprintf(why, why_len, "virtual-template %s does not exist",
			 template_name ? template_name : "(none configured)");
		return -1;
	}
	if (vgate_access_new(&e->genl, tmpl, ipv6, &acc) < 0) {
		snprintf(why, why_len, "%s", e->genl.error);
		return -1;
	}
	sa->access_ifindex = acc.ifindex;
	sa->access_ipv6 = ipv6;
	snprintf(sa->access_name, sizeof(sa->access_name), "%s", acc.ifname);
	if (sa->ra && sa->ra->vrf[0] && join_vrf(e, sa, why, why_len) < 0)
		return -1;
	if (vgate_rtnl_link_up(&e->rtnl, acc.ifindex) < 0) {
		snprintf(why, why_len, "%s", e->rtnl.error);
		return -1;
	}
	return 0;
}

/*
 * Our one host address among CHILD's own selectors of FAMILY (a FlexVPN
 * client's inner address), as the routes' preferred source, or NULL.
 */
static const struct vgate_addr *host_source(const struct child_sa *c,
					    int family)
{
	const struct vgate_addr *found = NULL;

	for (unsigned int i = 0; i < c->n_ts_ours; i++) {
		const struct vgate_prefix *p = &c->ts_ours[i];

		if (p->addr.family != family)
			continue;
		if (found || p->len != (family == AF_INET ? 32 : 128))
			return NULL;
		found = &p->addr;
	}
	return found;
}

int ike_child_install(struct ike_engine *e, struct ike_sa *sa,
		      const struct child_sa *c, const struct child_keymat *ck,
		      bool responder, const char *template_name,
		      const struct conf_ipsec_profile *ipp, char *why,
		      size_t why_len)
{
	bool ipv6 = child_has_ipv6(c);
	struct vgate_addr tsrc[2];
	struct vgate_sa s;

	if (!sa->access_ifindex &&
	    make_access(e, sa, template_name, ipv6, why, why_len) < 0)
		goto fail;
	if (ipv6 && !sa->access_ipv6) {
		if (vgate_link_ipv6_on(&e->rtnl, sa->access_name) < 0) {
			snprintf(why, why_len, "%s", e->rtnl.error);
			goto fail;
		}
		sa->access_ipv6 = true;
	}
	fill_sa(&s, e, sa, c, ipp);
	s.has_replay_window = true;
	s.replay_window = ipp->replay_window;
	memcpy(s.prefixes, c->ts_peer, c->n_ts_peer * sizeof(c->ts_peer[0]));
	s.n_prefixes = c->n_ts_peer;
	if (add_sa(e, &s, VGATE_SA_DIR_IN, c->spi_in,
		   responder ? &ck->i2r_encr : &ck->r2i_encr,
		   responder ? &ck->i2r_integ : &ck->r2i_integ, why,
		   why_len) < 0)
		goto fail;
	fill_sa(&s, e, sa, c, ipp);
	if (add_sa(e, &s, VGATE_SA_DIR_OUT, c->spi_out,
		   responder ? &ck->r2i_encr : &ck->i2r_encr,
		   responder ? &ck->r2i_integ : &ck->i2r_integ, why,
		   why_len) < 0)
		goto fail;
	if (sa->ra)
		template_sources(e, template_name, tsrc);
	for (unsigned int i = 0; i < c->n_ts_peer; i++) {
		int family = c->ts_peer[i].addr.family;
		const struct vgate_addr *src = host_source(c, family);
		const struct vgate_addr *t = &tsrc[family == AF_INET ? 0 : 1];

		/* a remote-access client's host route: the template's
		 * address as source (what "ip unnumbered" answers from) */
		if (sa->ra && t->family)
			src = t;
		/* a source outside our selectors would be refused by the peer;
		 * one that is not a local address is refused by the kernel */
		if ((!src || vgate_rtnl_route(&e->rtnl, true, &c->ts_peer[i],
					      sa->access_ifindex, src,
					      sa->vrf_table) < 0) &&
		    vgate_rtnl_route(&e->rtnl, true, &c->ts_peer[i],
				     sa->access_ifindex, NULL, sa->vrf_table) < 0) {
			snprintf(why, why_len, "%s", e->rtnl.error);
			goto fail;
		}
	}
	return 0;
fail:
	ike_count(e, IKE_CNT_KERNEL_FAILED);
	ike_child_remove_all(e, sa, VGATE_DEL_REASON_USERSPACE);
	return -1;
}

void ike_child_remove(struct ike_engine *e, struct ike_sa *sa,
		      struct child_sa *c, uint32_t reason)
{
	for (struct child_sa **pp = &sa->children; *pp; pp = &(*pp)->next) {
		if (*pp != c)
			continue;
		*pp = c->next;
		vgate_sa_del(&e->genl, sa->access_ifindex, VGATE_SA_DIR_IN,
			     c->spi_in, true, reason);
		vgate_sa_del(&e->genl, sa->access_ifindex, VGATE_SA_DIR_OUT,
			     c->spi_out, true, reason);
		if (sa->rekeyed == c)
			sa->rekeyed = NULL;	/* our rekey of it is moot */
		free(c);
		return;
	}
}

void ike_child_remove_all(struct ike_engine *e, struct ike_sa *sa,
			  uint32_t reason)
{
	if (!sa->access_ifindex)
		return;
	if (vgate_access_del(&e->genl, sa->access_ifindex, true, reason) < 0)
		log_warning("removing %s: %s", sa->access_name, e->genl.error);
	sa->access_ifindex = 0;
	sa->access_name[0] = '\0';
}
