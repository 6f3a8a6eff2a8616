/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgate: generic-netlink family.
 *
 * Copyright (C) 2026 The vgate authors
 */
#ifndef _VGATE_NETLINK_H_
#define _VGATE_NETLINK_H_

int vgate_nl_register(void);
void vgate_nl_unregister(void);

#endif /* _VGATE_NETLINK_H_ */
