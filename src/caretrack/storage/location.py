"""Where the family's data lives, and whether that place is safe for a live database.

platformdirs gives the default folder; --data-dir or CARETRACK_DATA_DIR override it.

A live SQLite file must not sit where another program copies, renames or locks it behind
SQLite's back (reliability.md §2.5, T16): a network drive (its locking is not reliable) or a
folder a sync program watches (Dropbox, OneDrive, Google Drive, iCloud ...). `classify` decides
from the path and the filesystem type alone, so it is a pure function tested with a table;
`location_risk` feeds it what this machine reports.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath

APP_NAME = "CareTrack"
ENV_VAR = "CARETRACK_DATA_DIR"
ALLOW_UNSAFE_ENV = "CARETRACK_ALLOW_UNSAFE_FOLDER"  # advanced: "1" keeps the data there anyway


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then CARETRACK_DATA_DIR, then the per-user data folder."""
    if override:
        return Path(override).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


class Risk(StrEnum):
    NETWORK_PATH = "network_path"  # a Windows UNC path: \\server\share
    NETWORK_DRIVE = "network_drive"  # a network filesystem (NFS, SMB/CIFS, ...)
    SYNC_FOLDER = "sync_folder"  # inside a folder that a sync program copies


@dataclass(frozen=True)
class UnsafeLocation:
    risk: Risk
    what: str  # the share, the filesystem type or the sync service, for whoever helps

    def describe(self) -> str:
        """Plain words for the details line: 'is inside Dropbox'."""
        if self.risk is Risk.SYNC_FOLDER:
            return f"is inside {self.what}, a folder that a sync program copies"
        if self.risk is Risk.NETWORK_PATH:
            return f"is on a network share ({self.what})"
        return f"is on a network drive ({self.what})"


# Filesystem type names as /proc/self/mountinfo (Linux) or statfs f_fstypename (macOS) give
# them. SQLite's locking cannot be trusted on any of these (howtocorrupt.html §2.1).
NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "ncp", "afs", "afpfs",
        "coda", "ceph", "glusterfs", "gfs2", "ocfs2", "lustre", "gpfs", "9p", "vboxsf",
        "webdav", "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs2",
        "fuse.glusterfs", "fuse.ceph", "fuse.vmhgfs-fuse", "fuse.gvfsd-fuse", "fuse.smbnetfs",
        "remote",  # what location_risk says for a Windows network drive letter
    }
)  # fmt: skip

# statfs(2) f_type magic numbers for the same families (linux/magic.h and the filesystems').
NETWORK_FS_MAGIC: dict[int, str] = {
    0x6969: "nfs",
    0x517B: "smb",
    0xFF534D42: "cifs",
    0xFE534D42: "smb2",
    0x564C: "ncp",
    0x5346414F: "afs",
    0x6B414653: "afs",
    0x73757245: "coda",
    0x00C36400: "ceph",
    0x01161970: "gfs2",
    0x7461636F: "ocfs2",
    0x0BD00BD0: "lustre",
    0x47504653: "gpfs",
    0x01021997: "9p",
    0x786F4256: "vboxsf",
}

