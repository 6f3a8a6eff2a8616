/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VGATE_COMMON_VERSION_H
#define VGATE_COMMON_VERSION_H

#define VGATE_VERSION "0.1.0"

#endif
