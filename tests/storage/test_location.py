"""Unsafe data folders (reliability.md §2.5, T16): network drives and sync folders are named
for what they are, and the live database is not kept there unless the override is set."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from caretrack.catalogue import load_catalogue
from caretrack.services import open_services
from caretrack.services.backups import restore_backup
from caretrack.storage.database import DB_FILENAME, DatabaseOpenError, OpenProblem, open_database
from caretrack.storage.location import (
    ALLOW_UNSAFE_ENV,
    NETWORK_FS_MAGIC,
    Risk,
    UnsafeLocation,
    _statfs_magic,
    classify,
    filesystem_type,
    location_risk,
    mount_fs_type,
)

NET = Risk.NETWORK_DRIVE
SYNC = Risk.SYNC_FOLDER
UNC = Risk.NETWORK_PATH

# (path, filesystem type as the system reports it, expected risk and what)
CASES: list[tuple[str, str | int | None, tuple[Risk, str] | None]] = [
    # Windows network paths, whatever the filesystem says
    (r"\\server\share\CareTrack", None, (UNC, r"\\server\share")),
    (r"\\nas.local\family\Documents\CareTrack", "ntfs", (UNC, r"\\nas.local\family")),
    ("//server/share/CareTrack", None, (UNC, r"\\server\share")),
    (r"\\?\UNC\server\share\CareTrack", None, (UNC, r"\\server\share")),
    (r"\\?\C:\Users\ana\AppData\Local\CareTrack", None, None),  # long-path prefix: local
    (r"C:\Users\ana\AppData\Local\CareTrack", None, None),
    (r"Z:\CareTrack", "remote", (NET, "remote")),  # a mapped network drive letter
    # network filesystems by name (/proc/self/mountinfo, statfs f_fstypename on macOS)
    ("/home/ana/.local/share/CareTrack", "nfs", (NET, "nfs")),
    ("/home/ana/.local/share/CareTrack", "nfs4", (NET, "nfs4")),
    ("/mnt/nas/CareTrack", "cifs", (NET, "cifs")),
    ("/mnt/nas/CareTrack", "smb3", (NET, "smb3")),
    ("/Volumes/family/CareTrack", "smbfs", (NET, "smbfs")),
    ("/Volumes/family/CareTrack", "afpfs", (NET, "afpfs")),
    ("/home/ana/remote/CareTrack", "fuse.sshfs", (NET, "fuse.sshfs")),
    ("/home/ana/gdrive/CareTrack", "fuse.rclone", (NET, "fuse.rclone")),
    ("/media/sf_shared/CareTrack", "vboxsf", (NET, "vboxsf")),
    ("/mnt/c/Users/ana/CareTrack", "9p", (NET, "9p")),
    ("/home/ana/.local/share/CareTrack", "NFS4", (NET, "nfs4")),  # any case
    # network filesystems by statfs(2) f_type magic number
    ("/home/ana/.local/share/CareTrack", 0x6969, (NET, "nfs")),
    ("/mnt/nas/CareTrack", 0xFF534D42, (NET, "cifs")),
    ("/mnt/nas/CareTrack", 0xFE534D42, (NET, "smb2")),
    ("/mnt/nas/CareTrack", 0x517B, (NET, "smb")),
    ("/afs/example.org/ana/CareTrack", 0x6B414653, (NET, "afs")),
    ("/mnt/cephfs/CareTrack", 0x00C36400, (NET, "ceph")),
    # local filesystems
    ("/home/ana/.local/share/CareTrack", "ext4", None),
    ("/home/ana/.local/share/CareTrack", "btrfs", None),
    ("/home/ana/.local/share/CareTrack", 0xEF53, None),  # ext4's magic
    ("/home/ana/.local/share/CareTrack", "tmpfs", None),
    ("/Users/ana/Library/Application Support/CareTrack", "apfs", None),
    ("/home/ana/.local/share/CareTrack", "fuse", None),  # plain FUSE says nothing either way
    ("/home/ana/.local/share/CareTrack", None, None),
    # sync folders, on every system
    ("/home/ana/Dropbox/CareTrack", "ext4", (SYNC, "Dropbox")),
    ("/home/ana/dropbox/CareTrack", None, (SYNC, "Dropbox")),
    (r"C:\Users\ana\Dropbox (Personal)\CareTrack", None, (SYNC, "Dropbox")),
    (r"C:\Users\ana\Dropbox (Contoso Ltd)\CareTrack", None, (SYNC, "Dropbox")),
    (r"C:\Users\ana\OneDrive\Documents\CareTrack", "ntfs", (SYNC, "OneDrive")),
    (r"C:\Users\ana\OneDrive - Contoso\CareTrack", None, (SYNC, "OneDrive")),
    ("/Users/ana/Library/CloudStorage/OneDrive-Personal/CareTrack", None, (SYNC, "OneDrive")),
    ("/Users/ana/Library/CloudStorage/Dropbox/CareTrack", None, (SYNC, "Dropbox")),
    (
        "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/CareTrack",
        None,
        (SYNC, "Google Drive"),
    ),
    ("/Users/ana/Library/CloudStorage/Box-Box/CareTrack", None, (SYNC, "Box-Box")),
    (r"G:\My Drive\CareTrack", None, (SYNC, "Google Drive")),
    (r"C:\Users\ana\Google Drive\CareTrack", None, (SYNC, "Google Drive")),
    (
        "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/CareTrack",
        "apfs",
        (SYNC, "iCloud Drive"),
    ),
    (r"C:\Users\ana\iCloudDrive\CareTrack", None, (SYNC, "iCloud Drive")),
    ("/home/ana/Nextcloud/CareTrack", None, (SYNC, "Nextcloud")),
    # names that only look alike are not sync folders
    ("/home/ana/dropbox-notes/CareTrack", None, None),
    ("/home/ana/my-dropbox-backup/CareTrack", None, None),
    ("/home/ana/Documents/OneDriveNotes/CareTrack", None, None),
    ("/home/ana/drive/CareTrack", None, None),
    ("/home/ana/Library/CareTrack", None, None),
    ("/srv/test_dropbox_folder0/data", None, None),
]


@pytest.mark.parametrize(("path", "fs_type", "expected"), CASES)
def test_each_candidate_is_classified(
    path: str, fs_type: str | int | None, expected: tuple[Risk, str] | None
) -> None:
    found = classify(path, fs_type)
    assert (None if found is None else (found.risk, found.what)) == expected


def test_every_known_network_magic_is_unsafe() -> None:
    for magic, name in NETWORK_FS_MAGIC.items():
        assert classify("/data/CareTrack", magic) == UnsafeLocation(NET, name)


@pytest.mark.parametrize(
    ("path", "fs_type", "words"),
    [
        ("/home/ana/Dropbox/x", None, "is inside Dropbox, a folder that a sync program copies"),
        ("/x", "nfs4", "is on a network drive (nfs4)"),
        (r"\\s\d\x", None, r"is on a network share (\\s\d)"),
    ],
)
def test_the_details_say_where_in_plain_words(path: str, fs_type: str | None, words: str) -> None:
    found = classify(path, fs_type)
    assert found is not None and found.describe() == words


MOUNTINFO = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
40 27 0:40 / /home rw,relatime shared:5 - ext4 /dev/vdb rw
41 40 0:41 / /home/ana/nas rw,relatime shared:7 - nfs4 server:/export rw,vers=4.2
42 40 0:42 / /home/ana/My\040Share rw - cifs //server/share rw
43 41 0:43 / /home/ana/nas/local rw - tmpfs tmpfs rw
44 40 0:44 / /home/ana/ssh rw,nosuid - fuse.sshfs ana@host:/ rw
45 40 0:45 / /home/ana/nas2 rw - ext4 /dev/vdc rw
46 40 0:46 / /home/ana/nas2 rw - nfs server:/other rw
"""


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/", "ext4"),
        ("/etc/passwd", "ext4"),
        ("/home/ana/.local/share/CareTrack", "ext4"),
        ("/home/ana/nas", "nfs4"),
        ("/home/ana/nas/CareTrack", "nfs4"),
        ("/home/ana/nasty/CareTrack", "ext4"),  # a longer name is not inside /home/ana/nas
        ("/home/ana/nas/local/CareTrack", "tmpfs"),  # the innermost mount wins
        ("/home/ana/My Share/CareTrack", "cifs"),  # \040 is a space
        ("/home/ana/ssh/CareTrack", "fuse.sshfs"),
        ("/home/ana/nas2/CareTrack", "nfs"),  # mounted over: the later mount wins
    ],
)
def test_the_mount_table_names_the_filesystem(path: str, fs_type: str) -> None:
    assert mount_fs_type(MOUNTINFO, path) == fs_type


