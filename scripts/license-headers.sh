#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# usdt4j's license header policy: every source file says, on its first line (after a #! line or
# an XML declaration), in its own comment syntax:
#
#   SPDX-License-Identifier: Apache-2.0
#
# Source files: *.java, *.c, *.h and *.bt (// ...), *.sh, *.py and scripts without an extension
# (# ...), pom.xml and other *.xml (<!-- ... -->), *.mustache ({{! ... }}, which renders to
# nothing). Not: generated or golden files (src/test/resources/golden/), the Maven wrapper (mvnw,
# .mvn/), CI's entry point (.ci/), documentation and data (*.md, *.json, *.txt, *.svg, ...).
#
# Usage: scripts/license-headers.sh [--check | --fix]
#   --check  (default) lists every source file without the line and exits 1 if there is one
#   --fix    adds the line to each of them
# The build runs --check in its validate phase (the root pom). Files are those git tracks, or,
# outside a git checkout, those under this directory but not under target/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SPDX="SPDX-License-Identifier: Apache-2.0"
mode=${1:---check}
case $mode in
    --check|--fix) ;;
    *) echo "usage: scripts/license-headers.sh [--check | --fix]" >&2; exit 2 ;;
esac

# The comment that carries the identifier in FILE, or nothing when FILE is not a source file.
header_for() {
    case $1 in
        */src/test/resources/golden/*|mvnw|mvnw.cmd|.mvn/*|.ci/*) return ;;
        *.java|*.c|*.h|*.bt) echo "// $SPDX" ;;
        *.sh|*.py) echo "# $SPDX" ;;
        *.xml) echo "<!-- $SPDX -->" ;;
        *.mustache) echo "{{! $SPDX }}" ;;
        *)  # a script without an extension: no dot in its name, and a #! line
            if [[ ${1##*/} != *.* ]] && [ "$(head -c 2 "$1")" = '#!' ]; then echo "# $SPDX"; fi ;;
    esac
}

# The first line of FILE that is not a #! line or an XML declaration: where the header goes.
header_line() {
    awk 'NR == 1 && (/^#!/ || /^<\?xml/) { next } { found = NR; exit } END { print found ? found : NR + 1 }' "$1"
}

list_files() {
    if git rev-parse --git-dir >/dev/null 2>&1; then
        git ls-files
    else
        find . -path '*/target' -prune -o -type f -print | sed 's|^\./||'
    fi
}

missing=()
while IFS= read -r file; do
    header=$(header_for "$file")
    [ -n "$header" ] && [ -f "$file" ] || continue
    line=$(header_line "$file")
    if [ "$(sed -n "${line}p" "$file")" != "$header" ]; then
        missing+=("$file")
        if [ "$mode" = --fix ]; then
            if [ "$line" -gt 1 ]; then
                { sed -n "1,$((line - 1))p" "$file"; echo "$header"; sed -n "$line,\$p" "$file"; } >"$file.spdx"
            else
                { echo "$header"; cat "$file"; } >"$file.spdx"
            fi
            chmod --reference="$file" "$file.spdx"
            mv "$file.spdx" "$file"
        fi
    fi
done < <(list_files)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$mode" = --fix ]; then
    echo "license-headers: added '$SPDX' to ${#missing[@]} file(s)"
    exit 0
fi
printf '  %s\n' "${missing[@]}" >&2
echo "license-headers: ${#missing[@]} source file(s) above lack the line '$SPDX' in their comment syntax; scripts/license-headers.sh --fix adds it" >&2
exit 1
