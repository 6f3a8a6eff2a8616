// SPDX-License-Identifier: GPL-2.0-or-later
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "common/xalloc.h"
#include "config/conf_id_match.h"
#include "config/conf_identity.h"
#include "config/conf_parse.h"
#include "ike/codec_constants.h"

/* The text after WORD and its spaces; "" when WORD is all there is. */
static const char *take_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(text, word, n) ||
	    (text[n] != ' ' && text[n] != '\t' && text[n]))
		return NULL;
	text += n;
	return text + strspn(text, " \t");
}

static const char *parse_text(const char *value, enum conf_id_match_kind kind,
			      struct conf_id_match *out)
{
	if (!*value)
		return "needs a value";
	if (strlen(value) > CONF_ID_MAX)
		return "is longer than an identity can be (256 octets)";
	if (kind != CONF_ID_MATCH_KEY_ID && strpbrk(value, " \t"))
		return "must not contain spaces";
	if (kind == CONF_ID_MATCH_EMAIL && !strchr(value, '@'))
		return "email needs an '@' (or use \"email domain NAME\")";
	/* "domain .example.com" means the same as "domain example.com". */
	if (kind == CONF_ID_MATCH_FQDN_DOMAIN && value[0] == '.' && value[1])
		value++;
	out->kind = kind;
	out->text = xstrdup(value);
	return NULL;
}

const char *conf_id_match_parse(const char *text, struct conf_id_match *out)
{
	const char *v;
	struct conf_identity dn;
	const char *problem;

	memset(out, 0, sizeof(*out));
	if ((v = take_word(text, "address"))) {
		out->kind = CONF_ID_MATCH_ADDRESS;
		problem = conf_parse_prefix(v, &out->prefix);
		return problem ? "address needs an IPv4/IPv6 address or prefix" : NULL;
	}
	if ((v = take_word(text, "fqdn"))) {
		const char *d = take_word(v, "domain");


		return d ? parse_text(d, CONF_ID_MATCH_FQDN_DOMAIN, out)
			 : parse_text(v, CONF_ID_MATCH_FQDN, out);
	}
	if ((v = take_word(text, "email"))) {
		const char *d = take_word(v, "domain");


		return d ? parse_text(d, CONF_ID_MATCH_EMAIL_DOMAIN, out)
			 : parse_text(v, CONF_ID_MATCH_EMAIL, out);
	}
	if ((v = take_word(text, "key-id")))
		return parse_text(v, CONF_ID_MATCH_KEY_ID, out);
	if (take_word(text, "dn")) {
		problem = conf_identity_parse(text, false, &dn);
		if (problem)
			return problem;
		out->kind = CONF_ID_MATCH_DN;
		out->der = xcalloc(1, dn.len);
		memcpy(out->der, dn.data, dn.len);
		out->der_len = dn.len;
		return NULL;
	}
	return "must be address, fqdn [domain], email [domain], key-id or dn followed by a value";
}

void conf_id_match_free(struct conf_id_match *m)
{
	free(m->text);
	free(m->der);
	m->text = NULL;
	m->der = NULL;
}

static bool address_holds(const struct conf_prefix *p,
			  const struct conf_identity *id)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (id->type == IKEV2_ID_IPV4_ADDR && id->len == 4) {
		memcpy(&sin.sin_addr, id->data, 4);
		return conf_prefix_contains(p, (struct sockaddr *)&sin);
	}
	if (id->type == IKEV2_ID_IPV6_ADDR && id->len == 16) {
		memcpy(&sin6.sin6_addr, id->data, 16);
		return conf_prefix_contains(p, (struct sockaddr *)&sin6);
	}
	return false;
}

static bool text_equal(const struct conf_identity *id, const char *text,
		       bool any_case)
{
	size_t n = strlen(text);

	if (id->len != n)
		return false;
	return any_case ? !conf_mem_casecmp(id->data, (const uint8_t *)text, n)
			: !memcmp(id->data, text, n);
}

/* ID is DOMAIN or ends in ".DOMAIN": whole labels only, any case. */
static bool below_domain(const struct conf_identity *id, const char *domain)
{
	size_t n = strlen(domain);

	if (id->len < n)
		return false;
	if (id->len > n && id->data[id->len - n - 1] != '.')
		return false;
	return !conf_mem_casecmp(id->data + id->len - n,
				 (const uint8_t *)domain, n);
}

/* The part after the last '@' is DOMAIN, any case. */
static bool email_in_domain(const struct conf_identity *id, const char *domain)
{
	size_t n = strlen(domain);
	size_t at = id->len;

	while (at > 0 && id->data[at - 1] != '@')
		at--;
	if (!at || id->len - at != n)
		return false;
	return !conf_mem_casecmp(id->data + at, (const uint8_t *)domain, n);
}

bool conf_id_match_holds(const struct conf_id_match *m,
			 const struct conf_identity *id)
{
	if (id->len > CONF_ID_MAX)
		return false;
	switch (m->kind) {
	case CONF_ID_MATCH_ADDRESS:
		return address_holds(&m->prefix, id);
	case CONF_ID_MATCH_FQDN:
		return id->type == IKEV2_ID_FQDN && text_equal(id, m->text, true);
	case CONF_ID_MATCH_FQDN_DOMAIN:
		return id->type == IKEV2_ID_FQDN && below_domain(id, m->text);
	case CONF_ID_MATCH_EMAIL:
		return id->type == IKEV2_ID_RFC822_ADDR &&
		       text_equal(id, m->text, false);
	case CONF_ID_MATCH_EMAIL_DOMAIN:
		return id->type == IKEV2_ID_RFC822_ADDR &&
		       email_in_domain(id, m->text);
	case CONF_ID_MATCH_KEY_ID:
		return id->type == IKEV2_ID_KEY_ID && text_equal(id, m->text, false);
	case CONF_ID_MATCH_DN:
		return id->type == IKEV2_ID_DER_ASN1_DN &&
		       conf_dn_equal(id->data, id->len, m->der, m->der_len);
	}
	return false;
}
