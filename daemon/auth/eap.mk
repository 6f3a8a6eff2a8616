# SPDX-License-Identifier: GPL-2.0-or-later
#
# The EAP server (daemon/auth/eap*.c): framework and methods, their unit
# tests and fuzz harness.  Included by daemon/daemon.mk.

# libcrypt: crypt_rn() checks GTC passwords against crypt(3) hashes.
DAEMON_LIBS_PC += libssl libcrypto libcrypt

# The framework and the password methods (MD5, GTC, MSCHAPv2).
EAP_SERVER_SRCS := \
	daemon/auth/eap_gtc.c \
	daemon/auth/eap_md5.c \
	daemon/auth/eap_mschapv2.c \
	daemon/auth/eap_mschapv2_crypto.c \
	daemon/auth/eap_mschapv2_md4.c \
	daemon/auth/eap_names.c \
	daemon/auth/eap_server.c
# EAP-TLS and its SSL_CTX.
EAP_TLS_SRCS := daemon/auth/eap_tls.c daemon/auth/eap_tls_ctx.c
DAEMON_LIB_SRCS += $(EAP_SERVER_SRCS) $(EAP_TLS_SRCS)

DAEMON_UNIT_TESTS += auth_eap_server auth_eap_mschapv2 \
	$(if $(wildcard selftests/daemon/unit/auth_eap_tls.c),auth_eap_tls)

# Arbitrary Responses to servers in every state; TLS is stubbed in the
# harness (fuzz_eap_tls drives it directly), so EAP_TLS_SRCS stay out.
$(BUILD)/fuzz/fuzz_eap_server: selftests/fuzz/fuzz_eap_server.c \
		$(EAP_SERVER_SRCS) $(wildcard daemon/auth/eap*.h)
	@mkdir -p $(@D)
	$(DAEMON_FUZZ_CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ selftests/fuzz/fuzz_eap_server.c $(EAP_SERVER_SRCS) \
		-lssl -lcrypto -lcrypt
FUZZ_PROGS += $(BUILD)/fuzz/fuzz_eap_server

# EAP-TLS on its own: a throwaway PKI, Responses from the input and an
# OpenSSL client (the unit test's eap_tls_peer.h) that answers first.
FUZZ_EAP_TLS_SRCS := selftests/fuzz/fuzz_eap_tls.c $(EAP_SERVER_SRCS) \
	$(EAP_TLS_SRCS) daemon/common/log.c
$(BUILD)/fuzz/fuzz_eap_tls: $(FUZZ_EAP_TLS_SRCS) \
		$(wildcard daemon/auth/eap*.h) selftests/daemon/unit/eap_tls_peer.h
	@mkdir -p $(@D)
	$(DAEMON_FUZZ_CC) $(DAEMON_CPPFLAGS) $(DAEMON_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $(FUZZ_EAP_TLS_SRCS) -lssl -lcrypto -lcrypt
FUZZ_PROGS += $(BUILD)/fuzz/fuzz_eap_tls
