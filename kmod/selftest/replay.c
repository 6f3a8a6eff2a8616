// SPDX-License-Identifier: GPL-2.0
/*
 * vgate: self-tests of the replay window and ESN inference, run at module
 * load when the module is built with VGATE_SELFTESTS=y.  #included by
 * replay.c, so it sees the static helpers.
 *
 * Copyright (C) 2026 The vgate authors
 */

#ifdef VGATE_SELFTESTS

struct vgate_replay_t {
	struct vgate_replay r;
	unsigned int n;
	bool ok;
};

static void __init vgate_replay_t_fail(struct vgate_replay_t *t, u64 seq,
				       long long got, long long want)
{
	pr_err("vgate: replay self-test %u: FAIL (seq %llu: got %lld, want %lld)\n",
	       t->n, seq, got, want);
	t->ok = false;
}

/* what the receive path does: pre-check, (decrypt,) advance */
static void __init vgate_replay_t_rx(struct vgate_replay_t *t, u32 lo, int want)
{
	u64 seq = 0;
	int err;

	++t->n;
	err = vgate_replay_check(&t->r, lo, &seq);
	if (!err)
		err = vgate_replay_advance(&t->r, seq);
	if (err != want)
		vgate_replay_t_fail(t, lo, err, want);
}

/* the pre-check alone: its verdict and, if 0, the inferred number */
static void __init vgate_replay_t_check(struct vgate_replay_t *t, u32 lo,
					int want, u64 want_seq)
{
	u64 seq = 0;
	int err;

	++t->n;
	err = vgate_replay_check(&t->r, lo, &seq);
	if (err != want)
		vgate_replay_t_fail(t, lo, err, want);
	else if (!err && seq != want_seq)
		vgate_replay_t_fail(t, lo, seq, want_seq);
}

static void __init vgate_replay_t_advance(struct vgate_replay_t *t, u64 seq,
					  int want)
{
	int err;

	++t->n;
	err = vgate_replay_advance(&t->r, seq);
	if (err != want)
		vgate_replay_t_fail(t, seq, err, want);
}

static void __init vgate_replay_t_top(struct vgate_replay_t *t, u64 want)
{
	++t->n;
	if (vgate_replay_top(&t->r) != want)
		vgate_replay_t_fail(t, 0, vgate_replay_top(&t->r), want);
}

static void __init vgate_replay_selftest_window(struct vgate_replay_t *t,
						u32 w)
{
	u32 i, top;

	vgate_replay_init(&t->r, w, false);
	vgate_replay_t_rx(t, 0, -EINVAL);
	vgate_replay_t_rx(t, 1, 0);
	vgate_replay_t_rx(t, 1, -EEXIST);
	vgate_replay_t_rx(t, 9, 0);
	vgate_replay_t_rx(t, 8, 0);
	vgate_replay_t_rx(t, 7, 0);
	vgate_replay_t_rx(t, 7, -EEXIST);
	vgate_replay_t_rx(t, w + 9, 0);
	vgate_replay_t_rx(t, 9, -ERANGE);	/* exactly w behind */
	vgate_replay_t_rx(t, 10, 0);		/* w - 1 behind */
	vgate_replay_t_rx(t, 10, -EEXIST);
	vgate_replay_t_rx(t, w + 9, -EEXIST);
	vgate_replay_t_rx(t, w + 8, 0);
	vgate_replay_t_top(t, w + 9);

	/* a jump of several rings: every old bit is gone */
	top = w + 9 + 10 * VGATE_REPLAY_RING * BITS_PER_LONG;
	vgate_replay_t_rx(t, top, 0);
	vgate_replay_t_rx(t, w + 8, -ERANGE);
	vgate_replay_t_rx(t, top - 1, 0);
	vgate_replay_t_rx(t, top - w + 1, 0);
	vgate_replay_t_rx(t, top - w, -ERANGE);
	for (i = 2; i < w - 1; i++)
		vgate_replay_t_rx(t, top - i, 0);
	vgate_replay_t_rx(t, top - w / 2, -EEXIST);

	/* in order, a whole window, then one more */
	vgate_replay_init(&t->r, w, false);
	for (i = 1; i <= w; i++)
		vgate_replay_t_rx(t, i, 0);
	for (i = 1; i <= w; i++)
		vgate_replay_t_rx(t, i, -EEXIST);
	vgate_replay_t_rx(t, w + 1, 0);
	vgate_replay_t_rx(t, 1, -ERANGE);
	vgate_replay_t_rx(t, 2, -EEXIST);

	/* backwards, a whole window */
	vgate_replay_init(&t->r, w, false);
	for (i = w; i >= 1; i--)
		vgate_replay_t_rx(t, i, 0);
	vgate_replay_t_rx(t, w + 1, 0);
	vgate_replay_t_rx(t, w + 1, -EEXIST);

	/* every other, then the gaps */
	vgate_replay_init(&t->r, w, false);
	for (i = 2; i <= 2 * w; i += 2)
		vgate_replay_t_rx(t, i, 0);
	for (i = w + 1; i <= 2 * w; i += 2)
		vgate_replay_t_rx(t, i, 0);
	vgate_replay_t_rx(t, w, -ERANGE);
	vgate_replay_t_rx(t, w + 1, -EEXIST);
}

