"""Screenshots of the real CareTrack window under Xvfb, for docs/screenshots/ and review.

    .venv/bin/python tools/screenshots.py [--data-dir DIR] [--out docs/screenshots]

It starts its own Xvfb when DISPLAY is not set (and stops it at the end), runs the window on
the xcb platform at 1100x760, fills a demo household through the services (Maya on
blinatumomab with a few weeks of check-ins, Leo on tisagenlecleucel), and grabs each screen.
The clock is fixed, so the pictures are the same on every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
SIZE = (1100, 760)
MOMENT = datetime(2026, 11, 5, 20, 5, tzinfo=ZoneInfo("America/New_York"))


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """A private X server on the first free display; None when one is already there."""
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("screenshots: Xvfb not found (apt-get install xvfb xauth)")
    for number in range(99, 140):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(
            [xvfb, f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                os.environ["DISPLAY"] = f":{number}"
                return proc
            time.sleep(0.1)
        proc.terminate()
    sys.exit("screenshots: could not start Xvfb")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="scratch folder (emptied first)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", help="comma-separated shot names to take")
    args = parser.parse_args()

    server = start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.setdefault("LANG", "C.UTF-8")
    scratch = args.data_dir or Path(tempfile.mkdtemp(prefix="caretrack-shots-"))
    try:
        return take(scratch, args.out, set(args.only.split(",")) if args.only else None)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


def take(scratch: Path, out: Path, only: set[str] | None) -> int:
    from PySide6.QtCore import QDate
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from caretrack.app import make_application
    from caretrack.catalogue import load_catalogue
    from caretrack.domain.temperature import Unit
    from caretrack.services import Services, open_services
    from caretrack.services.clock import FixedClock
    from caretrack.services.demo import make_demo_household
    from caretrack.ui.controller import AppController
    from caretrack.ui.main_window import MainWindow
    from caretrack.ui.widgets.common import Card

    shutil.rmtree(scratch, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    app: QApplication = make_application()
    catalogue = load_catalogue()
    clock = FixedClock(MOMENT)
    taken: list[Path] = []

    def new_window(services: Services) -> tuple[MainWindow, AppController]:
        window = MainWindow()
        window.resize(*SIZE)
        window.move(0, 0)
        controller = AppController(window, services)
        window.show()
        settle()
        return window, controller

    def settle() -> None:
        for _ in range(3):
            app.processEvents()
            QTest.qWait(60)

    def shot(window: MainWindow, name: str, prepare: Callable[[], object] | None = None) -> None:
        if only is not None and name not in only:
            return
        if prepare is not None:
            prepare()
        settle()
        screen = QGuiApplication.primaryScreen()
        picture = screen.grabWindow(window.winId())
        if picture.isNull() or picture.width() < 10:
            picture = window.grab()
        path = out / f"{name}.png"
        picture.save(str(path))
        path.chmod(0o644)  # opening the data folder set a private umask; docs are public
        taken.append(path)

    def shot_widget(widget: QWidget, name: str) -> None:
        if only is not None and name not in only:
            return
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        path.chmod(0o644)
        taken.append(path)

    # First run: the setup flow on an empty folder.
    empty = open_services(scratch / "setup", catalogue, clock)
    window, controller = new_window(empty)
    controller.start()
    flow = controller.setup_flow
    assert flow is not None
    shot(window, "setup-1-child", lambda: flow.name_edit.setText("Maya"))
    flow.birth_edit.setDate(QDate(2018, 5, 1))
    flow.weight_edit.setText("21.5")
    flow.go_to(1)
    shot(window, "setup-2-therapy", lambda: flow.set_therapy("blinatumomab"))
    flow.go_to(2)
    flow.start_edit.setDate(QDate(2026, 10, 16))
    shot(window, "setup-3-start")
    flow.go_to(3)
    assert flow.team_form is not None
    team = flow.team_form
    team.name_edit.setText("Riverside Children's Hospital, oncology")
    team.phone_24h_edit.setText("555-0100")
    shot(window, "setup-4-care-team")
    window.close_guard = None
    window.close()
    empty.close()

    # A household with a few weeks of check-ins.
    services = open_services(scratch / "demo", catalogue, clock)
    print(make_demo_household(services))
    maya = services.household.children()[0]
    latest = services.entries.history(maya.id)[0]
    edited = services.entries.edit(
        latest.id,
        latest.version,
        type(latest.content)(
            observed_at=latest.content.observed_at,
            logged_by=latest.content.logged_by,
            temperature=latest.content.temperature,
            symptoms=latest.content.symptoms,
            medicines=latest.content.medicines,
            note="Ate half of dinner, then a yoghurt. Sleepy but happy.",
        ),
    ).entry
    window, controller = new_window(services)
    controller.start()
    shot(window, "today")

    controller.open_checkin()
    shot(window, "checkin")

    def did_you_mean() -> None:
        assert controller.checkin is not None
        form = controller.checkin.form
        form.temperature.set_unit(Unit.F)
        form.temperature.set_text("38.5")
        form.symptoms.rows["chills"].check.setChecked(True)
        controller.checkin.save()

    shot(window, "checkin-error", did_you_mean)

    def symptoms_ticked() -> None:
        assert controller.checkin is not None
        form = controller.checkin.form
        severity = form.symptoms.rows["chills"].severity
        assert severity is not None
        severity.button("2").click()
        form.symptoms.rows["headache"].check.setChecked(True)
        settle()
        form.scroll_area.ensureWidgetVisible(form.symptoms.rows["headache"], 0, 260)

    shot(window, "checkin-symptoms", symptoms_ticked)
    controller._drop_transient()
    controller.show_history()
    shot(window, "history")

    # A new fever tonight: the alert at once, then Today with the open warning, then the log.
    def fever_tonight() -> None:
        controller.show_today()
        controller.open_checkin()
        assert controller.checkin is not None
        form = controller.checkin.form
        form.temperature.set_unit(Unit.C)
        form.temperature.set_text("38.6")
        form.note.edit.setPlainText("Feels hot, and she seems confused when she talks.")
        controller.checkin.save()

    shot(window, "alert-after-save", fever_tonight)
    alert = controller.flags.alert
    if alert is not None:
        alert.resize(760, 740)
        shot_widget(alert, "alert-window")
        alert.close()
    shot(window, "today-open-warning", controller.show_today)
    shot(window, "warnings", controller.show_flags)
    shot(window, "visit", controller.show_visit)

    def smallest_window() -> None:
        window.resize(window.minimumSize())
        controller.show_visit()

    shot(window, "visit-small", smallest_window)
    window.resize(*SIZE)
    leo = services.household.children()[1]
    shot(window, "treatment", controller.show_treatment)

    def scrolled_to(title: str) -> Callable[[], object]:
        """Scroll the Treatment page to the card whose heading ends with `title`."""

        def go() -> None:
            controller.show_treatment()
            settle()
            page = controller.treatment.page
            card = next(
                c
                for c in page.findChildren(Card)
                if c.title_label is not None and c.title_label.text().endswith(title)
            )
            top = card.mapTo(page.scroll_area.widget(), card.rect().topLeft()).y()
            page.scroll_area.verticalScrollBar().setValue(top - 10)

        return go

    shot(window, "treatment-calendar", scrolled_to(controller.tr("Treatment calendar")))
    shot(window, "treatment-medicines", scrolled_to("medicines"))
    shot(window, "treatment-reminders", scrolled_to("Maya"))

    def car_t_treatment() -> None:
        controller._remember_child(leo.id)
        controller.show_treatment()

    shot(window, "treatment-car-t", car_t_treatment)
    shot(window, "neuro-check", lambda: controller.open_neuro_check(leo.id))
    controller._drop_transient()
    controller._remember_child(maya.id)
    controller._on_entry_open_requested(edited.id)
    shot(window, "edit-versions")
    window.close_guard = None
    window.close()
    services.close()

    for path in taken:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
