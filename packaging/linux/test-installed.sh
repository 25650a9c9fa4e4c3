#!/bin/bash
# Install, run and purge the .deb on THIS Debian system (run as root in a throw-away system:
# the bookworm chroot made by check-deb.sh, or a debian:12 container in CI).
#
#   bash test-installed.sh /path/caretrack_<version>_amd64.deb /path/check-bundle.sh
#
# 1. apt-get install -y ./caretrack_*.deb   (Depends must pull in everything the bundle needs)
# 2. as an ordinary user 'parent': caretrack --version; check-bundle.sh (smoke test offscreen with
#    a temp --data-dir, demo, child list, check, export, summary PDF); `caretrack demo` into the
#    default data folder (~/.local/share/CareTrack) and a smoke test on ~/Documents/caretrack-data
# 3. ldd over every ELF file in /opt/caretrack: nothing unresolved
# 4. the real window on xcb under Xvfb (xvfb is installed only after steps 1-3; XCB=0 skips)
# 5. apt-get remove --purge caretrack: /opt/caretrack and /usr/bin/caretrack gone, data untouched
# Prints the time of each step and the sizes; exit status 1 on any failure.
set -uo pipefail
DEB=$(readlink -f "${1:?usage: test-installed.sh DEB CHECK_BUNDLE_SH}")
CHECK=$(readlink -f "${2:?usage: test-installed.sh DEB CHECK_BUNDLE_SH}")
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
REPORT=()
FAILS=0
now() { date +%s.%N; }
secs() { awk "BEGIN{printf \"%.1f\", $(now) - $1}"; }
note() { REPORT+=("$1"); echo "== $1"; }
fail() { REPORT+=("FAIL: $1"); echo "FAIL: $1"; FAILS=$((FAILS + 1)); }
id parent >/dev/null 2>&1 || useradd --create-home --user-group parent
as_parent() {
    setpriv --reuid=parent --regid=parent --init-groups /usr/bin/env -i PATH=/usr/bin:/bin \
        HOME=/home/parent LANG=C.UTF-8 QT_QPA_PLATFORM="${QPA:-offscreen}" "$@"
}
# Copies the user 'parent' and apt's sandbox user can read, whatever the source folder's mode.
WORK=$(mktemp -d /tmp/caretrack-test.XXXXXX)
chmod 755 "$WORK"
cp "$DEB" "$CHECK" "$WORK/" && chmod 644 "$WORK"/*
DEB=$WORK/$(basename "$DEB")
CHECK=$WORK/$(basename "$CHECK")

# --- 1. install ---------------------------------------------------------------------------------
before=$(dpkg-query -W -f '${Package}\n' | wc -l)
t=$(now)
apt-get -q update >/dev/null 2>&1 || apt-get update
if (cd "$(dirname "$DEB")" && apt-get install -y -q "./$(basename "$DEB")") >/tmp/caretrack-install.log 2>&1; then
    after=$(dpkg-query -W -f '${Package}\n' | wc -l)
    note "apt-get update + install -y ./$(basename "$DEB"): $(secs "$t") s, $((after - before - 1)) dependencies pulled in"
else
    tail -n 30 /tmp/caretrack-install.log; fail "apt-get install ./$(basename "$DEB")"; exit 1
fi
INSTALLED_KB=$(dpkg-query -W -f '${Installed-Size}' caretrack)
OPT_KB=$(du -sk /opt/caretrack | cut -f1)
[[ -x /usr/bin/caretrack ]] || fail "/usr/bin/caretrack missing"
[[ -f /usr/share/applications/caretrack.desktop ]] || fail "caretrack.desktop missing"
[[ -f /usr/share/icons/hicolor/256x256/apps/caretrack.png ]] || fail "hicolor icon missing"

# --- 2. run it as an ordinary user --------------------------------------------------------------
t=$(now)
if out=$(as_parent caretrack --version 2>&1); then note "caretrack --version -> $out ($(secs "$t") s)"
else fail "caretrack --version: $out"; fi
t=$(now)
as_parent env CARETRACK_SKIP_SUMMARY="${CARETRACK_SKIP_SUMMARY:-0}" sh "$CHECK" /usr/bin/caretrack
rc=$?
if [[ $rc = 0 ]]; then note "check-bundle.sh as user 'parent' (smoke test, demo, child list, check, export, summary): pass ($(secs "$t") s)"
else fail "check-bundle.sh: $rc failure(s)"; fi
t=$(now)
if as_parent caretrack demo >/dev/null && as_parent caretrack --smoke-test &&
    as_parent caretrack --data-dir /home/parent/Documents/caretrack-data --smoke-test; then
    note "demo + smoke test in ~/.local/share/CareTrack and ~/Documents/caretrack-data: $(secs "$t") s"
else fail "demo/smoke test in the default data folder"; fi
data_sum() {
    (cd /home/parent && find .local/share/CareTrack Documents -type f -print0 | sort -z |
        xargs -0 sha256sum | sha256sum | cut -c1-16) 2>/dev/null
}
DATA_SUM=$(data_sum)
DATA_FILES=$(find /home/parent/.local/share/CareTrack /home/parent/Documents -type f 2>/dev/null | wc -l)

# --- 3. every ELF in the bundle resolves with the bundle's folder plus what Depends installed ---
MISSING=$(cd /opt/caretrack && find . -type f \( -name '*.so*' -o -name caretrack \) | while read -r f; do
    LD_LIBRARY_PATH=/opt/caretrack/_internal ldd "$f" 2>/dev/null |
        sed -n "s|^\t\(.*\) => not found|\1 (needed by $f)|p"; done | sort -u)
if [[ -z $MISSING ]]; then note "ldd: every library in /opt/caretrack resolves"
else echo "$MISSING"; fail "ldd: unresolved libraries (above)"; fi

# --- 4. the real window on X11 ------------------------------------------------------------------
# Qt aborts at once when the xcb plugin cannot load, so a window still running after 10 s that has
# opened its data file means the xcb libraries from Depends are complete.
if [[ ${XCB:-1} = 1 ]]; then
    t=$(now)
    apt-get install -y -q --no-install-recommends xvfb xauth >/tmp/caretrack-xvfb.log 2>&1 ||
        fail "apt-get install xvfb xauth"
    out=$(QPA=xcb as_parent timeout 60 xvfb-run -a timeout 10 caretrack --data-dir /tmp/xcb-data 2>&1)
    rc=$?
    if [[ $rc = 124 && -f /tmp/xcb-data/caretrack.sqlite3 ]] && ! grep -qi "could not load the qt platform plugin" <<<"$out"; then
        note "window on xcb under Xvfb: opened its data and kept running 10 s ($(secs "$t") s incl. installing xvfb)"
    else
        echo "$out" | tail -n 15; fail "window on xcb under Xvfb (rc $rc)"
    fi
fi

# --- 5. purge -----------------------------------------------------------------------------------
t=$(now)
apt-get remove --purge -y -q caretrack >/tmp/caretrack-purge.log 2>&1 || fail "apt-get remove --purge"
note "apt-get remove --purge caretrack: $(secs "$t") s"
if [[ -e /opt/caretrack ]]; then fail "/opt/caretrack still exists: $(find /opt/caretrack | head -n 5 | tr '\n' ' ')"
else note "/opt/caretrack is gone"; fi
[[ -e /usr/bin/caretrack || -L /usr/bin/caretrack ]] && fail "/usr/bin/caretrack still exists"
if [[ -n $DATA_SUM && $(data_sum) = "$DATA_SUM" ]]; then
    note "data folders untouched by the purge ($DATA_FILES files, sha256 $DATA_SUM)"
else fail "data folders changed or missing after the purge"; fi

mb() { awk "BEGIN{printf \"%.1f MB\", $1/1048576}"; }
echo
echo "== test-installed summary ($(basename "$DEB")) =="
printf '%s\n' "${REPORT[@]}"
echo "Installed-Size (control): $(mb $((INSTALLED_KB * 1024))); /opt/caretrack on disk: $(mb $((OPT_KB * 1024))); .deb: $(mb "$(stat -c %s "$DEB")")"
echo "failures: $FAILS"
exit $((FAILS > 0))
