// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ike_codec_dump DIR: write each sample message (ike_codec_samples.h)
 * to DIR/NAME.bin, for dissection by tshark and as fuzz seeds.  Each is
 * parsed back first, so a file on disk is one the codec accepts.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ike/codec.h"
#include "ike_codec_samples.h"

static void auth_request(struct ike_writer *w)
{
	struct ike_sk_span span;

	sample_ike_auth_request(w, 16, 32, &span);
}

/*
 * The same with ENCR_NULL and no integrity (no IV, no ICV, a zero Pad
 * Length): tshark can "decrypt" it and dissect the inner payloads.
 */
static void auth_request_null_encryption(struct ike_writer *w)
{
	struct ike_sk_span span;

	sample_ike_auth_request(w, 0, 1, &span);
}

static const struct {
	const char *name;
	void (*build)(struct ike_writer *w);
} samples[] = {
	{ "sa_init_request", sample_sa_init_request },
	{ "sa_init_response", sample_sa_init_response },
	{ "ike_auth_request", auth_request },
	{ "ike_auth_request_null", auth_request_null_encryption },
	{ "all_payloads", sample_all_payloads },
	{ "fragment", sample_fragment },
};

static struct ike_message msg;

static int dump(const char *dir, const char *name,
		void (*build)(struct ike_writer *w))
{
	struct ike_codec_error err;
	struct ike_writer w;
	uint8_t buf[4096];
	char path[4096];
	size_t len;
	FILE *f;

	ike_writer_init(&w, buf, sizeof(buf));
	build(&w);
	if (ike_writer_finish(&w, &len) < 0) {
		fprintf(stderr, "%s: build: %s\n", name, w.err.message);
		return -1;
	}
	if (ike_parse_message(&msg, buf, len, &err) < 0) {
		fprintf(stderr, "%s: parse: %s\n", name, err.message);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (dump(argv[1], samples[i].name, samples[i].build) < 0)
			rc = 1;
	return rc;
}
