#!/usr/bin/env bash
# Build the Linux bundle, the .deb and the .tar.gz in one go.
#
#   packaging/linux/build.sh
#
# Output (git-ignored):  packaging/build/
#   dist/caretrack/                          the PyInstaller one-folder bundle
#   caretrack_<version>_amd64.deb            dpkg-deb package: /opt/caretrack, /usr/bin/caretrack, ...
#   caretrack-<version>-linux-x86_64.tar.gz  the bundle plus .desktop and icon, for other distros
#
# Environment:
#   PYTHON=python3           interpreter for the build venv (3.11+, with a shared libpython; on
#                            Debian: python3-venv + libpython3.11). Debian's own python is used by
#                            default so the bundle carries no pyenv RUNPATH.
#   BUILD_VENV=packaging/.build-venv   where PyInstaller is installed (never the project's .venv)
#   DEB_COMPRESS=xz          dpkg-deb compressor (xz: smallest; zstd or gzip: faster)
#   CARETRACK_SKIP_SUMMARY=1 skip the `summary` PDF check (renderer unfinished)
#   SKIP_CHECKS=1            do not run the bundle checks
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-/usr/bin/python3}
BUILD_VENV=${BUILD_VENV:-$ROOT/packaging/.build-venv}
OUT=$ROOT/packaging/build
DEB_COMPRESS=${DEB_COMPRESS:-xz}
PYINSTALLER_PIN="pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9"

VERSION=$("$PYTHON" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
T_START=$(date +%s)
timer() { echo "[$(($(date +%s) - T_START)) s] $*"; }

# --- 1. build venv: PyInstaller + the app's runtime dependencies, pinned ------------------------
mapfile -t DEPS < <("$PYTHON" - <<'EOF'
import tomllib
for dep in tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]:
    print(dep)
EOF
)
STAMP="$PYINSTALLER_PIN ${DEPS[*]}"
if [[ ! -x $BUILD_VENV/bin/pyinstaller || "$(cat "$BUILD_VENV/.stamp" 2>/dev/null)" != "$STAMP" ]]; then
    timer "creating build venv $BUILD_VENV"
    rm -rf "$BUILD_VENV"
    "$PYTHON" -m venv "$BUILD_VENV"
    # shellcheck disable=SC2086
    "$BUILD_VENV/bin/pip" install --quiet --disable-pip-version-check $PYINSTALLER_PIN "${DEPS[@]}"
    echo "$STAMP" >"$BUILD_VENV/.stamp"
fi

# --- 2. PyInstaller -----------------------------------------------------------------------------
timer "pyinstaller (version $VERSION)"
t0=$(date +%s)
"$BUILD_VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" "$ROOT/packaging/caretrack.spec"
T_PYI=$(($(date +%s) - t0))
BUNDLE=$OUT/dist/caretrack
timer "bundle: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files, pyinstaller ${T_PYI} s"

if [[ ${SKIP_CHECKS:-0} != 1 ]]; then
    timer "checking the bundle"
    sh "$ROOT/packaging/check-bundle.sh" "$BUNDLE/caretrack"
fi

# --- 3. .deb ------------------------------------------------------------------------------------
PKG=$OUT/deb/caretrack_${VERSION}_${ARCH}
rm -rf "$OUT/deb"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/caretrack" "$PKG/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$PKG/opt/caretrack"
ln -s /opt/caretrack/caretrack "$PKG/usr/bin/caretrack"
install -m 644 packaging/linux/caretrack.desktop "$PKG/usr/share/applications/caretrack.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$(date -u +%Y-%m-%d)/" \
    packaging/linux/org.caretrack.CareTrack.metainfo.xml >"$PKG/usr/share/metainfo/org.caretrack.CareTrack.metainfo.xml"
