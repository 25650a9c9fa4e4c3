"""The printout's therapy parts: the pump, the neuro checks' writing side by side, medicines."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import Child, EntryContent, NeuroCheck, PumpEvent
from caretrack.reports import Period
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.services.demo import ALL_CONFIRMATIONS
from caretrack.ui.summary import Paper, write_pdf
from caretrack.ui.summary.document import keep_headings_with_next
from tests.conftest import NOW
from tests.ui.summary.pdf_text import all_text, contains, image_placements, split_at
from tests.ui.summary.therapy_data import ASKED, at, handwriting_png, pump_week

LOG_HEADING = "Day-by-day log"
PERIOD = Period(date(2026, 11, 1), date(2026, 11, 5))


def pdf(services: Services, child: Child, catalogue: Catalogue, out: Path,
        period: Period = PERIOD) -> Path:  # fmt: skip
    path = out / "summary.pdf"
    write_pdf(services.summaries.build(child.id, period), catalogue, path, Paper.A4)
    return path


def check(services: Services, child: Child, day: date, changed: tuple[str, ...] = (),
          unsure: tuple[str, ...] = (), png: bytes | None = None) -> None:  # fmt: skip
    services.therapy.save_neuro_check(
        child.id, f"neuro-{day}", NeuroCheck(ASKED, changed, unsure, "The sun.", png),
        at(day, 18, 30), "Mum", confirmed=ALL_CONFIRMATIONS,
    )  # fmt: skip


def test_pump_section_lists_events_and_the_stops_worked_out(
    qapp: QApplication, services: Services, catalogue: Catalogue, out: Path
) -> None:
    week = pump_week(services, date(2026, 10, 30), checks=0)  # ends today, 5 Nov
    text = all_text(pdf(services, week.child, catalogue, out, Period(week.start, week.end)))
    overview, log = split_at(text, LOG_HEADING)
    assert "3 bag changes · 2 stops" in overview
    assert "Stopped 09:10, restarted 13:20: 4 h 10 min" in overview
    # Stopped at 17:40, printed at 20:00: still running, said so, counted to the printing.
    assert "Stopped 17:40, not restarted when this was printed: 2 h 20 min so far" in overview
    assert overview.count("Bag changed (48 hours)") == 3
    assert re.search(r"\bAlarm\b", overview) and "Nurse Ana" in overview
    assert "Infusion stopped" in overview and "Infusion restarted" in overview
    assert contains(overview, "Occlusion alarm, cleared when the line was straightened")
    assert "Pump: Bag changed (48 hours)" in log and "Pump: Infusion restarted" in log


def test_a_stop_running_past_a_chosen_period_ends_with_the_period(
    qapp: QApplication, services: Services, catalogue: Catalogue, out: Path
) -> None:
    week = pump_week(services, date(2026, 10, 28), checks=0, ongoing_stop=False)
    late = at(date(2026, 11, 3), 22)
    services.therapy.log_pump_event(
        week.child.id, "late-stop", PumpEvent.STOPPED, late, "Dad", confirmed=ALL_CONFIRMATIONS
    )
    text = all_text(
        pdf(services, week.child, catalogue, out, Period(week.start, date(2026, 11, 3)))
    )
    assert "Stopped 22:00, not restarted by the end of this period: 2 h so far" in text


def test_writing_samples_sit_side_by_side_in_date_order(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    check(services, child, date(2026, 11, 4), ("writing", "balance"), ("balance",),
          handwriting_png(shaky=0.9))  # fmt: skip
    check(services, child, date(2026, 11, 3), png=handwriting_png())
    path = pdf(services, child, catalogue, out)
    overview, log = split_at(all_text(path), LOG_HEADING)
    neuro = split_at(split_at(overview, "Daily neuro checks")[1], "Temperatures")[0]
    first, second = neuro.index("Tue 3 Nov, 18:30"), neuro.index("Wed 4 Nov, 18:30")
    assert first < second
    assert "Day 3 of 28, cycle 1" in neuro and "Day 4 of 28, cycle 1" in neuro
    assert "All as usual" in neuro
    assert contains(neuro, "Different from usual: writing (not sure: balance)")
    assert "Neuro check: All as usual" in log
    assert contains(log, "Neuro check: Different from usual: writing (not sure: balance)")
    assert not re.search(r"\b(score|grade|ICE|CAPD)\b", all_text(path), re.IGNORECASE)

    pages = image_placements(path)
    assert sum(len(p) for p in pages) == 2
    (older, newer) = next(p for p in pages if p)
    assert abs(older[1] - newer[1]) < 0.5  # one row: the same height on the page
    assert abs(older[3] - newer[3]) < 0.5 and older[3] > 20  # one height, readable (pt)
    assert older[0] + older[2] <= newer[0]  # side by side, oldest on the left, not overlapping


def test_a_check_without_writing_shows_its_answers_only(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    check(services, child, date(2026, 11, 3), png=handwriting_png())
    check(services, child, date(2026, 11, 4), ("speech",))
    check(services, child, date(2026, 11, 5), png=b"\x89PNG\r\n\x1a\nnot really a picture")
    path = pdf(services, child, catalogue, out)
    overview = split_at(all_text(path), LOG_HEADING)[0]
    assert "No writing sample" in overview
    assert "Different from usual: speech" in overview
    assert "The writing picture could not be read." in overview  # its answers still print
    assert sum(len(p) for p in image_placements(path)) == 1


def test_no_neuro_section_outside_the_watch_without_checks(
    qapp: QApplication,
    services: Services,
    child: Child,
    catalogue: Catalogue,
    out: Path,
    clock: FixedClock,
) -> None:
    services.entries.save_new(child.id, "t", note_entry(date(2026, 11, 4)), ALL_CONFIRMATIONS)
    text = all_text(pdf(services, child, catalogue, out))
    assert "No neuro checks were logged in this period." in text  # blinatumomab: watched
    clock.moment = NOW.replace(year=2027, month=2, day=5)  # the watch ended on 30 Nov
    services.entries.save_new(child.id, "t2", note_entry(date(2027, 2, 3)), ALL_CONFIRMATIONS)
    text = all_text(
        pdf(services, child, catalogue, out, Period(date(2027, 2, 1), date(2027, 2, 5)))
    )
    assert "Daily neuro checks" not in text


def note_entry(day: date) -> EntryContent:
    return EntryContent(at(day, 8), "Mum", note="Quiet day.")


def test_medicine_list_as_the_team_gave_it_then_the_doses(
    qapp: QApplication,
    services: Services,
    child: Child,
    catalogue: Catalogue,
    out: Path,
    clock: FixedClock,
) -> None:
    meds = services.medicines
    clock.moment = at(date(2026, 10, 30), 9)
    old = meds.add(child.id, "Dexamethasone", "2 mg", "Every morning for 5 days")
    meds.stop(old.id)
    cream = meds.add(child.id, "Emla cream", "thin layer", "On the port before needle changes")
    clock.moment = at(date(2026, 11, 3), 9)
    meds.stop(cream.id)
    clock.moment = NOW
    schedule = "Twice a day on Mondays and Tuesdays, with food"
    cotrim = meds.add(child.id, "Co-trimoxazole", "240 mg", schedule, (time(8), time(20)))
    meds.add(child.id, "Ondansetron", "4 mg", "Every 8 hours if she feels sick")
    meds.give(cotrim.id, "d1", at(date(2026, 11, 3), 8, 5), "Mum", ALL_CONFIRMATIONS)
    meds.give(cotrim.id, "d2", at(date(2026, 11, 3), 20, 5), "Dad", ALL_CONFIRMATIONS)
    overview = split_at(all_text(pdf(services, child, catalogue, out)), LOG_HEADING)[0]
    medicines = split_at(overview, "Medicines")[1]
    assert contains(medicines, schedule)
    assert "08:00, 20:00" in medicines
    assert contains(medicines, "Every 8 hours if she feels sick")
    assert "Emla cream" in medicines and "stopped Tue 3 Nov" in medicines
    assert "Dexamethasone" not in overview  # stopped before the period
    given = split_at(medicines, "GIVEN IN THESE DAYS")[1]
    assert contains(given, "Tue 3 Nov: 08:05 Mum, 20:05 Dad")


def test_treatment_plan_facts(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    services.therapy.set_course_plan(child.id, 9, None, None, [])
    services.entries.save_new(child.id, "t", note_entry(date(2026, 11, 4)), ALL_CONFIRMATIONS)
    overview = split_at(all_text(pdf(services, child, catalogue, out)), LOG_HEADING)[0]
    assert "Cycle 1 started: Sun 1 Nov" in overview
    assert "In hospital for days 1 to 9, until Mon 9 Nov" in overview
    assert "Break after the pump: 14 days" in overview
    assert contains(overview, "Watch closely for nervous system problems")
    assert "until Mon 30 Nov" in overview


def test_a_heading_never_ends_a_page(qapp: QApplication) -> None:
    """Find the filler length that leaves a heading alone at the foot of page 1; after
    keep_headings_with_next it starts page 2 with its paragraph."""
    page = 300.0
    for lines in range(1, 60):
        doc = _doc_with_heading_after(lines, page)
        heading, after = _pages_of_heading_and_next(doc, page)
        if (heading, after) == (0, 1):
            break
    else:
        raise AssertionError("no filler length left the heading alone at a page's foot")
    assert keep_headings_with_next(doc, page) == 1
    assert _pages_of_heading_and_next(doc, page) == (1, 1)
    assert keep_headings_with_next(doc, page) == 0  # settled: nothing more to move
    calm = _doc_with_heading_after(2, page)
    assert keep_headings_with_next(calm, page) == 0  # a heading mid-page stays put
    assert _pages_of_heading_and_next(calm, page) == (0, 0)


def _doc_with_heading_after(lines: int, page: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(400, page))
    filler = "".join(f"<p>line {n}</p>" for n in range(lines))
    doc.setHtml(f"{filler}<h2>Medicines</h2><p>the list</p>")
    return doc


def _pages_of_heading_and_next(doc: QTextDocument, page: float) -> tuple[int, int]:
    layout = doc.documentLayout()
    block = doc.begin()
    while block.text() != "Medicines":
        block = block.next()
    return (
        int(layout.blockBoundingRect(block).bottom() // page),
        int(layout.blockBoundingRect(block.next()).bottom() // page),
    )