static void __init vgate_replay_selftest_ring(struct vgate_replay_t *t)
{
	const u32 w = VGATE_REPLAY_WINDOW_MAX;
	const u32 ring = VGATE_REPLAY_RING * BITS_PER_LONG;
	u32 i;

	/*
	 * A partial move keeps the word of the old top, whose old bits are
	 * below the window, and recycles the others.
	 */
	vgate_replay_init(&t->r, w, false);
	for (i = 1; i <= BITS_PER_LONG; i++)
		vgate_replay_t_rx(t, i, 0);
	vgate_replay_t_rx(t, ring + 5, 0);
	vgate_replay_t_rx(t, BITS_PER_LONG, -ERANGE);
	vgate_replay_t_rx(t, ring + 5 - w + 1, 0);
	vgate_replay_t_rx(t, ring + 5 - w + 1, -EEXIST);
	for (i = 0; i < BITS_PER_LONG; i++)
		if (ring + i != ring + 5)
			vgate_replay_t_rx(t, ring + i, 0);
	vgate_replay_t_rx(t, ring + 5, -EEXIST);

	/* sequence numbers that share a bit of the ring */
	vgate_replay_init(&t->r, w, false);
	vgate_replay_t_rx(t, 1, 0);
	vgate_replay_t_rx(t, 1 + ring, 0);
	vgate_replay_t_rx(t, 1, -ERANGE);
	vgate_replay_t_rx(t, 1 + ring - w + 1, 0);
	vgate_replay_t_check(t, 1 + 2 * ring, 0, 1 + 2 * ring);
	vgate_replay_t_rx(t, 1 + 2 * ring, 0);
	vgate_replay_t_rx(t, 1 + ring, -ERANGE);

	/* the pre-check alone does not mark anything */
	vgate_replay_init(&t->r, w, false);
	vgate_replay_t_rx(t, 5, 0);
	vgate_replay_t_check(t, 5, -EEXIST, 0);
	vgate_replay_t_check(t, 6, 0, 6);
	vgate_replay_t_check(t, 6, 0, 6);
	vgate_replay_t_check(t, 4, 0, 4);
	vgate_replay_t_advance(t, 6, 0);
	vgate_replay_t_advance(t, 6, -EEXIST);
	vgate_replay_t_advance(t, 0, -EINVAL);
	vgate_replay_t_advance(t, 1ULL << 32, -EINVAL);
	vgate_replay_t_rx(t, U32_MAX, 0);
	vgate_replay_t_top(t, U32_MAX);

	/* larger windows are clamped */
	vgate_replay_init(&t->r, 2 * w, false);
	vgate_replay_t_rx(t, 2 * w, 0);
	vgate_replay_t_rx(t, w, -ERANGE);
	vgate_replay_t_rx(t, w + 1, 0);

	/* no window: everything but 0 passes, the top is still tracked */
	vgate_replay_init(&t->r, 0, false);
	vgate_replay_t_rx(t, 5, 0);
	vgate_replay_t_rx(t, 5, 0);
	vgate_replay_t_rx(t, 3, 0);
	vgate_replay_t_rx(t, 0, -EINVAL);
	vgate_replay_t_top(t, 5);
}