def test_a_broken_mount_table_names_nothing() -> None:
    assert mount_fs_type("garbage\n\n1 2 3\n", "/home") is None


@pytest.mark.skipif(not Path("/proc/self/mountinfo").exists(), reason="Linux only")
def test_this_machine_reports_its_real_filesystem(tmp_path: Path) -> None:
    """The folder the tests use is local, and statfs agrees with the mount table about it."""
    reported = filesystem_type(tmp_path / "not" / "made" / "yet")
    assert isinstance(reported, str) and reported
    assert location_risk(tmp_path) is None
    magic = _statfs_magic(str(tmp_path))
    assert magic is not None and magic != 0
    assert (classify(str(tmp_path), magic) is None) == (classify(str(tmp_path), reported) is None)


def test_a_link_into_a_sync_folder_counts(tmp_path: Path) -> None:
    target = tmp_path / "Dropbox" / "CareTrack"
    target.mkdir(parents=True)
    link = tmp_path / "caretrack-data"
    link.symlink_to(target, target_is_directory=True)
    assert location_risk(link) == UnsafeLocation(SYNC, "Dropbox")


# ---- what opening does with it ---------------------------------------------------------------


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(ALLOW_UNSAFE_ENV, raising=False)
    return tmp_path / "OneDrive - Contoso" / "CareTrack"


