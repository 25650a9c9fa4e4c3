"""Watch folders and note every file or folder that is ever readable by group or others (T20).

Two eyes: inotify (Linux, through ctypes) reports each file as it is created, changed or
renamed, and the watcher stats it at once, so even a journal that lives for a millisecond is
looked at; and a full scan of the folders every few milliseconds samples everything else.
Only owner bits are allowed: a folder 0700, a file 0600 (or less).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import stat
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path

IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE, IN_MOVED_TO, IN_CREATE = 0x2, 0x4, 0x8, 0x80, 0x100
IN_ISDIR = 0x40000000
_MASK = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE
_EVENT = struct.Struct("iIII")


@dataclass
class Watch:
    roots: list[Path]  # what is made inside these is watched (the roots themselves are not)
    exposed: dict[str, int] = field(default_factory=dict)  # path -> the first bad mode seen
    names: set[str] = field(default_factory=set)  # every file name inotify reported
    looks: int = 0  # how many times a path was stat'ed
    scans: int = 0
    inotify: bool = False

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._fd = -1
        self._watched: dict[int, Path] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watch:
        self._start_inotify()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._scan()
        if self._fd >= 0:
            os.close(self._fd)

    # ---- inotify ------------------------------------------------------------------------

    def _start_inotify(self) -> None:
        try:
            self._libc = ctypes.CDLL(None, use_errno=True)
            fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return
        if fd < 0:
            return
        self._fd = fd
        self.inotify = True
        for root in self.roots:
            self._watch_tree(root)

    def _watch_tree(self, folder: Path) -> None:
        if self._fd < 0 or not folder.is_dir():
            return
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _MASK)
        if wd >= 0:
            self._watched[wd] = folder
        with contextlib.suppress(OSError):
            for child in folder.iterdir():
                if child.is_dir() and not child.is_symlink():
                    self._watch_tree(child)

    def _read_events(self) -> None:
        try:
            data = os.read(self._fd, 65536)
        except BlockingIOError:
            return
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            raw = data[offset + _EVENT.size : offset + _EVENT.size + length]
            offset += _EVENT.size + length
            folder = self._watched.get(wd)
            name = raw.rstrip(b"\0").decode("utf-8", "replace")
            if folder is None or not name:
                continue
            path = folder / name
            self.names.add(name)
            self._look(path)
            if mask & IN_ISDIR and mask & (IN_CREATE | IN_MOVED_TO):
                self._watch_tree(path)

    # ---- looking ------------------------------------------------------------------------

    def _look(self, path: Path) -> None:
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except OSError:
            return  # already gone: a journal, a temp file
        with self._lock:
            self.looks += 1
            if mode & 0o077 and str(path) not in self.exposed:
                self.exposed[str(path)] = mode

    def _scan(self) -> None:
        for root in self.roots:
            if not root.exists():
                continue
            for folder, dirs, files in os.walk(root):  # the roots themselves are the test's
                for name in (*dirs, *files):
                    self._look(Path(folder) / name)
        self.scans += 1

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._fd >= 0:
                ready, _, _ = select.select([self._fd], [], [], 0.002)
                if ready:
                    self._read_events()
                    continue
                for root in self.roots:  # a root made after the start: watch it now
                    if root.is_dir() and root not in self._watched.values():
                        self._watch_tree(root)
            else:
                self._stop.wait(0.002)
            self._scan()
