"""Start-up time: CareTrack's first paint against a bare Qt window (platform.md §2).

Runs each variant as a fresh process, round-robin so machine noise hits all alike, and prints
min and median wall time in milliseconds. Usage: .venv/bin/python benchmarks/startup.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QMainWindow, QPushButton,
                               QTableWidget, QVBoxLayout, QWidget)
app = QApplication([])
w = QMainWindow(); c = QWidget(); lay = QVBoxLayout(c)
for x in (QLabel("x"), QLineEdit(), QPushButton("ok"), QTableWidget(5, 3)):
    lay.addWidget(x)
w.setCentralWidget(c); w.show()
QTimer.singleShot(0, app.quit); app.exec()
"""

# Exactly what run_window does before the first event-loop turn, then quit at that turn.
SHELL = """
from PySide6.QtCore import QTimer
from caretrack.app import make_application
from caretrack.ui.main_window import MainWindow
app = make_application()
w = MainWindow(); w.show()
QTimer.singleShot(0, app.quit); app.exec()
"""


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # platform.md §2: in-tree code must use .pyc
    subprocess.run([sys.executable, "-m", "compileall", "-q", "src"], check=True)
    data = tempfile.mkdtemp(prefix="caretrack-bench-")
    variants = {
        "bare Qt window": [sys.executable, "-c", BARE],
        "CareTrack window (first paint)": [sys.executable, "-c", SHELL],
        "CareTrack smoke test (window + data)": [
            sys.executable, "-m", "caretrack", "--data-dir", data, "--smoke-test",
        ],
    }  # fmt: skip
    results: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, args in variants.items():
            results[name].append(timed(args, env))
    print(f"{rounds} rounds, whole-process wall time in ms")
    for name, times in results.items():
        print(f"{name:40s} min {min(times):6.0f}  median {statistics.median(times):6.0f}")


if __name__ == "__main__":
    main()
