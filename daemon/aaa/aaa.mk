# SPDX-License-Identifier: GPL-2.0-or-later
#
# Authorization (daemon/aaa): attribute merging, address pools, and the
# config objects they come from.  Included by daemon/daemon.mk.
