# SPDX-License-Identifier: GPL-2.0-or-later
#
# The EAP server (daemon/auth/eap*.c): framework and methods, their unit
# tests and fuzz harness.  Included by daemon/daemon.mk.

DAEMON_LIBS_PC += libssl
