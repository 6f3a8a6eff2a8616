// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The per-session up/down hook (profile `hook`): an executable the
 * operator provides for firewall and QoS rules, run as
 * `HOOK up|down` with the session in its environment.  vgated never
 * waits for it: the event loop reaps it on SIGCHLD and logs a failure.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <event2/event.h>

#include "common/log.h"
#include "ike/engine_internal.h"
#include "ike/ra.h"

static void on_sigchld(evutil_socket_t fd, short what, void *arg)
{
	int status;
	pid_t pid;

	(void)fd;
	(void)what;
	(void)arg;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status))
			log_warning("session hook (pid %d) exited with status %d",
				    (int)pid, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			log_warning("session hook (pid %d) killed by signal %d",
				    (int)pid, WTERMSIG(status));
	}
}

int ike_ra_hook_init(struct ike_engine *e)
{
	e->sigchld = evsignal_new(e->base, SIGCHLD, on_sigchld, e);
	return e->sigchld && evsignal_add(e->sigchld, NULL) == 0 ? 0 : -1;
}

void ike_ra_hook_fini(struct ike_engine *e)
{
	if (e->sigchld)
		event_free(e->sigchld);
	e->sigchld = NULL;
}

void ike_ra_hook_run(struct ike_engine *e, const struct ike_sa *sa,
		     const char *event)
{
	const struct ike_ra *ra = sa->ra;
	char v4[INET_ADDRSTRLEN] = "", v6[INET6_ADDRSTRLEN] = "";
	char peer[INET6_ADDRSTRLEN + 8], vars[12][320];
	char *envp[13], *argv[] = { (char *)ra->profile_hook, (char *)event, NULL };
	unsigned int n = 0;
	uint16_t port;
	pid_t pid;
	int err;

	(void)e;
	if (ra->has_vip4)
		inet_ntop(AF_INET, &ra->vip4, v4, sizeof(v4));
	if (ra->has_vip6)
		inet_ntop(AF_INET6, &ra->vip6, v6, sizeof(v6));
	if (sa->peer.ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)&sa->peer;

		inet_ntop(AF_INET, &sin->sin_addr, peer, sizeof(peer));
		port = ntohs(sin->sin_port);
	} else {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&sa->peer;

		inet_ntop(AF_INET6, &sin6->sin6_addr, peer, sizeof(peer));
		port = ntohs(sin6->sin6_port);
	}
#define VAR(...) snprintf(vars[n], sizeof(vars[n]), __VA_ARGS__), envp[n] = vars[n], n++
	VAR("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	VAR("VGATE_EVENT=%s", event);
	VAR("VGATE_SESSION=%llu", (unsigned long long)sa->id);
	VAR("VGATE_PROFILE=%s", sa->profile);
	VAR("VGATE_USER=%s", ra->user);
	VAR("VGATE_GROUP=%s", ra->group);
	VAR("VGATE_IPV4=%s", v4);
	VAR("VGATE_IPV6=%s", v6);
	VAR("VGATE_INTERFACE=%s", ra->ifname);
	VAR("VGATE_VRF=%s", ra->vrf);
	VAR("VGATE_PEER=%s", peer);
	VAR("VGATE_PEER_PORT=%u", port);
#undef VAR
	envp[n] = NULL;
	err = posix_spawn(&pid, ra->profile_hook, NULL, NULL, argv, envp);
	if (err)
		log_warning("session %llu: cannot run hook %s: %s",
			    (unsigned long long)sa->id, ra->profile_hook, strerror(err));
}
