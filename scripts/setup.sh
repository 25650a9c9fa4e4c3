#!/usr/bin/env bash
# CareTrack bootstrap, shared by scripts/start.sh and scripts/test.sh.
#
#   scripts/setup.sh start   Qt runtime packages + .venv with `pip install -e .`
#   scripts/setup.sh test    the above + Xvfb/poppler/strace + `pip install -e '.[test]'`
#
# Steps (one status line each, on stderr; details only when something fails):
#   1. system packages: check the Debian packages Qt needs with dpkg-query. Missing
#      ones are installed with apt-get when running as root; otherwise the exact
#      `sudo apt-get install ...` line is printed and the script exits 1. Without
#      dpkg-query (not Debian/Ubuntu) the check is skipped with a note.
#   2. python: find Python >= 3.11 (python3.11, then python3, python3.12, ...),
#      unless .venv already has a working one.
#   3. virtualenv: create .venv with that Python if it is missing. An unusable
#      .venv is reported (with the rm -rf line), never deleted automatically.
#   4. python packages: `pip install` the project in editable mode; skipped when
#      pyproject.toml, the mode and the Python are unchanged since the last
#      successful install (.venv/.caretrack-installed keeps a hash of them), so a
#      second start is instant. A `test` install also satisfies `start`.
#
# Environment:
#   CARETRACK_PYTHON=/path/to/python  use this interpreter to create .venv
#   CARETRACK_SKIP_APT=1              skip the system-package check (step 1)
#   CARETRACK_SETUP_EUID=N            act as if the effective uid were N (to try
#                                     the non-root path as root; default: id -u)
#
# Run it (start.sh and test.sh do) or source it; it works from any directory.
set -euo pipefail

