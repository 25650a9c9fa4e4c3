"""Clinic-visit summary: building the data and rendering the PDF, for a month and for a year.

Fills a fresh data folder with two check-ins a day (temperature, symptoms, a medicine, a note,
some fever days that raise flags and get calls), then times `summaries.build` and `write_pdf`
separately and prints min and median in milliseconds, with the page count.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/summary.py [RUNS]
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from caretrack.catalogue import load_catalogue
from caretrack.domain.model import EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.reports import Period
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.ui.summary import Paper, write_pdf

ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 5, 20, 0, tzinfo=ZONE)
NOTES = (
    "Ate half of dinner, tired after school.",
    "Slept badly, woke twice. Drank well.",
    "Playing happily this afternoon.",
    "Tenía un poco de dolor de cabeza; se le pasó con descanso.",
)


def fill(services: Services, days: int) -> int:
    rng = random.Random(days)
    today = NOW.date()
    child = services.household.add_child(
        f"Child{days}", date(2018, 5, 1), Decimal("21.5"), "blinatumomab",
        today - timedelta(days=days - 1), 1,
    )  # fmt: skip
    for d in range(days):
        day = today - timedelta(days=days - 1 - d)
        fever = d % 29 == 5
        for hour, by in ((8, "Mum"), (19, "Dad")):
            at = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=ZONE)
            tenths = rng.randrange(383, 392) if fever else rng.randrange(362, 377)
            route = rng.choice([Route.ORAL, Route.AXILLARY, Route.EAR])
            content = EntryContent(
                observed_at=at,
                logged_by=by,
                temperature=Temperature(tenths, Unit.C, route),
                symptoms=(SymptomReport("chills", 2),) if fever else
                (SymptomReport("poor_appetite", 1),),
                medicines=(MedicineGiven("Ondansetron", "4 mg", at - timedelta(minutes=10)),),
                note=rng.choice(NOTES),
            )  # fmt: skip
            result = services.entries.save_new(
                child.id, str(uuid.uuid4()), content, ("unusual_temperature", "long_ago")
            )
            if fever and result.flag_ids:
                services.flags.record_call(
                    list(result.flag_ids), at + timedelta(minutes=10), by, "Nurse on call",
                    "Come in for blood tests.",
                )  # fmt: skip
    return child.id


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    app = QApplication.instance() or QApplication([])
    del app
    catalogue = load_catalogue()
    folder = Path(tempfile.mkdtemp(prefix="caretrack-bench-"))
    services = open_services(folder / "data", catalogue, FixedClock(NOW))
    print(f"{runs} runs each; times in ms (min / median)")
    print(f"{'period':>8} {'entries':>8} {'pages':>6} {'build':>16} {'render PDF':>18}")
    for days in (30, 365):
        child_id = fill(services, days)
        period = Period(NOW.date() - timedelta(days=days - 1), NOW.date())
        builds: list[float] = []
        renders: list[float] = []
        pages = 0
        entries = 0
        for run in range(runs):
            start = time.perf_counter()
            summary = services.summaries.build(child_id, period)
            builds.append((time.perf_counter() - start) * 1000)
            entries = summary.entry_count
            path = folder / f"summary-{days}-{run}.pdf"
            start = time.perf_counter()
            write_pdf(summary, catalogue, path, Paper.A4)
            renders.append((time.perf_counter() - start) * 1000)
            pages = len(PdfReader(path).pages)
        print(
            f"{days:>5} d {entries:>8} {pages:>6} "
            f"{min(builds):7.0f} / {statistics.median(builds):6.0f} "
            f"{min(renders):8.0f} / {statistics.median(renders):7.0f}"
        )
    services.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
