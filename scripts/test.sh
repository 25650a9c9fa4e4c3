#!/usr/bin/env bash
# Set everything up (Qt + Xvfb packages, .venv, editable install with test extras)
# and run every check, stopping at the first failure:
#   ruff check, ruff format --check, mypy, lint-imports,
#   pytest -m "not xcb" (offscreen), pytest -m xcb (real X server via xvfb-run).
# Extra arguments go to both pytest runs, e.g. ./scripts/test.sh -x -k schedule
set -euo pipefail

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
bash "$root/scripts/setup.sh" test
cd -- "$root"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export LANG="${LANG:-C.UTF-8}"

step() { # step NAME CMD... : run CMD, stop the whole run if it fails
    local name="$1" rc=0
    shift
    printf '\n==> %s\n' "$name"
    "$@" || rc=$?
    if ((rc != 0)); then
        printf '\nFAILED: %s (exit %d)\n' "$name" "$rc" >&2
        exit "$rc"
    fi
}

step "ruff check" .venv/bin/ruff check .
step "ruff format --check" .venv/bin/ruff format --check .
step "mypy" .venv/bin/mypy
step "lint-imports" .venv/bin/lint-imports --no-cache

# pytest exits 5 when it collects no tests. That is a failure for the main run;
# for the xcb run (which may select nothing) it is fine. With extra arguments
# (a file, -k ...) one of the two runs may legitimately select nothing, so then
# only "both selected nothing" is a failure.
reports="$(mktemp -d "${TMPDIR:-/tmp}/caretrack-test.XXXXXX")"
trap 'rm -rf -- "$reports"' EXIT

main_rc=0
printf '\n==> pytest -m "not xcb" (QT_QPA_PLATFORM=%s)\n' "$QT_QPA_PLATFORM"
.venv/bin/python -m pytest --junitxml="$reports/main.xml" -m "not xcb" "$@" || main_rc=$?
if ((main_rc == 5 && $# == 0)); then
    printf '\nFAILED: pytest -m "not xcb" collected no tests (exit 5)\n' >&2
    exit 5
elif ((main_rc != 0 && main_rc != 5)); then
    printf '\nFAILED: pytest -m "not xcb" (exit %d)\n' "$main_rc" >&2
    exit "$main_rc"
fi

if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "FAILED: xvfb-run not found; install Xvfb (Debian/Ubuntu: xvfb xauth) for the xcb tests" >&2
    exit 1
fi
xcb_rc=0
printf '\n==> pytest -m xcb (xvfb-run, QT_QPA_PLATFORM=xcb)\n'
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    env QT_QPA_PLATFORM=xcb \
    .venv/bin/python -m pytest --junitxml="$reports/xcb.xml" -m xcb "$@" || xcb_rc=$?
if ((xcb_rc == 5)); then
    if ((main_rc == 5)); then
        printf '\nFAILED: pytest collected no tests at all\n' >&2
        exit 5
    fi
    echo "(no xcb tests selected: fine)"
elif ((xcb_rc != 0)); then
    printf '\nFAILED: pytest -m xcb (exit %d)\n' "$xcb_rc" >&2
    exit "$xcb_rc"
fi

# One closing line for both pytest runs together (the xcb run alone may show 0 tests).
printf '\nAll checks passed.\n'
.venv/bin/python - "$reports"/*.xml <<'EOF' || true
import sys
import xml.etree.ElementTree as ET

total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
parsed = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        continue
    parsed += 1
    for suite in root.iter("testsuite"):
        for key in total:
            total[key] += int(suite.get(key, 0))
passed = total["tests"] - total["failures"] - total["errors"] - total["skipped"]
failed = total["failures"] + total["errors"]
if parsed:
    print(f"tests: {passed} passed, {failed} failed, {total['skipped']} skipped")
EOF
