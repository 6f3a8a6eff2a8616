// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the IKEv2 wire codec: any datagram either fails
 * with a named error, or decodes to payloads that write back (through
 * ike_put_decoded) into a message that decodes again and writes back to
 * the same octets.  An SK/SKF body is also decoded as if it were the
 * decrypted inner chain, to reach ike_parse_inner() with arbitrary data.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ike/codec.h"
#include "ike/codec_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DATAGRAM	65535

static struct ike_message msg;
static uint8_t first[MAX_DATAGRAM], second[MAX_DATAGRAM];

static void check_error(int rc, const struct ike_codec_error *err)
{
	if (rc != -1 || err->code <= IKE_OK || err->code >= IKE_ERR_COUNT ||
	    !err->message[0])
		abort();
}

/* Write MSG's payloads (the outer ones, or the INNER ones) to OUT. */
static size_t write_back(bool inner, uint8_t *out)
{
	struct ike_writer w;
	unsigned int i;
	size_t len;

	ike_writer_init(&w, out, MAX_DATAGRAM);
	if (!inner)
		ike_write_header(&w, &msg.hdr);
	for (i = 0; i < msg.n_payloads; i++)
		if (msg.payloads[i].inner == inner)
			ike_put_decoded(&w, &msg.payloads[i]);
	/* Whatever the parser accepted, the writer must be able to write. */
	if (ike_writer_finish(&w, &len) < 0)
		abort();
	return len;
}

static void check_inner(void)
{
	const struct ike_payload *sk;
	struct ike_codec_error err;
	int rc;

	if (!msg.n_payloads)
		return;
	sk = &msg.payloads[msg.n_payloads - 1];
	if (!sk->known || (sk->type != IKEV2_PT_SK && sk->type != IKEV2_PT_SKF))
		return;
	rc = ike_parse_inner(&msg, sk->u.sk.first_inner_type, sk->u.sk.encrypted,
			     sk->u.sk.encrypted_len, &err);
	if (rc < 0)
		check_error(rc, &err);
	else
		write_back(true, second);	/* MSG points into FIRST */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ike_codec_error err;
	size_t len1, len2;
	int rc;

	if (size > MAX_DATAGRAM)
		return -1;
	rc = ike_parse_message(&msg, data, size, &err);
	if (rc < 0) {
		check_error(rc, &err);
		return 0;
	}
	len1 = write_back(false, first);
	if (ike_parse_message(&msg, first, len1, &err) < 0)
		abort();
	len2 = write_back(false, second);
	if (len1 != len2 || memcmp(first, second, len1))
		abort();
	check_inner();
	return 0;
}
