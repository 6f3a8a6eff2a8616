# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgated and vgatectl, their host unit tests (plain and ASan/UBSan) and
# the control-protocol fuzzer.  Included by the top-level Makefile, which
# defines BUILD and KSRC; every product goes under $(BUILD).

DAEMON_LIBS_PC := libconfig libevent json-c libmnl
# Deferred (=): `make check` parses this before `make deps` has installed
# the libraries; the build itself runs in a later make.
DAEMON_PC_CFLAGS = $(shell pkg-config --cflags $(DAEMON_LIBS_PC))
DAEMON_PC_LIBS = $(shell pkg-config --libs $(DAEMON_LIBS_PC))

# -I uapi first so <linux/vgate.h> is the tree's, not a system copy.
DAEMON_CPPFLAGS := -Iuapi -Idaemon -D_GNU_SOURCE
DAEMON_CFLAGS = -std=c11 -Wall -Wextra -Werror -O2 -g $(DAEMON_PC_CFLAGS)
DAEMON_ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer

# The daemon's code apart from the two mains, shared with the tests.
DAEMON_LIB_SRCS := \
	daemon/common/log.c \
	daemon/common/xalloc.c \
	daemon/config/conf_dn.c \
	daemon/config/conf_id_match.c \
	daemon/config/conf_identity.c \
	daemon/config/conf_identity_format.c \
	daemon/config/conf_names.c \
	daemon/config/conf_parse.c \
	daemon/config/diag.c \
	daemon/config/ikev2_build.c \
	daemon/config/ikev2_build_global.c \
	daemon/config/ikev2_build_ipsec.c \
	daemon/config/ikev2_build_keyring.c \
	daemon/config/ikev2_build_policy.c \
	daemon/config/ikev2_build_profile.c \
	daemon/config/ikev2_build_proposal.c \
	daemon/config/ikev2_defaults.c \
	daemon/config/ikev2_find.c \
	daemon/config/ikev2_free.c \
	daemon/config/ikev2_keyring_lookup.c \
	daemon/config/ikev2_match_policy.c \
	daemon/config/ikev2_match_profile.c \
	daemon/config/ikev2_schema.c \
	daemon/config/locs.c \
	daemon/config/schema.c \
	daemon/config/schema_value.c \
	daemon/config/vgated_conf.c \
	daemon/ctl/cli_crypto.c \
	daemon/ctl/client.c \
	daemon/ctl/commands.c \
	daemon/ctl/instance_lock.c \
	daemon/ctl/protocol.c \
	daemon/ctl/server.c \
	daemon/dataplane/cli_access.c \
	daemon/dataplane/cli_monitor.c \
	daemon/dataplane/cli_net.c \
	daemon/dataplane/cli_sa.c \
	daemon/dataplane/cli_template.c \
	daemon/dataplane/cli_util.c \
	daemon/dataplane/genl.c \
	daemon/dataplane/genl_access.c \
	daemon/dataplane/genl_events.c \
	daemon/dataplane/genl_net.c \
	daemon/dataplane/genl_sa.c \
	daemon/dataplane/genl_templates.c \
	daemon/dataplane/parse.c \
	daemon/dataplane/rtnl.c \
	daemon/dataplane/sa_args.c \
	daemon/dataplane/stats.c \
	daemon/auth/octets.c \
	daemon/auth/psk.c

# Host unit tests: selftests/daemon/unit/<name>.c, kselftest_harness.h.
DAEMON_UNIT_TESTS := config_loader config_schema config_ikev2_errors config_ikev2_defaults config_ikev2_identity config_ikev2_match ctl_protocol dp_parse dp_sa_args

# Certificate authentication (RSA/ECDSA, chains, CRLs, RFC 7427).
DAEMON_LIB_SRCS += \
	daemon/auth/cert_algid.c \
	daemon/auth/cert_id.c \
	daemon/auth/cert_key.c \
	daemon/auth/cert_load.c \
	daemon/auth/cert_local.c \
	daemon/auth/cert_sig.c \
	daemon/auth/cert_sign.c \
	daemon/auth/cert_util.c \
	daemon/auth/cert_verify.c
DAEMON_UNIT_TESTS += auth_cert_load auth_cert_sign auth_cert_verify

# FlexVPN clients: vgated as initiator (crypto ikev2 client flexvpn).
DAEMON_LIB_SRCS += daemon/config/ikev2_build_client.c
DAEMON_UNIT_TESTS += config_ikev2_client

# Archives of the code above (rules below); ike.mk links against them.
DAEMON_LIB := $(BUILD)/obj/libvgate-daemon.a
DAEMON_LIB_ASAN := $(BUILD)/obj-asan/libvgate-daemon.a

# Layers with a make fragment of their own append to the lists above.
include daemon/ike/ike.mk
include daemon/auth/eap.mk
include daemon/aaa/aaa.mk

# -isystem: the kernel header is not built with -Wextra upstream; its
# TEST() expands to an unused parameter, which clang blames on our file.
DAEMON_UNIT_CPPFLAGS := -isystem $(KSRC)/tools/testing/selftests
DAEMON_UNIT_CFLAGS := -Wno-unused-parameter

# $(call daemon_objs,VARIANT,SOURCES): VARIANT is obj or obj-asan.
daemon_objs = $(patsubst %.c,$(BUILD)/$(1)/%.o,$(2))

DAEMON_LIB_OBJS := $(call daemon_objs,obj,$(DAEMON_LIB_SRCS))
DAEMON_LIB_ASAN_OBJS := $(call daemon_objs,obj-asan,$(DAEMON_LIB_SRCS))
DAEMON_UNIT_BINS := $(addprefix $(BUILD)/tests/unit/,$(DAEMON_UNIT_TESTS))
DAEMON_UNIT_ASAN_BINS := $(addprefix $(BUILD)/tests/unit-asan/,$(DAEMON_UNIT_TESTS))

