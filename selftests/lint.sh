#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lint.sh [checkpatch] [sparse]: KTAP results for the kernel code's
# static checks: checkpatch --strict (from Debian's linux-source) on
# kmod/ and uapi/, and sparse (make C=2) on the module built for each
# test kernel.  Each must report nothing.  Default: both.
. "$(dirname "$0")/lib/common.sh"

checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(checkpatch sparse)
kernels=$("$VGATE_ROOT/selftests/vm/kernels.sh")

plan=0
for c in "${checks[@]}"; do
	case "$c" in
	checkpatch) plan=$((plan + 1)) ;;
	sparse) plan=$((plan + $(echo "$kernels" | wc -l))) ;;
	*) echo "lint.sh: unknown check $c" >&2; exit 2 ;;
	esac
done

ktap_print_header
ktap_set_plan "$plan"

run_checkpatch() {
	local files
	cd "$VGATE_ROOT" || return 1
	# our sources, not what an in-tree build generates (*.mod.c)
	files=$(find kmod uapi -name '*.[ch]' ! -name '*.mod.c' | sort)
	# shellcheck disable=SC2086
	perl "$VGATE_BUILD/ksrc/scripts/checkpatch.pl" --no-tree --strict \
		--terse --show-types -f $files |
		grep -E 'ERROR|WARNING|CHECK' && return 1
	return 0
}

# sparse prints to stderr; any line naming one of our files is a finding.
run_sparse() {
	local kver=$1 log
	log=$(MODULE_MAKEFLAGS="C=2" "$VGATE_ROOT/selftests/vm/module.sh" "$kver" 2>&1) || {
		echo "$log"
		return 1
	}
	echo "$log" | grep -E '(kmod|uapi)/.*: (warning|error):' && return 1
	return 0
}

for c in "${checks[@]}"; do
	case "$c" in
	checkpatch) vgate_check "checkpatch --strict clean on kmod/ and uapi/" run_checkpatch ;;
	sparse)
		for k in $kernels; do
			vgate_check "sparse clean on vgate.ko for $k" run_sparse "$k"
		done
		;;
	esac
done
ktap_finished
