# SPDX-License-Identifier: GPL-2.0-or-later
#
# Authorization (daemon/aaa): attribute merging, address pools, and the
# config objects they come from.  Included by daemon/daemon.mk.

# The config objects: pools, authorization policies, users, and the
# profile's EAP / authorization / hook keys.
DAEMON_LIB_SRCS += \
	daemon/config/ikev2_build_attrs.c \
	daemon/config/ikev2_build_authz.c \
	daemon/config/ikev2_build_pool.c \
	daemon/config/ikev2_build_profile_ra.c \
	daemon/config/ikev2_build_user.c

# Attribute merging and address pools.
DAEMON_LIB_SRCS += \
	daemon/aaa/merge.c \
	daemon/aaa/pool.c

DAEMON_UNIT_TESTS += config_aaa aaa_merge aaa_pool