install -m 644 resources/icons/caretrack.svg "$PKG/usr/share/icons/hicolor/scalable/apps/caretrack.svg"
for png in packaging/icons/hicolor/*/apps/caretrack.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    install -D -m 644 "$png" "$PKG/usr/share/icons/hicolor/$size/apps/caretrack.png"
done
install -m 644 packaging/linux/copyright "$PKG/usr/share/doc/caretrack/copyright"
# Normal permissions whatever the umask; no maintainer scripts at all, so installing, upgrading
# and removing never touch anyone's data folder (~/.local/share/CareTrack).
find "$PKG" -type d -exec chmod 755 {} +
find "$PKG/usr/share" -type f -exec chmod 644 {} +

if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$PKG/usr/share/applications/caretrack.desktop"
    timer "desktop-file-validate: ok"
else
    timer "desktop-file-validate not installed (apt-get install desktop-file-utils): not checked"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$PKG/usr/share/metainfo/org.caretrack.CareTrack.metainfo.xml"
else
    timer "appstreamcli not installed (apt-get install appstream): metainfo not checked"
fi

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
# Runtime libraries PyInstaller does not copy (libGL, libEGL, libxcb) or that need the system's
# data files (fontconfig's config, fonts, tzdata), plus the xcb set of platform.md §1.
DEPENDS="libc6 (>= 2.34), libgl1, libegl1, libglib2.0-0, libdbus-1-3, libfontconfig1, fontconfig-config,
 fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf, libfreetype6, libx11-6, libx11-xcb1,
 libxcb1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-render0, libxcb-shape0, libxcb-shm0,
 libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxcb-util1, libcups2, libssl3, tzdata"
DEPENDS=$(echo "$DEPENDS" | tr -d '\n' | tr -s ' ')
cat >"$PKG/DEBIAN/control" <<EOF
Package: caretrack
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Maintainer: CareTrack Team <dev@example.org>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: fonts-noto-color-emoji, libwayland-client0, libwayland-cursor0
Homepage: https://example.org/caretrack
Description: symptom log for children on leukemia immunotherapy
 CareTrack helps parents log temperature and symptoms at home during CAR T,
 blinatumomab, inotuzumab, rituximab or gemtuzumab treatment, says plainly
 when a warning sign means calling the care team now, and writes a
 clinic-visit summary. Everything stays in one file on the computer.
 .
 This package is a self-contained PyInstaller bundle installed in
 /opt/caretrack; the family's data lives in ~/.local/share/CareTrack and
 is never touched by installing, upgrading or removing the package.
EOF
timer "dpkg-deb (-Z$DEB_COMPRESS)"
t0=$(date +%s)
DEB=$OUT/caretrack_${VERSION}_${ARCH}.deb
dpkg-deb --build --root-owner-group -Z"$DEB_COMPRESS" "$PKG" "$DEB" >/dev/null
T_DEB=$(($(date +%s) - t0))

# --- 4. .tar.gz ---------------------------------------------------------------------------------
t0=$(date +%s)
TARDIR=caretrack-$VERSION-linux-x86_64
STAGE=$OUT/tar/$TARDIR
rm -rf "$OUT/tar"
mkdir -p "$STAGE"
cp -a "$BUNDLE/." "$STAGE/"
install -m 644 packaging/linux/caretrack.desktop "$STAGE/caretrack.desktop"
install -m 644 packaging/icons/hicolor/256x256/apps/caretrack.png "$STAGE/caretrack.png"
cat >"$STAGE/README.txt" <<EOF
CareTrack $VERSION for Linux (x86_64), a self-contained bundle.

Run:  ./caretrack            (the window)
      ./caretrack --help     (the command line)

Needs from the system (Debian/Ubuntu package names):
  $(echo "$DEPENDS" | sed 's/ (>= 2.34)//')
Your data lives in ~/.local/share/CareTrack; deleting this folder does not touch it.
EOF
TARBALL=$OUT/$TARDIR.tar.gz
tar -C "$OUT/tar" -czf "$TARBALL" "$TARDIR"
T_TAR=$(($(date +%s) - t0))

mb() { awk "BEGIN{printf \"%.1f MB\", $1/1048576}"; }
echo
echo "== CareTrack $VERSION, Linux $ARCH =="
echo "bundle (installed size)  $(mb $((INSTALLED_KB * 1024)))   ($(find "$PKG" -type f | wc -l) files)"
echo "deb ($DEB_COMPRESS)            $(mb "$(stat -c %s "$DEB")")   $DEB"
echo "tar.gz                   $(mb "$(stat -c %s "$TARBALL")")   $TARBALL"
echo "times: pyinstaller ${T_PYI} s, dpkg-deb ${T_DEB} s, tar.gz ${T_TAR} s, total $(($(date +%s) - T_START)) s"
