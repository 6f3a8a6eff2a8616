# SPDX-License-Identifier: GPL-2.0-or-later
#
# The IKEv2 layer: appended to the daemon's library sources and unit tests
# by daemon/daemon.mk, which includes this file before using those lists.

# ---- wire codec (RFC 7296 parse/build) -------------------------------
IKE_CODEC_SRCS := \
	daemon/ike/codec_build.c \
	daemon/ike/codec_error.c \
	daemon/ike/codec_parse.c \
	daemon/ike/payload_build.c \
	daemon/ike/payload_parse.c \
	daemon/ike/payload_parse_sa.c
DAEMON_LIB_SRCS += $(IKE_CODEC_SRCS)
DAEMON_UNIT_TESTS += ike_codec_parse ike_codec_build ike_codec_errors

# Writes the sample messages as files, for the tshark suite
# (selftests/daemon/ike-codec-tshark.sh) and the fuzz seed corpus.
IKE_CODEC_DUMP := $(BUILD)/tests/ike_codec_dump
$(IKE_CODEC_DUMP): selftests/daemon/unit/ike_codec_dump.c \
		selftests/daemon/unit/ike_codec_samples.h $(DAEMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) -o $@ $< \
		$(DAEMON_LIB) $(DAEMON_PC_LIBS)
daemon-unit: $(IKE_CODEC_DUMP)

$(BUILD)/fuzz/fuzz_ike_message: selftests/fuzz/fuzz_ike_message.c \
		$(IKE_CODEC_SRCS) $(wildcard daemon/ike/codec*.h)
	@mkdir -p $(@D)
	$(DAEMON_FUZZ_CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ selftests/fuzz/fuzz_ike_message.c $(IKE_CODEC_SRCS)
FUZZ_PROGS += $(BUILD)/fuzz/fuzz_ike_message

# IKE crypto: transforms, DH, PRF/prf+, key derivation, SK payload.
DAEMON_LIBS_PC += libcrypto
DAEMON_LIB_SRCS += \
	daemon/ike/crypto_hmac.c \
	daemon/ike/crypto_integ.c \
	daemon/ike/crypto_prf.c \
	daemon/ike/crypto_sk.c \
	daemon/ike/crypto_sk_aead.c \
	daemon/ike/crypto_sk_cbc.c \
	daemon/ike/crypto_status.c \
	daemon/ike/dh.c \
	daemon/ike/dh_ecp.c \
	daemon/ike/dh_ecx.c \
	daemon/ike/dh_modp.c \
	daemon/ike/keymat.c \
	daemon/ike/keymat_auth.c \
	daemon/ike/keymat_child.c \
	daemon/ike/transform.c
DAEMON_UNIT_TESTS += ike_crypto_prf ike_crypto_sk ike_crypto_transform ike_dh \
	ike_keymat

# The engine: sockets, SA tables, the transition table and its
# handlers, CHILD SAs in vgate.ko, the control commands.
DAEMON_LIB_SRCS += \
	daemon/ike/auth_payloads.c \
	daemon/ike/certs.c \
	daemon/ike/child.c \
	daemon/ike/child_negotiate.c \
	daemon/ike/child_rekey.c \
	daemon/ike/cookie.c \
	daemon/ike/dh_respond.c \
	daemon/ike/dpd.c \
	daemon/ike/ctl_ikev2.c \
	daemon/ike/engine.c \
	daemon/ike/exchange.c \
	daemon/ike/ike_rekey.c \
	daemon/ike/init_auth.c \
	daemon/ike/init_connect.c \
	daemon/ike/init_sa_init.c \
	daemon/ike/kernel_events.c \
	daemon/ike/natd.c \
	daemon/ike/net.c \
	daemon/ike/proposal.c \
	daemon/ike/reply.c \
	daemon/ike/request.c \
	daemon/ike/resp_auth.c \
	daemon/ike/resp_create_child.c \
	daemon/ike/resp_informational.c \
	daemon/ike/resp_sa_init.c \
	daemon/ike/owner.c \
	daemon/ike/rekey_collision.c \
	daemon/ike/sa.c \
	daemon/ike/ts.c \
	daemon/ike/window.c \
	daemon/ike/cp.c \
	daemon/ike/ra.c \
	daemon/ike/ra_hook.c \
	daemon/ike/resp_eap.c
DAEMON_UNIT_TESTS += ike_ts ike_proposal ike_cookie ike_window ike_cp ike_owner

# The SK decryptor and inner parser under libFuzzer, fixed keys.
IKE_DECRYPT_FUZZ_SRCS := $(IKE_CODEC_SRCS) daemon/ike/crypto_hmac.c \
	daemon/ike/crypto_integ.c daemon/ike/crypto_sk.c \
	daemon/ike/crypto_sk_aead.c daemon/ike/crypto_sk_cbc.c \
	daemon/ike/crypto_status.c daemon/ike/transform.c
$(BUILD)/fuzz/fuzz_ike_decrypt: selftests/fuzz/fuzz_ike_decrypt.c \
		$(IKE_DECRYPT_FUZZ_SRCS) $(wildcard daemon/ike/*.h)
	@mkdir -p $(@D)
	$(DAEMON_FUZZ_CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ selftests/fuzz/fuzz_ike_decrypt.c $(IKE_DECRYPT_FUZZ_SRCS) -lcrypto
FUZZ_PROGS += $(BUILD)/fuzz/fuzz_ike_decrypt
