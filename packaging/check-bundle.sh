#!/bin/sh
# Run the headless checks against a bundled (or installed) caretrack executable.
#
#   packaging/check-bundle.sh BIN            e.g. packaging/build/dist/caretrack/caretrack
#                                                       or /usr/bin/caretrack (inside the chroot)
# Checks: --version, --smoke-test (offscreen, temp --data-dir), demo, child list, check, export,
# summary PDF (with embedded fonts: without fontconfig and fonts Qt writes a PDF with no text).
# CARETRACK_SKIP_SUMMARY=1 skips the summary check (while the renderer is unfinished).
# POSIX sh on purpose: it also runs inside a bare Debian chroot. Exit status = number of failures.
set -u
BIN=${1:?usage: check-bundle.sh BIN}
export QT_QPA_PLATFORM=offscreen
export LANG=${LANG:-C.UTF-8}
D=$(mktemp -d /tmp/caretrack-check.XXXXXX)
fails=0

now() { t=$(date +%s.%N); case $t in *N) date +%s ;; *) echo "$t" ;; esac; }  # BSD date: no %N
step() {  # step NAME CMD...: run, print status and wall time
    name=$1; shift
    t0=$(now)
    if out=$("$@" 2>&1); then rc=0; else rc=$?; fi
    t1=$(now)
    secs=$(awk "BEGIN{printf \"%.2f\", $t1-$t0}")
    if [ "$rc" -eq 0 ]; then
        echo "PASS  $name  (${secs} s)"
    else
        echo "FAIL  $name  (rc $rc, ${secs} s)"; fails=$((fails + 1))
    fi
    [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/      | /' | head -n 20
    return 0
}

step "--version" "$BIN" --version
step "--smoke-test (new data folder)" "$BIN" --data-dir "$D/smoke" --smoke-test
step "--smoke-test (same folder again)" "$BIN" --data-dir "$D/smoke" --smoke-test
step "demo" "$BIN" --data-dir "$D/demo" demo
step "child list" "$BIN" --data-dir "$D/demo" child list
step "check (integrity report)" "$BIN" --data-dir "$D/demo" check
step "export --format json" "$BIN" --data-dir "$D/demo" export --format json --out "$D/export.json"
if [ "${CARETRACK_SKIP_SUMMARY:-0}" = 1 ]; then
    echo "SKIP  summary --child Maya (CARETRACK_SKIP_SUMMARY=1)"
else
    step "summary --child Maya --out x.pdf" "$BIN" --data-dir "$D/demo" summary --child Maya --out "$D/x.pdf"
    if [ -s "$D/x.pdf" ]; then
        size=$(wc -c <"$D/x.pdf")
        if head -c 5 "$D/x.pdf" | grep -q '%PDF-' && grep -aq '/FontFile' "$D/x.pdf"; then
            echo "PASS  summary PDF has embedded fonts ($size bytes)"
        else
            echo "FAIL  summary PDF has no embedded font (no fontconfig/fonts?) ($size bytes)"
            fails=$((fails + 1))
        fi
    fi
fi
# The bundle must not have written into its own folder (e.g. __pycache__ under /opt/caretrack).
dir=$(dirname "$(readlink -f "$BIN")")
if [ -n "$(find "$dir" -name __pycache__ -newer "$D" 2>/dev/null | head -n 1)" ]; then
    echo "FAIL  the bundle wrote __pycache__ into $dir"; fails=$((fails + 1))
else
    echo "PASS  nothing written into $dir"
fi
rm -rf "$D"
echo "check-bundle: $fails failure(s)"
exit "$fails"
