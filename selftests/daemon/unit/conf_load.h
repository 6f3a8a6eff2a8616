/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the vgated.conf unit tests: load config text from a scratch
 * directory and keep the diagnostics (warnings included) as the lines an
 * operator would read.
 */
#ifndef VGATE_TEST_CONF_LOAD_H
#define VGATE_TEST_CONF_LOAD_H

#include <stdlib.h>
#include <string.h>

#include "conf_files.h"
#include "config/vgated_conf.h"

struct conf_run {
	char *dir;
	struct vgated_conf conf;
	struct cfg_diags diags;
	char *errors;		/* every diagnostic, "FILE:LINE: message\n" */
};

static inline void conf_run_init(struct conf_run *r)
{
	memset(r, 0, sizeof(*r));
	r->dir = scratch_dir();
}

static inline void conf_run_clear(struct conf_run *r)
{
	vgated_conf_free(&r->conf);
	cfg_diags_free(&r->diags);
	free(r->errors);
	r->errors = NULL;
}

/* Loads TEXT as DIR/vgated.conf (dropping what an earlier call loaded). */
static inline int conf_run_load(struct conf_run *r, const char *text)
{
	char *path;
	int ret;

	conf_run_clear(r);
	path = write_file(r->dir, "vgated.conf", text);
	ret = vgated_conf_parse(path, &r->conf, &r->diags);
	r->errors = render_diags(&r->diags, r->dir);
	free(path);
	return ret;
}

static inline void conf_run_free(struct conf_run *r)
{
	conf_run_clear(r);
	scratch_dir_remove(r->dir);
}

#endif
