#!/usr/bin/env bash
# Build CareTrack.app with PyInstaller and pack it into a .dmg (macOS only).
#
#   packaging/macos/build-dmg.sh
#
# Output (git-ignored): packaging/build/dist/CareTrack.app
#                       packaging/build/CareTrack-<version>-macos-<arch>.dmg
# Environment:
#   PYTHON=python3                   3.11+ (python.org or actions/setup-python)
#   BUILD_VENV=packaging/.build-venv PyInstaller's venv (never the project's .venv)
#   CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)"
#                                    sign every binary with the hardened runtime (done by
#                                    PyInstaller, see caretrack.spec) and the .dmg; unset = ad-hoc
#   NOTARY_PROFILE=caretrack-notary  a `xcrun notarytool store-credentials` profile: notarise and
#                                    staple the .dmg (needs CODESIGN_IDENTITY)
#   SKIP_CHECKS=1                    do not run the bundle checks
# See packaging/macos/README.md for the certificate and notarisation steps.
set -euo pipefail
[[ $(uname -s) = Darwin ]] || { echo "macOS only (hdiutil, codesign)" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}
BUILD_VENV=${BUILD_VENV:-$ROOT/packaging/.build-venv}
OUT=$ROOT/packaging/build
PYINSTALLER_PIN="pyinstaller==6.22.3 pyinstaller-hooks-contrib==2026.9"
VERSION=$("$PYTHON" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(uname -m)
T_START=$(date +%s)
timer() { echo "[$(($(date +%s) - T_START)) s] $*"; }

DEPS=()
while IFS= read -r dep; do DEPS+=("$dep"); done < <("$PYTHON" -c '
import tomllib
for d in tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]:
    print(d)')
STAMP="$PYINSTALLER_PIN ${DEPS[*]}"
if [[ ! -x $BUILD_VENV/bin/pyinstaller || "$(cat "$BUILD_VENV/.stamp" 2>/dev/null)" != "$STAMP" ]]; then
    timer "creating build venv $BUILD_VENV"
    rm -rf "$BUILD_VENV"
    "$PYTHON" -m venv "$BUILD_VENV"
    # shellcheck disable=SC2086
    "$BUILD_VENV/bin/pip" install --quiet --disable-pip-version-check $PYINSTALLER_PIN "${DEPS[@]}"
    echo "$STAMP" >"$BUILD_VENV/.stamp"
fi

timer "pyinstaller (version $VERSION, $ARCH)"
"$BUILD_VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" packaging/caretrack.spec
APP=$OUT/dist/CareTrack.app
timer "app: $(du -sh "$APP" | cut -f1)"

if [[ ${SKIP_CHECKS:-0} != 1 ]]; then
    sh packaging/check-bundle.sh "$APP/Contents/MacOS/CareTrack"
fi

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

# The .dmg: the app and a link to /Applications, so it installs by dragging.
STAGE=$OUT/dmg
rm -rf "$STAGE"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/CareTrack.app"
ln -s /Applications "$STAGE/Applications"
DMG=$OUT/CareTrack-$VERSION-macos-$ARCH.dmg
rm -f "$DMG"
timer "hdiutil create"
hdiutil create -volname "CareTrack $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    codesign --sign "$CODESIGN_IDENTITY" --timestamp "$DMG"
    if [[ -n ${NOTARY_PROFILE:-} ]]; then
        timer "notarising (xcrun notarytool, waits for Apple)"
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
        spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
    fi
fi

echo
echo "== CareTrack $VERSION, macOS $ARCH =="
echo "app  $(du -sh "$APP" | cut -f1)"
echo "dmg  $(du -h "$DMG" | cut -f1)   $DMG"
echo "total $(($(date +%s) - T_START)) s"
