# SPDX-License-Identifier: GPL-2.0
#
# Copyright (C) 2026 The vgate authors
#
# C helpers of the kernel-module suites (selftests/kmod/*.sh), built to
# $(BUILD)/tests/kmod/<name>.  Included by the top-level Makefile, which
# defines BUILD; usable alone too:
#   make -f selftests/kmod/kmod.mk kmod-test-progs

BUILD ?= $(CURDIR)/build

KMOD_TEST_PROGS := vgate_nl
KMOD_TEST_BINS := $(addprefix $(BUILD)/tests/kmod/,$(KMOD_TEST_PROGS))
# -I uapi first so <linux/vgate.h> is the tree's, not a system copy.
KMOD_TEST_CFLAGS := -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -I uapi -O2 -g
KMOD_TEST_LIBS := -lmnl

.PHONY: kmod-test-progs
kmod-test-progs: $(KMOD_TEST_BINS)

$(KMOD_TEST_BINS): $(BUILD)/tests/kmod/%: selftests/kmod/%.c uapi/linux/vgate.h
	@mkdir -p $(dir $@)
	$(CC) $(KMOD_TEST_CFLAGS) -o $@ $< $(KMOD_TEST_LIBS)