static void __init vgate_replay_selftest_esn(struct vgate_replay_t *t)
{
	const u64 sub = 1ULL << 32;

	/* RFC 4303 A2: window 128 across the first wrap */
	vgate_replay_init(&t->r, 128, true);
	vgate_replay_t_check(t, 0, -EINVAL, 0);
	vgate_replay_t_rx(t, 1, 0);
	/* just below 2^32 while at the start: before the first subspace */
	vgate_replay_t_check(t, 0xfffffff6, -ERANGE, 0);
	vgate_replay_t_rx(t, 0x80000000, 0);
	vgate_replay_t_rx(t, 0xfffffff0, 0);
	vgate_replay_t_check(t, 5, 0, sub + 5);
	vgate_replay_t_rx(t, 5, 0);
	vgate_replay_t_top(t, sub + 5);
	/* the window spans two subspaces now */
	vgate_replay_t_check(t, 0xfffffff8, 0, 0xfffffff8);
	vgate_replay_t_rx(t, 0xfffffff8, 0);
	vgate_replay_t_rx(t, 0xfffffff0, -EEXIST);
	vgate_replay_t_rx(t, 0xffffff86, 0);	/* the bottom: 127 behind */
	vgate_replay_t_check(t, 0xffffff85, 0, 2 * sub - 0x7b);
	vgate_replay_t_check(t, 0, 0, sub);	/* 0 is valid past a wrap */
	vgate_replay_t_rx(t, 0, 0);
	vgate_replay_t_rx(t, 0, -EEXIST);
	vgate_replay_t_rx(t, 5, -EEXIST);
	vgate_replay_t_rx(t, 6, 0);
	vgate_replay_t_top(t, sub + 6);
	/* the window within one subspace again */
	vgate_replay_t_rx(t, 1000, 0);
	vgate_replay_t_check(t, 1000 - 127, 0, sub + 1000 - 127);
	/* one further down is taken for the next subspace (the ICV decides) */
	vgate_replay_t_check(t, 1000 - 128, 0, 2 * sub + 1000 - 128);
	vgate_replay_t_top(t, sub + 1000);

	/* no sequence number after the last one */
	vgate_replay_init(&t->r, 128, true);
	t->r.top = U64_MAX - 5;
	vgate_replay_t_check(t, 0xfffffffb, 0, U64_MAX - 4);
	vgate_replay_t_check(t, 2, -ERANGE, 0);

	/* no window: inference uses half the space on either side */
	vgate_replay_init(&t->r, 0, true);
	vgate_replay_t_rx(t, 0x7fffffff, 0);
	vgate_replay_t_check(t, 0x10, 0, 0x10);
	vgate_replay_t_rx(t, 0xffffffff, 0);
	vgate_replay_t_check(t, 1, 0, sub + 1);
	vgate_replay_t_check(t, 0x80000000, 0, 0x80000000);
	vgate_replay_t_check(t, 0x7fffffff, 0, sub + 0x7fffffff);
}

/**
 * vgate_replay_selftest - test the replay window and ESN inference
 *
 * Context: process context, module init.
 * Return: true if every test passed; each failure is logged.
 */
bool __init vgate_replay_selftest(void)
{
	static const u32 windows[] __initconst = {
		32, 64, 100, 128, 1024, VGATE_REPLAY_WINDOW_MAX,
	};
	struct vgate_replay_t *t;
	unsigned int i;
	bool ok;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return false;
	t->ok = true;

	for (i = 0; i < ARRAY_SIZE(windows); i++)
		vgate_replay_selftest_window(t, windows[i]);
	vgate_replay_selftest_ring(t);
	vgate_replay_selftest_esn(t);

	ok = t->ok;
	if (ok)
		pr_info("vgate: replay self-tests: pass (%u checks)\n", t->n);
	kfree(t);
	return ok;
}

#endif /* VGATE_SELFTESTS */
