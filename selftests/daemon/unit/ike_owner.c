// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The index of established SAs by owner (daemon/ike/owner.c) that
 * INITIAL_CONTACT looks in: by profile and remote identity, and by
 * profile and user for remote-access sessions; an SA leaves it when it
 * is removed, and an emptied owner leaves no bucket behind.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "ike/engine_internal.h"
#include "ike/ra.h"

static struct ike_sa *sa_new(const char *profile, const char *fqdn,
			     const char *user)
{
	struct ike_sa *sa = calloc(1, sizeof(*sa));

	snprintf(sa->profile, sizeof(sa->profile), "%s", profile);
	sa->id_remote.type = IKEV2_ID_FQDN;
	sa->id_remote.len = (uint16_t)strlen(fqdn);
	memcpy(sa->id_remote.data, fqdn, sa->id_remote.len);
	if (user) {
		sa->ra = calloc(1, sizeof(*sa->ra));
		snprintf(sa->ra->user, sizeof(sa->ra->user), "%s", user);
	}
	return sa;
}

static void sa_free(struct ike_sa *sa)
{
	free(sa->ra);
	free(sa);
}

/* Whether WANT is among the candidates for SA's owner (USER or identity). */
static bool found(struct ike_engine *e, const struct ike_sa *sa,
		  const char *user, const struct ike_sa *want)
{
	unsigned int n;
	struct ike_sa **c = ike_owner_candidates(e, sa, user, &n);
	bool hit = false;

	for (unsigned int i = 0; i < n; i++)
		hit |= c[i] == want;
	free(c);
	return hit;
}

TEST(by_identity_and_by_user)
{
	struct ike_engine e = { 0 };
	struct ike_sa *plain = sa_new("ra", "laptop.example.com", NULL);
	struct ike_sa *alice = sa_new("ra", "laptop.example.com", "alice");
	struct ike_sa *bob = sa_new("ra", "laptop.example.com", "bob");
	struct ike_sa *other = sa_new("site", "laptop.example.com", NULL);
	struct ike_sa *probe = sa_new("ra", "laptop.example.com", NULL);

	ike_owner_add(&e, plain);
	ike_owner_add(&e, alice);
	ike_owner_add(&e, bob);
	ike_owner_add(&e, other);
	/* the identity: every SA of the profile with it, users or not */
	EXPECT_TRUE(found(&e, probe, NULL, plain));
	EXPECT_TRUE(found(&e, probe, NULL, alice));
	EXPECT_TRUE(found(&e, probe, NULL, bob));
	EXPECT_FALSE(found(&e, probe, NULL, other));
	/* a user: that user's sessions only */
	EXPECT_TRUE(found(&e, probe, "alice", alice));
	EXPECT_FALSE(found(&e, probe, "alice", bob));
	EXPECT_FALSE(found(&e, probe, "alice", plain));
	EXPECT_FALSE(found(&e, probe, "carol", alice));

	ike_owner_remove(&e, alice);
	EXPECT_FALSE(found(&e, probe, "alice", alice));
	EXPECT_FALSE(found(&e, probe, NULL, alice));
	EXPECT_TRUE(found(&e, probe, NULL, bob));
	ike_owner_remove(&e, alice);	/* twice: nothing happens */
	ike_owner_remove(&e, plain);
	ike_owner_remove(&e, bob);
	ike_owner_remove(&e, other);
	EXPECT_EQ(NULL, e.owners);
	sa_free(plain);
	sa_free(alice);
	sa_free(bob);
	sa_free(other);
	sa_free(probe);
}

/* Re-adding (the session moved to a rekeyed SA) files it once. */
TEST(add_again_files_once)
{
	struct ike_engine e = { 0 };
	struct ike_sa *sa = sa_new("ra", "a.example.com", "alice");
	unsigned int n;

	ike_owner_add(&e, sa);
	ike_owner_add(&e, sa);
	free(ike_owner_candidates(&e, sa, "alice", &n));
	EXPECT_EQ(1, n);
	ike_owner_remove(&e, sa);
	EXPECT_EQ(NULL, e.owners);
	sa_free(sa);
}

/* Many owners: each finds its own SA among few candidates. */
TEST(many_owners)
{
	enum { N = 2000 };
	struct ike_engine e = { 0 };
	struct ike_sa **sas = calloc(N, sizeof(*sas));
	unsigned int most = 0;

	for (int i = 0; i < N; i++) {
		char id[32];

		snprintf(id, sizeof(id), "u%05d.example.com", i);
		sas[i] = sa_new("ra", id, NULL);
		ike_owner_add(&e, sas[i]);
	}
	for (int i = 0; i < N; i++) {
		unsigned int n;
		struct ike_sa **c = ike_owner_candidates(&e, sas[i], NULL, &n);

		EXPECT_TRUE(found(&e, sas[i], NULL, sas[i]));
		if (n > most)
			most = n;
		free(c);
	}
	EXPECT_GE(2, most);
	for (int i = 0; i < N; i++) {
		ike_owner_remove(&e, sas[i]);
		sa_free(sas[i]);
	}
	EXPECT_EQ(NULL, e.owners);
	free(sas);
}

TEST_HARNESS_MAIN
