#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgated -t: accepts the shipped examples, rejects broken configs with
# every error as FILE:LINE: message and exit status 1.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib/helpers.sh"

ktap_print_header
ktap_set_plan 16

# check_example FILE: vgated -t accepts Documentation/examples/FILE.
check_example() {
	local out example=$VGATE_ROOT/Documentation/examples/$1
	out=$("$VGATED" -t -c "$example" 2>&1) || { echo "$out"; return 1; }
	expect_eq "configuration $example ok" "$out"
}
vgate_check "example config is accepted" check_example vgated.conf
# its certificate is Debian's snakeoil pair (package ssl-cert, which
# freeradius pulls in), readable by root
vgate_check "EAP example config is accepted" check_example vgated-eap.conf

# rejects NAME WANT: vgated -t on $VGATE_TMP/NAME exits 1 printing WANT.
rejects() {
	local out rc=0
	out=$(cd "$VGATE_TMP" && "$VGATED" -t -c "$1" 2>&1) || rc=$?
	expect_eq 1 "$rc" && expect_eq "$2" "$out"
}

printf 'daemon = {\n\tlog-level = "info";\n\tcontrol-socket = ;\n};\n' >"$VGATE_TMP/syntax.conf"
vgate_check "syntax error has file:line" \
	rejects syntax.conf "syntax.conf:3: syntax error"

printf 'daemon = {\n\tlog-level = "info";\n\tlisten = "any";\n};\n' >"$VGATE_TMP/unknown.conf"
vgate_check "unknown key has file:line" \
	rejects unknown.conf 'unknown.conf:3: unknown key "listen" in daemon'

printf '\n\ndaemon = {\n\tlog-level = 3;\n};\n' >"$VGATE_TMP/type.conf"
vgate_check "wrong type has file:line" \
	rejects type.conf 'type.conf:4: daemon.log-level must be a string'

printf 'daemon = {\n\tlog-level = "loud";\n};\n' >"$VGATE_TMP/value.conf"
vgate_check "bad value has file:line" \
	rejects value.conf 'value.conf:2: daemon.log-level: "loud" is not one of: error, warning, notice, info, debug'

printf 'daemon = {\n\tlog-level = "loud";\n\tcontrol-socket = "relative";\n};\nproposal = 1;\n' >"$VGATE_TMP/many.conf"
vgate_check "every error is reported" rejects many.conf \
"many.conf:2: daemon.log-level: \"loud\" is not one of: error, warning, notice, info, debug
many.conf:3: daemon.control-socket: must be an absolute path
many.conf:5: proposal must be a list of groups: ( { ... } )"

cat >"$VGATE_TMP/aead.conf" <<'EOF'
proposal = ( {
	name = "gcm";
	encryption = [ "aes-gcm-256" ];
	integrity = [ "sha256" ];
	group = [ 19 ];
} );
EOF
vgate_check "proposal errors name the object and line" rejects aead.conf \
'aead.conf:4: proposal "gcm".integrity: must not be set with AEAD encryption (aes-gcm-256)
aead.conf:1: proposal "gcm" with AEAD encryption (aes-gcm-256) needs a prf'

cat >"$VGATE_TMP/keyring.conf" <<'EOF'
keyring = ( { name = "kr"; peer = (
	{ name = "a"; identity = "fqdn branch.example.com"; pre-shared-key = "1"; },
	{ name = "b"; identity = "fqdn BRANCH.example.com"; pre-shared-key = "2"; }
); } );
profile = ( { name = "ra"; match-identity-remote = "fqdn domain example.com";
	authentication-local = "pre-share"; authentication-remote = "pre-share";
	keyring = "typo"; } );
EOF
vgate_check "keyring and reference errors across objects" rejects keyring.conf \
'keyring.conf:3: keyring "kr" peer "b".identity: fqdn BRANCH.example.com is already the identity of peer "a" (keyring.conf:2)
keyring.conf:7: profile "ra".keyring: no keyring named "typo"'

