#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ktap-count.sh DIR...: count the top-level results of every *.ktap file
# below DIR and print the project's closing line
#   N passed, N failed, N skipped
# Exit status 1 when anything failed or nothing ran at all.
set -eu

find "$@" -name '*.ktap' -type f -exec cat {} + 2>/dev/null | awk '
	/^not ok [0-9]/ { failed++; next }
	/^ok [0-9].*# *[Ss][Kk][Ii][Pp]/ { skipped++; next }
	/^ok [0-9]/ { passed++ }
	END {
		printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
		exit (failed > 0 || passed == 0)
	}'
