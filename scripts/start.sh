#!/usr/bin/env bash
# Set everything up (Qt runtime packages, .venv, editable install) and start CareTrack.
# Extra arguments go to `caretrack`, e.g. ./scripts/start.sh --help
set -euo pipefail

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
bash "$root/scripts/setup.sh" start

# `caretrack` with no arguments (other than --data-dir DIR) opens the window; anything
# else (a subcommand, --help, --version, --smoke-test) runs headless. Without a desktop
# session the window would make Qt abort with a misleading "xcb-cursor0 is needed"
# message, so say it plainly instead. Setting QT_QPA_PLATFORM skips this check.
opens_window=1
expect_dir=0
for arg in "$@"; do
    if ((expect_dir)); then
        expect_dir=0
        continue
    fi
    case "$arg" in
        --data-dir) expect_dir=1 ;;
        --data-dir=*) ;;
        *) opens_window=0 ;;
    esac
done
if ((opens_window)) && [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" \
    && -z "${QT_QPA_PLATFORM:-}" ]]; then
    cat >&2 <<'MSG'

CareTrack is a desktop application and needs a graphical session, but neither
DISPLAY nor WAYLAND_DISPLAY is set (for example over plain SSH or on a server).
Run ./scripts/start.sh from a terminal inside your desktop session, or use
`ssh -X`. The headless commands work anywhere: ./scripts/start.sh --help
MSG
    exit 1
fi

exec "$root/.venv/bin/caretrack" "$@"
