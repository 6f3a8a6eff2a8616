// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl/instance_lock.h"

static void describe_holder(int fd, const char *socket_path, char *error,
			    size_t error_size)
{
	char text[32] = "";
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
	int pid = n > 0 ? atoi(text) : 0;

	if (pid > 0)
		snprintf(error, error_size,
			 "another vgated is running on %s (pid %d)",
			 socket_path, pid);
	else
		snprintf(error, error_size,
			 "another vgated is starting on %s", socket_path);
}

int instance_lock_acquire(struct instance_lock *lock, const char *socket_path,
			  char *error, size_t error_size)
{
	struct stat held, named;
	char *path;
	int fd;

	if (asprintf(&path, "%s.lock", socket_path) < 0) {
		snprintf(error, error_size, "out of memory");
		return -1;
	}
	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0) {
			snprintf(error, error_size, "cannot open %s: %s", path,
				 strerror(errno));
			free(path);
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			if (errno == EWOULDBLOCK)
				describe_holder(fd, socket_path, error, error_size);
			else
				snprintf(error, error_size, "cannot lock %s: %s",
					 path, strerror(errno));
			close(fd);
			free(path);
			return -1;
		}
		/*
		 * The previous owner unlinks the file as it exits: if we
		 * locked a file that is no longer at PATH, start again.
		 */
		if (fstat(fd, &held) == 0 && stat(path, &named) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino)
			break;
		close(fd);
	}
	if (ftruncate(fd, 0) < 0 || dprintf(fd, "%d\n", getpid()) < 0) {
		snprintf(error, error_size, "cannot write %s: %s", path,
			 strerror(errno));
		unlink(path);
		close(fd);
		free(path);
		return -1;
	}
	lock->fd = fd;
	lock->path = path;
	return 0;
}

void instance_lock_release(struct instance_lock *lock)
{
	unlink(lock->path);
	close(lock->fd);
	free(lock->path);
	lock->path = NULL;
	lock->fd = -1;
}