_ct_setup_main() {
    local mode="${1:-start}"
    case "$mode" in
        start | test) ;;
        *)
            echo "usage: scripts/setup.sh [start|test]" >&2
            return 2
            ;;
    esac

    local root
    root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
    cd -- "$root"

    local venv="$root/.venv"
    local marker="$venv/.caretrack-installed"

    say() { printf 'setup: %s\n' "$*" >&2; }
    die() { # die SUMMARY [DETAIL-LINE...]
        printf '\nsetup: ERROR: %s\n' "$1" >&2
        shift
        local line
        for line in "$@"; do
            if [[ -n "$line" ]]; then printf '  %s\n' "$line" >&2; else echo >&2; fi
        done
        exit 1
    }
    python_ok() { # python_ok CMD: CMD runs and is Python >= 3.11
        "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
    }
    python_desc() { # python_desc CMD: "/real/path/python 3.11.7"
        "$1" -c 'import platform, sys; print(sys.executable, platform.python_version())'
    }
    find_python() {
        local cand
        if [[ -n "${CARETRACK_PYTHON:-}" ]]; then
            python_ok "$CARETRACK_PYTHON" || return 1
            command -v -- "$CARETRACK_PYTHON" || printf '%s\n' "$CARETRACK_PYTHON"
            return 0
        fi
        for cand in python3.11 python3 python3.12 python3.13 python3.14; do
            if command -v "$cand" >/dev/null 2>&1 && python_ok "$cand"; then
                command -v "$cand"
                return 0
            fi
        done
        return 1
    }

    # Qt runtime for the offscreen platform and for a real window (xcb), plus a font.
    local -a pkgs=(
        libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6
        libdbus-1-3 fonts-dejavu-core fonts-noto-color-emoji
        libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1
        libxcb-shape0 libxcb-xkb1 libxcb-image0 libxcb-render-util0
    )
    if [[ "$mode" == test ]]; then
        pkgs+=(xvfb xauth poppler-utils strace)
    fi

    # Is there a usable .venv already? Otherwise we need a Python to create one.
    # An unusable one is never deleted automatically: it may belong to someone else.
    local venv_ok=0 venv_broken=0 py=""
    if python_ok "$venv/bin/python"; then
        venv_ok=1
    elif [[ -e "$venv" || -L "$venv" ]]; then
        venv_broken=1 # reported after the package check
    else
        py="$(find_python)" || py=""
        if [[ -z "$py" && -n "${CARETRACK_PYTHON:-}" ]]; then
            die "CARETRACK_PYTHON=$CARETRACK_PYTHON is not a working Python 3.11 or newer"
        fi
    fi

    # ---------------------------------------------------------- 1. system packages
    local euid="${CARETRACK_SETUP_EUID:-$(id -u)}"
    if [[ "${CARETRACK_SKIP_APT:-0}" == 1 ]]; then
        say "system packages: check skipped (CARETRACK_SKIP_APT=1)"
    elif ! command -v dpkg-query >/dev/null 2>&1; then
        say "system packages: no dpkg-query (not Debian/Ubuntu), check skipped;" \
            "install the Qt libraries listed in docs/setup.md yourself"
    else
        # Names of installed packages plus what they Provide (Ubuntu 24.04's
        # libglib2.0-0t64 provides libglib2.0-0, for example).
        local have
        have="$(dpkg-query -W -f='${Status}\t${Package}\t${Provides}\n' 2>/dev/null \
            | awk -F'\t' '$1 ~ / installed$/ {
                    print $2
                    n = split($3, p, /, */)
                    for (i = 1; i <= n; i++) { sub(/ .*/, "", p[i]); if (p[i] != "") print p[i] }
                }' | sort -u)"
        local -a missing=()
        local p
        for p in "${pkgs[@]}"; do
            grep -qxF -- "$p" <<<"$have" || missing+=("$p")
        done
        if ((!venv_ok && !venv_broken)); then
            if [[ -z "$py" ]]; then
                missing+=(python3 python3-venv)
            elif [[ "$py" == /usr/bin/* ]] && ! "$py" -c 'import ensurepip' >/dev/null 2>&1; then
                missing+=(python3-venv) # Debian's python3 keeps ensurepip in python3-venv
            fi
        fi

        if ((${#missing[@]} == 0)); then
            say "system packages: all ${#pkgs[@]} present"
        elif [[ "$euid" != 0 ]]; then
            die "missing Debian packages: ${missing[*]}" \
                "Install them (needs root), then run this again:" \
                "" \
                "    sudo apt-get update" \
                "    sudo apt-get install -y --no-install-recommends ${missing[*]}" \
                "" \
                "(CARETRACK_SKIP_APT=1 skips this check.)"
        else
            say "system packages: apt-get install ${missing[*]}"
            local aptlog
            aptlog="$(mktemp "${TMPDIR:-/tmp}/caretrack-apt.XXXXXX")"
            if ! {
                DEBIAN_FRONTEND=noninteractive apt-get update \
                    && DEBIAN_FRONTEND=noninteractive apt-get install -y \
                        --no-install-recommends "${missing[@]}"
            } </dev/null >"$aptlog" 2>&1; then
                tail -n 25 "$aptlog" >&2
                die "apt-get failed (full log: $aptlog)" \
                    "command: apt-get install -y --no-install-recommends ${missing[*]}"
            fi
            rm -f -- "$aptlog"
            if ((!venv_ok && !venv_broken)) && [[ -z "$py" ]]; then
                py="$(find_python)" || py=""
            fi
        fi
    fi

    # ------------------------------------------------------------------ 2. python
    if ((venv_broken)); then
        die "$venv exists, but its Python does not run or is older than 3.11" \
            "(its interpreter was moved or removed, or it belongs to another user)." \
            "Remove it and run this again; it will be recreated:" \
            "    rm -rf '$venv'"
    elif ((venv_ok)); then
        say "python: $(python_desc "$venv/bin/python") (from .venv)"
    elif [[ -n "$py" ]]; then
        say "python: $(python_desc "$py")"
    else
        die "CareTrack needs Python 3.11 or newer; none found (tried python3.11, python3)." \
            "Debian 12 / Ubuntu 24.04:  sudo apt-get install python3 python3-venv" \
            "older Ubuntu:              sudo apt-get install python3.11 python3.11-venv" \
            "or set CARETRACK_PYTHON=/path/to/python3.11"
    fi

    # -------------------------------------------------------------- 3. virtualenv
    if ((venv_ok)); then
        say "virtualenv: .venv exists"
    else
        local venvlog
        venvlog="$(mktemp "${TMPDIR:-/tmp}/caretrack-venv.XXXXXX")"
        if ! "$py" -m venv "$venv" </dev/null >"$venvlog" 2>&1; then
            cat -- "$venvlog" >&2
            rm -rf -- "$venv" "$venvlog" # only ever the half-made one from this run
            die "could not create .venv with $py" \
                "On Debian/Ubuntu the venv module is a separate package:" \
                "    sudo apt-get install python3-venv   (or python3.11-venv)"
        fi
        rm -f -- "$venvlog"
        say "virtualenv: created .venv"
    fi

    # --------------------------------------------------------- 4. python packages
    pip_spec() { # pip_spec MODE: the pip install arguments, one per line
        if [[ "$1" == test ]]; then
            printf '%s\n' -e '.[test]'
            # lint-imports comes from import-linter; add it until the test extra lists it.
            grep -Eqi '"import[-_]linter' pyproject.toml || printf '%s\n' 'import-linter>=2.1'
        else
            printf '%s\n' -e .
        fi
    }
    install_hash() { # install_hash MODE: hash of pyproject.toml + pip arguments + Python
        pip_spec "$1" | "$venv/bin/python" -c '
import hashlib, sys
h = hashlib.sha256(open("pyproject.toml", "rb").read())
h.update((sys.stdin.read() + sys.version).encode())
print(h.hexdigest())'
    }
    local -a spec
    mapfile -t spec < <(pip_spec "$mode")
    local want have_marker="" up_to_date=0
    want="$(install_hash "$mode")"
    if [[ -f "$marker" ]]; then
        have_marker="$(<"$marker")"
    fi
    if [[ -x "$venv/bin/caretrack" ]]; then
        if [[ "$have_marker" == "$want $mode" ]]; then
            up_to_date=1
        elif [[ "$mode" == start && "$have_marker" == "$(install_hash test) test" ]]; then
            up_to_date=1 # a test install is a superset of a start install
        fi
    fi

    if ((up_to_date)); then
        say "python packages: up to date ($mode)"
    else
        say "python packages: pip install ${spec[*]} (the first time takes a minute)"
        rm -f -- "$marker"
        local piplog
        piplog="$(mktemp "${TMPDIR:-/tmp}/caretrack-pip.XXXXXX")"
        if ! PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install \
            "${spec[@]}" </dev/null >"$piplog" 2>&1; then
            tail -n 40 "$piplog" >&2
            die "pip install ${spec[*]} failed (full log: $piplog)"
        fi
        rm -f -- "$piplog"
        printf '%s %s\n' "$want" "$mode" >"$marker"
    fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    _ct_setup_main "$@"
else
    # Sourced: run in a subshell so the caller's directory and helper names stay untouched.
    (_ct_setup_main "$@")
fi
