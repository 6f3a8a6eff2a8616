#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Cross-check of the IKEv2 writer against an independent dissector: each
# sample message (build/tests/ike_codec_dump, from ike_codec_samples.h)
# goes into a pcap as a UDP/500 datagram, and tshark must dissect it
# with no malformed-packet or error expert info, reading the same
# exchange type and length as we wrote.  The IKE_AUTH sample with
# ENCR_NULL and no integrity is also decrypted by tshark, so that its
# inner payloads (IDi ... TSr) are dissected too.
. "$(dirname "$0")/../lib/common.sh"

samples=(sa_init_request:34 sa_init_response:34 ike_auth_request:35
	ike_auth_request_null:35 all_payloads:37 fragment:35)
# The samples' SPIs (ike_codec_samples.h), ENCR_NULL, no integrity.
null_sa='uat:ikev2_decryption_table:1122334455667788,99aabbccddeef001,,,'
null_sa+='"NULL [RFC2410]",,,"NONE [RFC4306]"'

dump=$VGATE_BUILD/tests/ike_codec_dump

ktap_print_header
for tool in tshark text2pcap od; do
	command -v "$tool" >/dev/null || ktap_skip_all "$tool is not installed"
done
[ -x "$dump" ] || ktap_exit_fail_msg "$dump is not built (make daemon-unit)"
ktap_set_plan $((${#samples[@]} + 1))

"$dump" "$VGATE_TMP" || ktap_exit_fail_msg "ike_codec_dump failed"

# dissects NAME EXCHANGE: the sample as UDP/500 dissects cleanly.
dissects() {
	local name=$1 exchange=$2 bin=$VGATE_TMP/$1.bin out fields
	od -Ax -tx1 -v "$bin" >"$VGATE_TMP/$name.hex" &&
		text2pcap -q -u 500,500 "$VGATE_TMP/$name.hex" \
			"$VGATE_TMP/$name.pcap" || return 1
	out=$(tshark -n -r "$VGATE_TMP/$name.pcap" -V -O isakmp 2>&1) || {
		echo "$out"
		return 1
	}
	if grep -Ei 'malformed|Expert Info \(Error' <<<"$out"; then
		return 1
	fi
	fields=$(tshark -n -r "$VGATE_TMP/$name.pcap" -T fields \
		-e isakmp.exchangetype -e isakmp.length 2>/dev/null)
	[ "$fields" = "$exchange	$(stat -c %s "$bin")" ] || {
		echo "tshark read exchange/length \"$fields\""
		return 1
	}
}

for sample in "${samples[@]}"; do
	vgate_check "tshark dissects ${sample%%:*} cleanly" \
		dissects "${sample%%:*}" "${sample##*:}"
done

# decrypts: tshark opens the NULL-encrypted SK and finds every inner
# payload, in order, then a zero Pad Length.
decrypts() {
	local out want got
	out=$(tshark -n -r "$VGATE_TMP/ike_auth_request_null.pcap" \
		-o "$null_sa" -V -O isakmp 2>&1) || { echo "$out"; return 1; }
	if grep -Ei 'malformed|Expert Info \(Error' <<<"$out"; then
		return 1
	fi
	want='35 41 36 47 33 44 45'
	got=$(grep -oP '^ {16}Payload: .*\(\K[0-9]+(?=\))' <<<"$out" | xargs)
	[ "$got" = "$want" ] || { echo "inner payloads \"$got\", want \"$want\""; return 1; }
	grep -q 'Pad Length: 0' <<<"$out"
}
vgate_check "tshark decrypts (ENCR_NULL) and dissects IKE_AUTH inner payloads" \
	decrypts
ktap_finished