cat >"$VGATE_TMP/profile.conf" <<'EOF'
profile = ( { name = "ra";
	match-identity-remote = "email domain example.com";
	authentication-local = "eap";
	authentication-remote = [ "pre-share" ];
	dpd = "30 on-demand";
} );
EOF
vgate_check "profile errors have file:line" rejects profile.conf \
'profile.conf:3: profile "ra".authentication-local: eap authenticates a client to its server, and vgated has no EAP client: use pre-share, rsa-sig or ecdsa-sig
profile.conf:1: profile "ra" uses pre-share but names no keyring
profile.conf:5: profile "ra".dpd: "30 on-demand": must be "INTERVAL RETRY periodic|on-demand", e.g. "30 5 on-demand"'

cat >"$VGATE_TMP/client.conf" <<'EOF'
keyring = ( { name = "kr"; peer = (
	{ name = "hubs"; address = "198.51.100.0/24"; pre-shared-key = "s"; } ); } );
profile = ( { name = "site"; authentication-local = "pre-share";
	authentication-remote = "pre-share"; keyring = "kr"; } );
client = ( { name = "hub";
	peer = [ "198.51.100.1", "203.0.113.1 port 4501" ];
	profile = "site";
	local-selectors = [ "10.1.0.0/24" ];
	remote-selectors = [ ];
} );
EOF
vgate_check "client: a key for every peer and a remote selector" rejects client.conf \
'client.conf:6: client "hub".peer: no pre-shared key for peer 203.0.113.1 in keyring "kr"
client.conf:9: client "hub".remote-selectors: needs at least one remote selector'

cat >"$VGATE_TMP/client-refs.conf" <<'EOF'
client = ( { name = "hub"; peer = "hub.example.com"; profile = "typo";
	local-selectors = "10.1.0.0/24"; remote-selectors = "any"; },
	{ name = "hub"; peer = "198.51.100.1"; profile = "typo";
	local-selectors = "10.1.0.0/24"; remote-selectors = "10.2.0.0/24";
	connect = "later"; } );
EOF
vgate_check "client: bad peer, profile, selector, connect and a duplicate" rejects client-refs.conf \
'client-refs.conf:5: client "hub".connect: "later" is not one of: auto, manual
client-refs.conf:3: duplicate client name "hub" (first defined at client-refs.conf:1)
client-refs.conf:1: client "hub".peer: "hub.example.com": is not an IPv4 or IPv6 address
client-refs.conf:1: client "hub".profile: no profile named "typo"
client-refs.conf:2: client "hub".remote-selectors: "any" is not a traffic selector: write 0.0.0.0/0 and/or ::/0
client-refs.conf:3: client "hub".profile: no profile named "typo"'

# accepts_with_warning NAME WANT: exit 0, "ok" on stdout, WANT on stderr.
accepts_with_warning() {
	local out err rc=0
	out=$(cd "$VGATE_TMP" && "$VGATED" -t -c "$1" 2>"$VGATE_TMP/stderr") || rc=$?
	err=$(cat "$VGATE_TMP/stderr")
	expect_eq 0 "$rc" && expect_eq "configuration $1 ok" "$out" &&
		expect_eq "$2" "$err"
}
printf 'proposal = ( { name = "old"; encryption = "aes-cbc-128";\n\tintegrity = "md5"; group = 14; } );\n' \
	>"$VGATE_TMP/legacy.conf"
vgate_check "legacy transforms are accepted with a warning" accepts_with_warning \
	legacy.conf 'warning: legacy.conf:2: proposal "old".integrity: md5 is a legacy transform; offer it only to peers that cannot do better'

mkdir -p "$VGATE_TMP/conf.d"
printf 'daemon = {\n\tcolour = "red";\n};\n' >"$VGATE_TMP/conf.d/daemon.conf"
printf '# main file\n@include "conf.d/daemon.conf"\n' >"$VGATE_TMP/include.conf"
vgate_check "error in an included file names that file" \
	rejects include.conf 'conf.d/daemon.conf:2: unknown key "colour" in daemon'

vgate_check "missing file is reported" \
	rejects absent.conf 'absent.conf: cannot read: No such file or directory'

check_usage() {
	local rc=0
	"$VGATED" --bogus >/dev/null 2>&1 || rc=$?
	expect_eq 2 "$rc" && "$VGATED" --help | grep -q -- '--test' &&
		expect_match '^vgated [0-9]+\.[0-9]+\.[0-9]+$' "$("$VGATED" -V)"
}
vgate_check "usage errors exit 2, --help and -V work" check_usage

ktap_finished
