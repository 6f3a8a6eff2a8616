# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgate top-level build.  `make` builds vgate.ko for the installed Debian
# kernel headers (or KDIR=...) and the userspace tools; `make check` runs
# every test, host and guest; see README.md.

BUILD := $(CURDIR)/build

# Module build: KDIR defaults to the running kernel's build tree when it
# exists, else to the newest Debian linux-headers-*-amd64 installed.
KDIR ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build),\
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

# The kernel's own helpers, extracted from Debian's linux-source package
# at build time (never committed): checkpatch.pl and the kselftest
# headers and ktap_helpers.sh used by every test.
KSRC_TAR := $(lastword $(sort $(wildcard /usr/src/linux-source-6.12*.tar.xz)))
KSRC := $(BUILD)/ksrc
KSRC_FILES := scripts/checkpatch.pl scripts/spelling.txt \
	scripts/const_structs.checkpatch \
	tools/testing/selftests/kselftest.h \
	tools/testing/selftests/kselftest_harness.h \
	tools/testing/selftests/kselftest/ktap_helpers.sh

.PHONY: all module daemon deps ksrc clean checkpatch sparse check check-full test-progs \
	demo bench bench-dataplane bench-ike fuzz

all: module daemon

deps:
	@selftests/vm/deps.sh

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

ksrc: $(KSRC)/.stamp
$(KSRC)/.stamp: $(KSRC_TAR)
	@test -n "$(KSRC_TAR)" || { echo "linux-source-6.12 is missing: run make deps" >&2; exit 1; }
	rm -rf $(KSRC) && mkdir -p $(KSRC)
	tar -xJf $(KSRC_TAR) -C $(KSRC) --strip-components=1 \
		$(addprefix $(notdir $(basename $(basename $(KSRC_TAR))))/,$(KSRC_FILES))
	touch $@

include daemon/daemon.mk
include selftests/kmod/kmod.mk

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD)

# ---- tests -----------------------------------------------------------
# Host tests: every unit-test binary, plain and under ASan+UBSan, and the
# bounded fuzz run; the daemon's shell suites run twice, against the
# plain and the ASan+UBSan programs.  Guest suites (selftests/vm/run.sh
# boots each test kernel once for all of them): the module's suites, the
# daemon's vm-*.sh suites and the demo.
UNIT_TESTS = $(addprefix $(BUILD)/tests/unit/,$(DAEMON_UNIT_TESTS)) \
	$(addprefix $(BUILD)/tests/unit-asan/,$(DAEMON_UNIT_TESTS)) \
	$(CURDIR)/selftests/fuzz/fuzz.sh
HOST_SUITES = $(filter-out $(CURDIR)/selftests/daemon/vm-%.sh,\
	$(wildcard $(CURDIR)/selftests/daemon/*.sh))
GUEST_SUITES = $(sort $(wildcard selftests/kmod/*.sh)) \
	$(sort $(wildcard selftests/daemon/vm-*.sh)) \
	$(sort $(wildcard selftests/interop/*.sh)) selftests/vm/demo.sh

test-progs: daemon-unit daemon-asan kmod-test-progs $(FUZZ_PROGS)

# deps runs first and alone: on a fresh machine the libraries and
# linux-source it installs are not there when this Makefile is parsed,
# so everything after it runs in a new make.
check: deps
	@$(MAKE) -s ksrc
	@VGATE_UNIT_TESTS="$(UNIT_TESTS)" VGATE_HOST_SUITES="$(HOST_SUITES)" \
		VGATE_GUEST_SUITES="$(GUEST_SUITES)" selftests/check.sh

# make demo: boot the newest 6.12 guest and show a template and vgated.
demo: deps
	@$(MAKE) -s ksrc all
	@selftests/vm/run.sh --kernel $(lastword $(shell selftests/vm/kernels.sh)) \
		selftests/vm/demo.sh

# make check-full: make check with the whole data-path interop matrix
# (every algorithm x address family x encapsulation x ESN, about 50 minutes
# per kernel under TCG) instead of its representative slice, and every
# IKE interop case on both kernels (make check: the 6.1 guest runs a slice).
check-full: deps
	@$(MAKE) -s check VGATE_DP_MATRIX=full VGATE_INTEROP_MATRIX=full \
		VGATE_SUITE_TIMEOUT=5400

# make bench-dataplane: vgate.ko against the kernel's own ESP (xfrm
# interface) in one 6.12 guest; prints the ratios.
bench: bench-dataplane bench-ike
bench-dataplane: deps
	@$(MAKE) -s ksrc all
	@selftests/vm/run.sh --kernel $(lastword $(shell selftests/vm/kernels.sh)) \
		--timeout 3600 selftests/bench/dataplane.sh

# make bench-ike: IKE SA setups/s and memory per IKE SA, vgated against
# strongSwan's charon as the responder, one 6.12 guest, BENCH_IKE_SAS
# sessions per case; prints the figures, the ratios and the targets.
BENCH_IKE_SAS ?= 1000
bench-ike: deps
	@$(MAKE) -s ksrc all
	@kver=$(lastword $(shell selftests/vm/kernels.sh)); rc=0; \
	VGATE_BENCH_IKE_SAS=$(BENCH_IKE_SAS) selftests/vm/run.sh --kernel $$kver \
		--results build/results/bench-ike-$$kver \
		--timeout $$((1800 + 6 * $(BENCH_IKE_SAS))) selftests/bench/ike.sh || rc=$$?; \
	sed -n 's/^# \(bench-ike: \)/\1/p' build/results/bench-ike-$$kver/selftests-bench-ike.ktap; \
	exit $$rc

# make fuzz: every libFuzzer harness for FUZZ_SECONDS each (make check
# runs them for 20 s).
FUZZ_SECONDS ?= 300
fuzz: ksrc $(FUZZ_PROGS)
	@VGATE_FUZZ_SECONDS=$(FUZZ_SECONDS) selftests/fuzz/fuzz.sh

checkpatch: ksrc
	@selftests/lint.sh checkpatch

sparse: ksrc
	@selftests/lint.sh sparse