DAEMON_PLAIN_MAIN_OBJS := $(call daemon_objs,obj,daemon/vgated.c daemon/vgatectl.c)
DAEMON_ASAN_MAIN_OBJS := $(call daemon_objs,obj-asan,daemon/vgated.c daemon/vgatectl.c)
DAEMON_UNIT_OBJS := $(call daemon_objs,obj,$(DAEMON_UNIT_TESTS:%=selftests/daemon/unit/%.c))
DAEMON_UNIT_ASAN_OBJS := $(call daemon_objs,obj-asan,$(DAEMON_UNIT_TESTS:%=selftests/daemon/unit/%.c))

.PHONY: daemon daemon-asan daemon-unit

daemon: $(BUILD)/bin/vgated $(BUILD)/bin/vgatectl $(BUILD)/bin/vgate-loadgen

# The programs under ASan+UBSan, for running the shell suites against:
# VGATE_TEST_BIN=$(BUILD)/bin-asan selftests/daemon/<suite>.sh
daemon-asan: $(BUILD)/bin-asan/vgated $(BUILD)/bin-asan/vgatectl

daemon-unit: $(DAEMON_UNIT_BINS) $(DAEMON_UNIT_ASAN_BINS)

# Static pattern rules: only our objects, so other .mk files keep theirs.
$(DAEMON_LIB_OBJS) $(DAEMON_PLAIN_MAIN_OBJS) $(DAEMON_UNIT_OBJS): $(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) -MMD -MP -c -o $@ $<

$(DAEMON_LIB_ASAN_OBJS) $(DAEMON_ASAN_MAIN_OBJS) $(DAEMON_UNIT_ASAN_OBJS): \
		$(BUILD)/obj-asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) $(DAEMON_ASAN_FLAGS) -MMD -MP -c -o $@ $<

# An archive, so each program links only the layers it uses.
$(DAEMON_LIB): $(DAEMON_LIB_OBJS)
	rm -f $@ && $(AR) rcs $@ $^
$(DAEMON_LIB_ASAN): $(DAEMON_LIB_ASAN_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/bin/vgated $(BUILD)/bin/vgatectl: $(BUILD)/bin/%: $(BUILD)/obj/daemon/%.o $(DAEMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CFLAGS) -o $@ $^ $(DAEMON_PC_LIBS)

# make bench-ike's load generator: vgated whose CHILD SAs stay out of the
# kernel (selftests/bench/loadgen_dataplane.c says why).  Its object comes
# before the archive, so the archive's data-plane members are not linked.
LOADGEN_OBJ := $(BUILD)/obj/selftests/bench/loadgen_dataplane.o
$(LOADGEN_OBJ): $(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/bin/vgate-loadgen: $(BUILD)/obj/daemon/vgated.o $(LOADGEN_OBJ) $(DAEMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CFLAGS) -o $@ $^ $(DAEMON_PC_LIBS)

$(BUILD)/bin-asan/vgated $(BUILD)/bin-asan/vgatectl: $(BUILD)/bin-asan/%: \
		$(BUILD)/obj-asan/daemon/%.o $(DAEMON_LIB_ASAN)
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CFLAGS) $(DAEMON_ASAN_FLAGS) -o $@ $^ $(DAEMON_PC_LIBS)

# Unit test sources need the kselftest headers the top Makefile extracts.
$(DAEMON_UNIT_OBJS) $(DAEMON_UNIT_ASAN_OBJS): DAEMON_CPPFLAGS += $(DAEMON_UNIT_CPPFLAGS)
$(DAEMON_UNIT_OBJS) $(DAEMON_UNIT_ASAN_OBJS): DAEMON_CFLAGS += $(DAEMON_UNIT_CFLAGS)
$(DAEMON_UNIT_OBJS) $(DAEMON_UNIT_ASAN_OBJS): | $(KSRC)/.stamp

$(DAEMON_UNIT_BINS): $(BUILD)/tests/unit/%: $(BUILD)/obj/selftests/daemon/unit/%.o $(DAEMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CFLAGS) -o $@ $^ $(DAEMON_PC_LIBS)

$(DAEMON_UNIT_ASAN_BINS): $(BUILD)/tests/unit-asan/%: \
		$(BUILD)/obj-asan/selftests/daemon/unit/%.o $(DAEMON_LIB_ASAN)
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CFLAGS) $(DAEMON_ASAN_FLAGS) -o $@ $^ $(DAEMON_PC_LIBS)

# libFuzzer needs clang; the fuzzer is built from the sources directly.
DAEMON_FUZZ_CC := clang
DAEMON_FUZZ_SRCS := selftests/fuzz/fuzz_ctl_request.c daemon/ctl/commands.c \
	daemon/ctl/protocol.c daemon/common/xalloc.c

$(BUILD)/fuzz/fuzz_ctl_request: $(DAEMON_FUZZ_SRCS) $(wildcard daemon/*/*.h)
	@mkdir -p $(@D)
	$(DAEMON_FUZZ_CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $(DAEMON_FUZZ_SRCS) $(DAEMON_PC_LIBS)

FUZZ_PROGS += $(BUILD)/fuzz/fuzz_ctl_request

-include $(patsubst %.o,%.d,$(DAEMON_LIB_OBJS) $(DAEMON_LIB_ASAN_OBJS) \
	$(DAEMON_PLAIN_MAIN_OBJS) $(DAEMON_ASAN_MAIN_OBJS) $(DAEMON_UNIT_OBJS) \
	$(DAEMON_UNIT_ASAN_OBJS) $(LOADGEN_OBJ))
