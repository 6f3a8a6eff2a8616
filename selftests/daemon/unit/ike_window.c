// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The responder's message-ID window (daemon/ike/window.c, RFC 7296
 * §2.3): requests in the window are taken once each, in any order;
 * a repeated one gets its kept response; anything else is dropped.
 */
#include "kselftest_harness.h"

#include "ike/ike_sa.h"

static void answer(struct ike_window *w, uint32_t id)
{
	uint8_t data[4] = { (uint8_t)id, 0xaa, 0xbb, 0xcc };

	ike_window_answered(w, id, data, sizeof(data));
}

TEST(in_order_and_retransmits)
{
	struct ike_window w;
	const struct ike_sa_last_response *r = NULL;

	ike_window_init(&w, 1);
	ASSERT_EQ(IKE_WINDOW_NEW, ike_window_check(&w, 0, &r));
	answer(&w, 0);
	EXPECT_EQ(1, w.next);
	ASSERT_EQ(IKE_WINDOW_RETRANSMIT, ike_window_check(&w, 0, &r));
	EXPECT_EQ(0, r->data[0]);
	/* window 1: the one after next is not yet acceptable */
	EXPECT_EQ(IKE_WINDOW_DROP, ike_window_check(&w, 2, &r));
	EXPECT_EQ(IKE_WINDOW_NEW, ike_window_check(&w, 1, &r));
	answer(&w, 1);
	/* 0's response was overwritten by 1's: 0 is now just old */
	EXPECT_EQ(IKE_WINDOW_DROP, ike_window_check(&w, 0, &r));
	ike_window_free(&w);
}

TEST(out_of_order_within_the_window)
{
	struct ike_window w;
	const struct ike_sa_last_response *r = NULL;

	ike_window_init(&w, 5);
	answer(&w, 0);
	/* 1 got lost, 2 and 3 arrive: taken, the window waits for 1 */
	ASSERT_EQ(IKE_WINDOW_NEW, ike_window_check(&w, 2, &r));
	answer(&w, 2);
	ASSERT_EQ(IKE_WINDOW_NEW, ike_window_check(&w, 3, &r));
	answer(&w, 3);
	EXPECT_EQ(1, w.next);
	ASSERT_EQ(IKE_WINDOW_RETRANSMIT, ike_window_check(&w, 2, &r));
	EXPECT_EQ(2, r->data[0]);
	EXPECT_EQ(IKE_WINDOW_DROP, ike_window_check(&w, 6, &r));
	ASSERT_EQ(IKE_WINDOW_NEW, ike_window_check(&w, 1, &r));
	answer(&w, 1);
	EXPECT_EQ(4, w.next);
	EXPECT_EQ(IKE_WINDOW_NEW, ike_window_check(&w, 8, &r));
	EXPECT_EQ(IKE_WINDOW_DROP, ike_window_check(&w, 9, &r));
	ike_window_free(&w);
}

TEST(size_is_clamped)
{
	struct ike_window w;

	ike_window_init(&w, 0);
	EXPECT_EQ(1, w.size);
	ike_window_init(&w, 1000);
	EXPECT_EQ(IKE_WINDOW_MAX, w.size);
}

TEST_HARNESS_MAIN
