/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One vgated per control socket.  The lock is flock() on "SOCKET.lock",
 * holding the owner's pid; it guards the check-and-replace of the socket
 * itself against two daemons starting at the same moment.
 */
#ifndef VGATE_CTL_INSTANCE_LOCK_H
#define VGATE_CTL_INSTANCE_LOCK_H

#include <stddef.h>

struct instance_lock {
	int fd;
	char *path;
};

/* Returns 0, or -1 with the reason (naming the holder's pid) in ERROR. */
int instance_lock_acquire(struct instance_lock *lock, const char *socket_path,
			  char *error, size_t error_size);

/* Removes the lock file and drops the lock. */
void instance_lock_release(struct instance_lock *lock);

#endif