# Folder names that sync programs create, compared without case. A name that ends in "*" also
# matches longer names ("Dropbox (Team)", "OneDrive - Contoso").
_SYNC_NAMES: tuple[tuple[str, str], ...] = (
    ("dropbox", "Dropbox"),
    ("dropbox (*", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("onedrive - *", "OneDrive"),
    ("skydrive", "OneDrive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("mobile documents", "iCloud Drive"),
    ("icloud drive", "iCloud Drive"),
    ("iclouddrive", "iCloud Drive"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
)
# macOS keeps every File Provider sync folder in ~/Library/CloudStorage/<Provider>-<account>.
_CLOUD_STORAGE_NAMES: tuple[tuple[str, str], ...] = (
    ("dropbox", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("googledrive", "Google Drive"),
)


def _parts(path: str) -> list[str]:
    return [p for p in re.split(r"[\\/]+", path) if p]


def unc_share(path: str) -> str | None:
    r"""'\\server\share' for a UNC path (also \\?\UNC\server\share); None otherwise."""
    if not re.match(r"^[\\/]{2}[^\\/]", path):
        return None
    parts = _parts(path)
    if parts[0] in ("?", "."):  # \\?\C:\... is local; \\?\UNC\server\share is not
        if len(parts) < 3 or parts[1].upper() != "UNC":
            return None
        parts = parts[2:]
    return "\\\\" + "\\".join(parts[:2])


def sync_service(path: str) -> str | None:
    """The sync program whose folder holds `path` ('Dropbox'), or None."""
    parts = [p.casefold() for p in _parts(path)]
    for i, part in enumerate(parts):
        if part == "cloudstorage" and i > 0 and parts[i - 1] == "library":
            provider = _parts(path)[i + 1] if i + 1 < len(parts) else "a cloud drive"
            known = (n for p, n in _CLOUD_STORAGE_NAMES if provider.casefold().startswith(p))
            return next(known, provider)
        name = next((n for p, n in _SYNC_NAMES if _matches(part, p)), None)
        if name is not None:
            return name
    return None


def _matches(part: str, pattern: str) -> bool:
    return part.startswith(pattern[:-1]) if pattern.endswith("*") else part == pattern


def fs_type_name(fs_type: str | int | None) -> str | None:
    """A filesystem type as a lower-case name; statfs magic numbers are looked up."""
    if fs_type is None:
        return None
    if isinstance(fs_type, int):
        return NETWORK_FS_MAGIC.get(fs_type & 0xFFFFFFFF, f"0x{fs_type:x}")
    return fs_type.strip().lower() or None


def classify(path: str | PurePath, fs_type: str | int | None = None) -> UnsafeLocation | None:
    """Why `path` is no place for the live database, or None when it is fine.

    `fs_type` is what the system reports for the filesystem holding it: a name ("nfs4",
    "fuse.sshfs", "ext4") or a statfs f_type magic number. Pure: no disk access.
    """
    text = os.fspath(path)
    share = unc_share(text)
    if share is not None:
        return UnsafeLocation(Risk.NETWORK_PATH, share)
    name = fs_type_name(fs_type)
    if name is not None and name in NETWORK_FS_TYPES:
        return UnsafeLocation(Risk.NETWORK_DRIVE, name)
    service = sync_service(text)
    if service is not None:
        return UnsafeLocation(Risk.SYNC_FOLDER, service)
    return None


# ---------------------------------------------------------------------------------------------
# What this machine says about a folder.


def _unescape_mount(text: str) -> str:
    r"""mountinfo writes space, tab, newline and backslash as \040, \011, \012, \134."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def mount_fs_type(mountinfo: str, path: str) -> str | None:
    """The filesystem type of the mount holding absolute `path`, from /proc/self/mountinfo.

    The longest mount point that contains the path wins; of equal ones, the later (the mount
    on top). Pure, so it is tested on sample text.
    """
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or not tail:
            continue
        point = _unescape_mount(fields[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), tail[0])
    return None if best is None else best[1]


def _statfs_magic(path: str) -> int | None:
    """f_type from statfs(2) (Linux), the first field of struct statfs; None if unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        buffer = ctypes.create_string_buffer(512)  # larger than struct statfs on every ABI
        if libc.statfs(os.fsencode(path), buffer) != 0:
            return None
    except (OSError, AttributeError):
        return None
    return ctypes.c_long.from_buffer(buffer).value


def _windows_drive_type(path: str) -> str | None:
    if sys.platform != "win32":
        return None
    drive = os.path.splitdrive(path)[0]
    if not drive:
        return None
    drive_remote = 4
    kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
    return "remote" if kind == drive_remote else None


def filesystem_type(folder: Path) -> str | int | None:
    """What the system reports for the filesystem that holds (or will hold) `folder`."""
    real = os.path.realpath(folder)
    existing = Path(real)
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if sys.platform == "win32":
        return _windows_drive_type(str(existing))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
            found = mount_fs_type(text, str(existing))
            if found is not None:
                return found
        return _statfs_magic(str(existing))
    return None  # macOS and others: the path checks still apply


def location_risk(folder: Path) -> UnsafeLocation | None:
    """The folder as given, then as resolved (a link into Dropbox counts) with its filesystem."""
    return classify(str(folder)) or classify(os.path.realpath(folder), filesystem_type(folder))


def unsafe_allowed() -> bool:
    """The advanced override: CARETRACK_ALLOW_UNSAFE_FOLDER=1 keeps the data where it is."""
    return os.environ.get(ALLOW_UNSAFE_ENV, "").strip().lower() in ("1", "yes", "true")
