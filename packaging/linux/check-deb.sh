#!/usr/bin/env bash
# Check the .deb on a bare Debian 12: debootstrap bookworm (minbase) into a temp folder, then run
# test-installed.sh inside it (apt-get install ./caretrack_*.deb, smoke test and the headless
# commands as an ordinary user, ldd, the window on xcb under Xvfb, purge, data untouched).
#
#   sudo packaging/linux/check-deb.sh [packaging/build/caretrack_<version>_amd64.deb]
#
# The minbase root is cached as packaging/build/bookworm-minbase.tar.gz (FRESH=1 rebuilds it).
# Needs root, debootstrap (apt-get install debootstrap) and access to MIRROR
# (default http://deb.debian.org/debian). KEEP=1 leaves the chroot for inspection; XCB=0 skips
# the Xvfb window check; CARETRACK_SKIP_SUMMARY=1 skips the summary PDF.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/packaging/build
DEB=${1:-$(ls -t "$OUT"/caretrack_*_amd64.deb 2>/dev/null | head -n 1)}
[[ -f ${DEB:-} ]] || { echo "no .deb given and none in $OUT; run packaging/linux/build.sh" >&2; exit 2; }
DEB=$(readlink -f "$DEB")
MIRROR=${MIRROR:-http://deb.debian.org/debian}
CACHE=$OUT/bookworm-minbase.tar.gz
[[ $(id -u) = 0 ]] || { echo "run as root (debootstrap and chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "apt-get install debootstrap" >&2; exit 2; }

T0=$(date +%s.%N)
secs() { awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $1}"; }
CH=$(mktemp -d /tmp/caretrack-bookworm.XXXXXX)
cleanup() {
    for m in dev/pts dev proc sys; do umount -l "$CH/$m" 2>/dev/null || true; done
    if [[ ${KEEP:-0} = 1 ]]; then echo "chroot kept in $CH"; else rm -rf --one-file-system "$CH"; fi
}
trap cleanup EXIT

t=$(date +%s.%N)
if [[ ${FRESH:-0} = 1 || ! -s $CACHE ]]; then
    mkdir -p "$OUT"
    debootstrap --variant=minbase bookworm "$CH" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 ||
        { tail -n 20 "$OUT/debootstrap.log"; exit 1; }
    tar -C "$CH" -czf "$CACHE.tmp" . && mv "$CACHE.tmp" "$CACHE"
    STEP1="debootstrap --variant=minbase bookworm: $(secs "$t") s (cached in $CACHE)"
else
    tar -C "$CH" -xzf "$CACHE"
    STEP1="bookworm minbase unpacked from $CACHE: $(secs "$t") s"
fi
echo "== $STEP1"
chmod 755 "$CH"  # mktemp gives 700; apt's _apt user and the test user must reach /
mount -t proc proc "$CH/proc"
mount -t sysfs sys "$CH/sys"
mount --bind /dev "$CH/dev"
mount --bind /dev/pts "$CH/dev/pts"
cp -L /etc/resolv.conf "$CH/etc/resolv.conf"
echo "deb $MIRROR bookworm main" >"$CH/etc/apt/sources.list"
mkdir -p "$CH/tmp/caretrack-in"
cp "$DEB" "$ROOT/packaging/linux/test-installed.sh" "$ROOT/packaging/check-bundle.sh" "$CH/tmp/caretrack-in/"

set +e
chroot "$CH" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    XCB="${XCB:-1}" CARETRACK_SKIP_SUMMARY="${CARETRACK_SKIP_SUMMARY:-0}" \
    bash /tmp/caretrack-in/test-installed.sh "/tmp/caretrack-in/$(basename "$DEB")" /tmp/caretrack-in/check-bundle.sh
rc=$?
set -e

mb() { awk "BEGIN{printf \"%.1f MB\", $1/1048576}"; }
echo "$STEP1"
echo ".deb: $(mb "$(stat -c %s "$DEB")")"
TGZ=$(ls -t "$OUT"/caretrack-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)
[[ -n $TGZ ]] && echo ".tar.gz: $(mb "$(stat -c %s "$TGZ")")"
echo "check-deb total: $(secs "$T0") s, result: $([[ $rc = 0 ]] && echo PASS || echo FAIL)"
exit "$rc"
