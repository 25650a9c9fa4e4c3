"""The Qt binding itself must not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 takes one reference away from None on every call of a Qt method
that returns nothing; after a few thousand calls (a summary, or an hour of use) Python aborts
with "none_dealloc". pyproject.toml pins a release without the bug; this test stops an upgrade
from bringing it back.
"""

from __future__ import annotations

import subprocess
import sys


def test_void_qt_calls_leave_none_alone() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QPointF\n"
        "from PySide6.QtGui import QPainterPath\n"
        "p, path = QPointF(), QPainterPath()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(20000):\n"
        "    p.setX(1.0)\n"
        "    path.moveTo(1.0, 2.0)\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100  # 40,000 calls: a leak would show as ~40,000
