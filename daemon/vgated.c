// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgated: the vgate IKEv2 headend daemon.  It always stays in the
 * foreground and logs to stderr: the service manager (systemd) supervises
 * it and keeps its log, so there is no daemonizing and no pid file.
 */
#include <getopt.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "common/version.h"
#include "config/vgated_conf.h"
#include "ctl/server.h"
#include "ike/engine.h"

struct vgated {
	const char *config_path;
	const char *socket_override;	/* -s, wins over the config */
	struct vgated_conf conf;
	char *socket_path;		/* the one in use until restart */
	struct ctl_daemon_info info;
	struct event_base *base;
	struct ctl_server *ctl;
	struct ike_engine *engine;	/* NULL while no profile exists */
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: vgated [-t] [-c FILE] [-s SOCKET]\n"
		"IKEv2 remote-access VPN headend daemon.\n"
		"\n"
		"  -c, --config FILE   configuration file (default %s)\n"
		"  -t, --test          check the configuration, print every error, exit\n"
		"  -s, --socket PATH   control socket, overriding daemon.control-socket\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the version\n"
		"\n"
		"vgated stays in the foreground and logs to stderr, for systemd.\n"
		"Signals: SIGHUP reloads the configuration, SIGTERM and SIGINT stop.\n",
		VGATED_DEFAULT_CONFIG);
}

static const char *effective_socket(const struct vgated *d,
				    const struct vgated_conf *conf)
{
	return d->socket_override ? d->socket_override
				  : conf->daemon.control_socket;
}

static void log_diags(const struct cfg_diags *diags)
{
	char line[1024];

	for (size_t i = 0; i < diags->count; i++) {
		cfg_diag_format(&diags->items[i], line, sizeof(line));
		log_error("%s", line);
	}
}

/*
 * Like IOS, IKEv2 runs once a profile exists (spec §1): without one,
 * vgated serves only its control socket.  -1 when it should run but
 * cannot (no vgate.ko, port taken), with the reason logged.
 */
static int start_ike(struct vgated *d)
{
	char error[512];

	if (!d->conf.ikev2.n_profiles) {
		log_notice("no IKEv2 profile configured: IKEv2 is off");
		return 0;
	}
	d->engine = ike_engine_new(d->base, &d->conf.ikev2, error,
				   sizeof(error));
	if (!d->engine) {
		log_error("IKEv2 cannot start: %s", error);
		return -1;
	}
	d->info.ctx = d->engine;
	log_notice("IKEv2 listening on UDP %u and %u",
		   d->conf.ikev2.global.port, d->conf.ikev2.global.natt_port);
	return 0;
}

static void reload(struct vgated *d)
{
	struct cfg_diags diags = { 0 };
	struct vgated_conf conf;
	const char *new_socket;

	log_notice("SIGHUP: reloading %s", d->config_path);
	if (vgated_conf_load(d->config_path, &conf, &diags) < 0) {
		log_error("reload of %s failed, keeping the running configuration",
			  d->config_path);
		log_diags(&diags);
		cfg_diags_free(&diags);
		return;
	}
	new_socket = effective_socket(d, &conf);
	if (strcmp(new_socket, d->socket_path))
		log_notice("control socket change to %s takes effect at restart; still serving %s",
			   new_socket, d->socket_path);
	if (conf.daemon.log_level != d->conf.daemon.log_level)
		log_notice("log level is now %s",
			   log_level_names[conf.daemon.log_level]);
	log_set_level(conf.daemon.log_level);

	vgated_conf_free(&d->conf);
	d->conf = conf;
	log_notice("configuration %s reloaded", d->config_path);
	if (d->engine)
		ike_engine_set_conf(d->engine, &d->conf.ikev2);
	else if (start_ike(d) < 0)
		log_error("IKEv2 stays off until the problem is fixed and the configuration reloaded");
}

static void on_signal(evutil_socket_t signo, short what, void *arg)
{
	struct vgated *d = arg;

	(void)what;
	if (signo == SIGHUP) {
		reload(d);
		return;
	}
	log_notice("%s: exiting", signo == SIGTERM ? "SIGTERM" : "SIGINT");
	event_base_loopbreak(d->base);
}

static int run(struct vgated *d)
{
	static const int signals[] = { SIGTERM, SIGINT, SIGHUP };
	enum { N_SIGNALS = sizeof(signals) / sizeof(signals[0]) };
	struct event *signal_events[N_SIGNALS] = { 0 };
	char error[512];
	int ret = 1;

	d->base = event_base_new();
	if (!d->base) {
		fprintf(stderr, "vgated: cannot create the event loop\n");
		return 1;
	}
	for (int i = 0; i < N_SIGNALS; i++) {
		signal_events[i] = evsignal_new(d->base, signals[i], on_signal, d);
		if (!signal_events[i] || evsignal_add(signal_events[i], NULL) < 0) {
			fprintf(stderr, "vgated: cannot watch signals\n");
			goto out;
		}
	}
	d->ctl = ctl_server_open(d->base, d->socket_path, &d->info, error,
				 sizeof(error));
	if (!d->ctl) {
		fprintf(stderr, "vgated: %s\n", error);
		goto out;
	}
	log_notice("vgated %s started, pid %d, config %s, control socket %s",
		   VGATE_VERSION, (int)getpid(), d->config_path, d->socket_path);
	if (start_ike(d) < 0)
		goto out_ctl;
	if (event_base_dispatch(d->base) < 0)
		log_error("event loop failed");
	else
		ret = 0;
	ike_engine_free(d->engine);
	d->info.ctx = d->engine = NULL;
out_ctl:
	ctl_server_close(d->ctl);
out:
	for (int i = 0; i < N_SIGNALS; i++)
		if (signal_events[i])
			event_free(signal_events[i]);
	event_base_free(d->base);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "test", no_argument, NULL, 't' },
		{ "socket", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct vgated d = { .config_path = VGATED_DEFAULT_CONFIG };
	struct cfg_diags diags = { 0 };
	bool test_only = false;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "c:ts:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			d.config_path = optarg;
			break;
		case 't':
			test_only = true;
			break;
		case 's':
			d.socket_override = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("vgated %s\n", VGATE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vgated: unexpected argument %s\n", argv[optind]);
		usage(stderr);
		return 2;
	}

	if (vgated_conf_load(d.config_path, &d.conf, &diags) < 0) {
		cfg_diags_print(&diags, stderr);
		cfg_diags_free(&diags);
		return 1;
	}
	if (test_only) {
		printf("configuration %s ok\n", d.config_path);
		vgated_conf_free(&d.conf);
		return 0;
	}
	log_set_level(d.conf.daemon.log_level);
	/* A client that hangs up early must not kill the daemon. */
	signal(SIGPIPE, SIG_IGN);

	d.socket_path = xstrdup(effective_socket(&d, &d.conf));
	d.info.config_path = d.config_path;
	d.info.commands = ike_ctl_commands;
	d.info.n_commands = ike_ctl_n_commands;
	d.info.started = time(NULL);
	clock_gettime(CLOCK_MONOTONIC, &d.info.started_mono);

	ret = run(&d);
	free(d.socket_path);
	vgated_conf_free(&d.conf);
	return ret;
}
