// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The FlexVPN client (spec §21): vgated connects to the client's peers
 * in order.  A negotiation that fails, or a session that ends (DPD, a
 * Delete from the peer, clear), is retried after a pause with the next
 * peer of the list when the client connects automatically; a manual one
 * waits for `vgatectl client connect NAME`.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "ike/engine_internal.h"

#define RETRY_SECONDS 10

struct ike_client_run {
	char *name;
	unsigned int next_peer;		/* index of the peer to try next */
	struct event *retry;
	struct ike_engine *engine;
	UT_hash_handle hh;		/* in engine->runs, by name */
};

static struct ike_client_run *run_of(struct ike_engine *e, const char *name)
{
	struct ike_client_run *run;

	HASH_FIND_STR(e->runs, name, run);
	if (run)
		return run;
	run = xcalloc(1, sizeof(*run));
	run->name = xstrdup(name);
	run->engine = e;
	HASH_ADD_KEYPTR(hh, e->runs, run->name, strlen(run->name), run);
	return run;
}

static struct ike_sa *session_of(struct ike_engine *e, const char *name)
{
	struct ike_sa *sa, *tmp;

	HASH_ITER(hh, e->by_spi, sa, tmp)
		if (sa->initiator && !strcmp(sa->client, name) &&
		    sa->state != IKE_SA_DELETING)
			return sa;
	return NULL;
}

/* The address the kernel would send from towards PEER, port PORT. */
static int route_source(const struct sockaddr_storage *peer, uint16_t port,
			struct sockaddr_storage *local)
{
	socklen_t len = sizeof(*local);
	int fd = socket(peer->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret = -1;

	if (fd >= 0 &&
	    connect(fd, (const struct sockaddr *)peer,
		    peer->ss_family == AF_INET ? sizeof(struct sockaddr_in)
					       : sizeof(struct sockaddr_in6)) == 0 &&
	    getsockname(fd, (struct sockaddr *)local, &len) == 0) {
		if (local->ss_family == AF_INET)
			((struct sockaddr_in *)local)->sin_port = htons(port);
		else
			((struct sockaddr_in6 *)local)->sin6_port = htons(port);
		ret = 0;
	}
	if (fd >= 0)
		close(fd);
	return ret;
}

static int start(struct ike_engine *e, const struct conf_client *client,
		 char *error, size_t error_len)
{
	struct ike_client_run *run = run_of(e, client->name);
	const struct sockaddr_storage *peer =
		&client->peers[run->next_peer % client->n_peers];
	struct sockaddr_storage local;
	struct ike_sa *sa;
	char to[64];

	ike_sockaddr_format(peer, to, sizeof(to));
	if (route_source(peer, e->conf->global.port, &local) < 0) {
		snprintf(error, error_len, "client %s: no route to %s", client->name, to);
		return -1;
	}
	sa = ike_sa_new_initiator(e, &local, peer);
	snprintf(sa->client, sizeof(sa->client), "%s", client->name);
	log_notice("client %s: connecting to %s (session %llu)", client->name,
		   to, (unsigned long long)sa->id);
	if (ike_init_send_sa_init(e, sa, client->profile) < 0) {
		snprintf(error, error_len, "client %s: cannot send IKE_SA_INIT", client->name);
		ike_sa_destroy(e, sa, "cannot send IKE_SA_INIT");
		return -1;
	}
	return 0;
}

static void on_retry(evutil_socket_t fd, short what, void *arg)
{
	struct ike_client_run *run = arg;
	struct ike_engine *e = run->engine;
	const struct conf_client *client = conf_client_find(e->conf, run->name);
	char error[256];

	(void)fd;
	(void)what;
	if (!client || !client->auto_connect || session_of(e, run->name))
		return;
	if (start(e, client, error, sizeof(error)) < 0) {
		log_warning("%s", error);
		ike_client_lost(e, run->name);
	}
}

void ike_client_lost(struct ike_engine *e, const char *name)
{
	const struct conf_client *client = conf_client_find(e->conf, name);
	struct ike_client_run *run;
	struct timeval tv = { RETRY_SECONDS, 0 };

	if (e->stopping || !client || !client->auto_connect)
		return;
	run = run_of(e, name);
	run->next_peer++;
	if (!run->retry)
		run->retry = evtimer_new(e->base, on_retry, run);
	evtimer_add(run->retry, &tv);
}

void ike_init_failed(struct ike_engine *e, struct ike_sa *sa, const char *why)
{
	char desc[512];

	ike_sa_describe(sa, desc, sizeof(desc));
	log_warning("client %s: %s: %s", sa->client, desc, why);
	ike_sa_destroy(e, sa, why);
}

int ike_client_connect(struct ike_engine *e, const char *name, char *error,
		       size_t error_len)
{
	const struct conf_client *client = conf_client_find(e->conf, name);
	struct ike_sa *sa;

	if (!client) {
		snprintf(error, error_len, "no client named \"%s\"", name);
		return -1;
	}
	sa = session_of(e, name);
	if (sa) {
		snprintf(error, error_len, "client %s is already connected or connecting (session %llu)",
			 name, (unsigned long long)sa->id);
		return -1;
	}
	return start(e, client, error, error_len);
}

void ike_clients_start(struct ike_engine *e)
{
	static const struct timeval now = { 0, 0 };

	/* from the event loop, once it runs */
	for (unsigned int i = 0; i < e->conf->n_clients; i++) {
		struct ike_client_run *run;

		if (!e->conf->clients[i].auto_connect)
			continue;
		run = run_of(e, e->conf->clients[i].name);
		if (!run->retry)
			run->retry = evtimer_new(e->base, on_retry, run);
		evtimer_add(run->retry, &now);
	}
}

void ike_clients_free(struct ike_engine *e)
{
	struct ike_client_run *run, *tmp;

	HASH_ITER(hh, e->runs, run, tmp) {
		HASH_DEL(e->runs, run);
		if (run->retry)
			event_free(run->retry);
		free(run->name);
		free(run);
	}
}
