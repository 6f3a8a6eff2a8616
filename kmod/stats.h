/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: per-CPU counters of access devices and SAs.
 *
 * Copyright (C) 2026 The vgate authors
 *
 * One set of counters, indexed by enum vgate_a_stats, serves both an SA
 * and an access device: the data path bumps the SA's and the device's in
 * the same place, genl reports both, and the device's
 * ndo_get_stats64 is a view of its set.  This needs neither tstats nor
 * dstats, whose helpers differ between 6.1 and 6.12.
 */
#ifndef _VGATE_STATS_H_
#define _VGATE_STATS_H_

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/vgate.h>

/**
 * struct vgate_stats - one CPU's counters
 * @syncp: makes 64-bit reads consistent on 32-bit machines
 * @c: the counters, indexed by enum vgate_a_stats
 */
struct vgate_stats {
	struct u64_stats_sync syncp;
	u64_stats_t c[__VGATE_A_STATS_MAX];
};

/**
 * vgate_stats_alloc - allocate a zeroed set of per-CPU counters
 *
 * Context: process context.
 * Return: the counters or NULL.
 */
static inline struct vgate_stats __percpu *vgate_stats_alloc(void)
{
	struct vgate_stats __percpu *s;
	int cpu;

	s = alloc_percpu(struct vgate_stats);
	if (!s)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s, cpu)->syncp);
	return s;
}

/**
 * vgate_stats_add - add to one counter of the current CPU
 * @s: the counters
 * @i: which one
 * @v: how much
 *
 * Context: any.
 */
static inline void vgate_stats_add(struct vgate_stats __percpu *s,
				   enum vgate_a_stats i, u64 v)
{
	struct vgate_stats *p = get_cpu_ptr(s);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&p->syncp);
	u64_stats_add(&p->c[i], v);
	u64_stats_update_end_irqrestore(&p->syncp, flags);
	put_cpu_ptr(s);
}

/**
 * vgate_stats_inc - add one to one counter of the current CPU
 * @s: the counters
 * @i: which one
 *
 * Context: any.
 */
static inline void vgate_stats_inc(struct vgate_stats __percpu *s,
				   enum vgate_a_stats i)
{
	vgate_stats_add(s, i, 1);
}

/**
 * vgate_stats_read - sum the counters of every CPU
 * @s: the counters
 * @sum: where to put the sums, indexed by enum vgate_a_stats
 *
 * Context: any.
 */
static inline void vgate_stats_read(struct vgate_stats __percpu *s,
				    u64 sum[__VGATE_A_STATS_MAX])
{
	unsigned int start, i;
	u64 v[__VGATE_A_STATS_MAX];
	int cpu;

	memset(sum, 0, sizeof(u64) * __VGATE_A_STATS_MAX);
	for_each_possible_cpu(cpu) {
		const struct vgate_stats *p = per_cpu_ptr(s, cpu);

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (i = 0; i < __VGATE_A_STATS_MAX; i++)
				v[i] = u64_stats_read(&p->c[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (i = 0; i < __VGATE_A_STATS_MAX; i++)
			sum[i] += v[i];
	}
}

#endif /* _VGATE_STATS_H_ */