def test_a_sync_folder_is_refused_before_anything_is_made(synced: Path) -> None:
    with pytest.raises(DatabaseOpenError) as err:
        open_database(synced)
    assert err.value.problem is OpenProblem.UNSAFE_LOCATION
    message = str(err.value)
    assert "is inside OneDrive" in message and ALLOW_UNSAFE_ENV in message
    assert "--data-dir" in message
    assert not synced.exists()  # not even the folder


def test_an_existing_file_in_a_sync_folder_is_left_untouched(
    synced: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW_UNSAFE_ENV, "1")
    open_database(synced).close()
    monkeypatch.delenv(ALLOW_UNSAFE_ENV)
    before = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in synced.iterdir()}
    with pytest.raises(DatabaseOpenError) as err:
        open_database(synced)
    assert err.value.problem is OpenProblem.UNSAFE_LOCATION
    assert {p.name: hashlib.sha256(p.read_bytes()).digest() for p in synced.iterdir()} == before


@pytest.mark.parametrize("value", ["1", "yes", "TRUE"])
def test_the_override_opens_it_and_remembers_why(
    synced: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(ALLOW_UNSAFE_ENV, value)
    db = open_database(synced)
    try:
        assert db.unsafe == UnsafeLocation(SYNC, "OneDrive")
        assert not db.read_only
    finally:
        db.close()
    assert (synced / DB_FILENAME).is_file()


@pytest.mark.parametrize("value", ["", "0", "no"])
def test_anything_else_is_no_override(
    synced: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(ALLOW_UNSAFE_ENV, value)
    with pytest.raises(DatabaseOpenError):
        open_database(synced)


def test_a_normal_folder_has_no_risk(tmp_path: Path) -> None:
    db = open_database(tmp_path / "data")
    try:
        assert db.unsafe is None
    finally:
        db.close()


def test_a_restore_into_a_sync_folder_is_refused_untouched(
    tmp_path: Path, synced: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    services = open_services(home, load_catalogue())
    backup = services.backups.backup_now().path
    services.close()
    with pytest.raises(DatabaseOpenError) as err:
        restore_backup(synced, backup)
    assert err.value.problem is OpenProblem.UNSAFE_LOCATION
    assert not synced.exists()
