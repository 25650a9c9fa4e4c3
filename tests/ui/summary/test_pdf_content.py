"""What the written PDF says: every entry and flag, the footer on every page, empty periods."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, EntryContent, MedicineGiven, PumpEvent, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.reports import Period, Summary
from caretrack.services import Services
from caretrack.ui.entry_text import time_text
from caretrack.ui.flag_style import tier_words
from caretrack.ui.summary import Paper, write_pdf
from caretrack.ui.summary.words import fahrenheit_text, period_text
from tests.ui.summary.conftest import DEMO_PERIOD, at, save
from tests.ui.summary.pdf_text import (
    all_text,
    contains,
    metadata,
    normalise,
    page_texts,
    split_at,
    squash,
)

LOG_HEADING = "Day-by-day log"


def written(summary: Summary, catalogue: Catalogue, out: Path, paper: Paper = Paper.A4) -> Path:
    path = out / "summary.pdf"
    write_pdf(summary, catalogue, path, paper)
    return path


def test_demo_summary_shows_every_entry_of_the_period_once(
    qapp: QApplication, demo: tuple[Services, Child], catalogue: Catalogue, out: Path
) -> None:
    services, maya = demo
    summary = services.summaries.build(maya.id, DEMO_PERIOD)
    zone = summary.printed_at.tzinfo
    entries = [
        e
        for e in services.entries.history(maya.id)
        if e.content.observed_at.astimezone(zone).date() in DEMO_PERIOD
    ]
    assert len(entries) > 30  # the demo really fills the period

    text = all_text(written(summary, catalogue, out))
    log = split_at(text, LOG_HEADING)[1]
    # Every entry's row names who logged it, once, and only there.
    logged = len(re.findall(r"\bby (?:Mum|Dad)\b", log))
    assert logged == len(entries) == summary.entry_count
    for e in entries:
        assert time_text(e.content.observed_at.astimezone(zone)) in log
    notes: dict[str, int] = {}
    for e in entries:
        if e.content.note:
            notes[e.content.note] = notes.get(e.content.note, 0) + 1
    assert notes, "the demo has notes"
    for note, count in notes.items():
        assert squash(log).count(squash(note)) == count


def test_demo_summary_shows_every_flag_with_tier_and_call(
    qapp: QApplication, demo: tuple[Services, Child], catalogue: Catalogue, out: Path
) -> None:
    services, maya = demo
    summary = services.summaries.build(maya.id, DEMO_PERIOD)
    assert summary.flags and any(f.stored.call for f in summary.flags)
    overview = squash(split_at(all_text(written(summary, catalogue, out)), LOG_HEADING)[0])
    for item in summary.flags:
        flag = item.stored.flag
        assert squash(tier_words(flag.tier)) in overview
        assert squash(flag.title) in overview
        for evidence in flag.evidence:  # carries the time of the reading: one per flag
            assert squash(evidence) in overview
        if item.stored.call is not None:
            assert squash(item.stored.call.advice) in overview
            assert squash(f"spoke with {item.stored.call.spoke_with}") in overview
        elif flag.tier.rank >= Tier.REPORT_NOW.rank:
            assert squash("Not yet called") in overview
        else:  # a note for the visit asks for no call
            assert squash("For this visit") in overview


def test_footer_on_every_page(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    path = written(demo_summary, catalogue, out)
    pages = page_texts(path)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Rules version {demo_summary.rules_version}" in text
        assert normalise(period_text(demo_summary.period)) in text
        assert "Printed Thu 5 Nov 2026, 20:00" in text
    info = metadata(path)
    assert info["/Creator"] == "CareTrack"
    assert "Maya" in info["/Title"]


def test_page_one_overview_and_then_the_log(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    text = all_text(written(demo_summary, catalogue, out))
    overview, log = split_at(text, LOG_HEADING)
    assert "Blinatumomab (Blincyto)" in overview
    assert "Day 21 of 28, cycle 1" in overview
    assert "555-0100" in overview and "555-0101" in overview
    assert "Riverside Children's Hospital" in overview
    assert "8 years old" in overview and "21.5 kg" in overview
    assert "Fever line 38.0 °C / 100.4 °F" in overview  # the chart's label
    assert "Can Maya go back to school after this cycle?" in overview
    assert "Chills or shivering" in overview and "Ondansetron" in overview
    assert "warning sign for this therapy" in overview
    assert "Nothing logged on Thu 15 Oct 2026" in log  # the demo starts on the 16th


def test_log_entry_details_edits_and_pump(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    day = date(2026, 11, 3)
    entry_id = save(
        services,
        child,
        EntryContent(
            observed_at=at(day, 9, 15),
            logged_by="Grandma",
            temperature=Temperature(1003, Unit.F, Route.EAR),
            symptoms=(SymptomReport("headache", 2),),
            medicines=(MedicineGiven("Paracetamol", "240 mg", at(day, 9, 20)),),
            note="First line.\nSecond line & <b>not bold</b>.",
            pump_event=PumpEvent.BAG_CHANGE,
        ),
    )
    entry = services.entries.entry(entry_id)
    services.entries.edit(
        entry_id, entry.version, EntryContent(**{**entry.content.__dict__, "logged_by": "Dad"})
    )
    summary = services.summaries.build(child.id, Period(date(2026, 11, 1), date(2026, 11, 5)))
    text = all_text(written(summary, catalogue, out))
    log = split_at(text, LOG_HEADING)[1]
    assert "09:15" in log and "by Dad" in log
    assert "edited, version 2" in log
    assert "100.3 °F" in log and "In the ear" in log
    assert "Headache (moderate)" in log
    assert "Paracetamol 240 mg at 09:20" in log
    assert "Bag changed" in log
    assert "First line. Second line & <b>not bold</b>." in log  # escaped, not markup
    assert "Tue 3 Nov 2026" in log and "Day 3 of 28, cycle 1" in log
    assert "Nothing logged from Sun 1 Nov 2026 to Mon 2 Nov 2026" in log
    assert "Nothing logged from Wed 4 Nov 2026 to Thu 5 Nov 2026" in log
    # After the chart and the tables, the blocks between tables are still drawn.
    assert "No questions written down." in text and "Notes from the visit:" in text


def test_empty_period_says_so_and_has_no_log(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    summary = services.summaries.build(child.id, Period(date(2026, 9, 1), date(2026, 9, 14)))
    assert summary.is_empty
    path = written(summary, catalogue, out)
    pages = page_texts(path)
    text = " ".join(pages)
    assert "Nothing was logged between Tue 1 Sep 2026 and Mon 14 Sep 2026." in text
    assert not contains(text, LOG_HEADING)
    assert "Warnings and calls" not in text and "Fever line" not in text
    assert "No questions written down." in text
    assert len(pages) == 1


def test_sections_with_nothing_say_so_in_one_line(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    save(services, child, EntryContent(observed_at=at(date(2026, 11, 4), 8), note="Quiet day."))
    summary = services.summaries.build(child.id, Period(date(2026, 11, 1), date(2026, 11, 5)))
    text = all_text(written(summary, catalogue, out))
    assert "No temperatures were logged." in text and "Fever line" not in text
    assert "No symptoms were logged." in text
    assert "No medicines were logged." in text
    assert "No warnings in this period." in text
    assert "Quiet day." in text


def test_earlier_open_warning_is_shown_as_waiting(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    save(
        services,
        child,
        EntryContent(
            observed_at=at(date(2026, 11, 2), 8), temperature=Temperature.of(38.6, "C", "oral")
        ),
    )
    summary = services.summaries.build(child.id, Period(date(2026, 11, 4), date(2026, 11, 5)))
    assert any(f.before_period for f in summary.flags)
    text = all_text(written(summary, catalogue, out))
    assert "Raised before this period and still waiting for a call" in text
    assert "Not yet called" in text
    assert "1 not yet called" in text


def test_fahrenheit_of_the_fever_line_is_exact() -> None:
    assert fahrenheit_text(380) == "100.4"
    assert fahrenheit_text(383) == "100.94"
    assert fahrenheit_text(385) == "101.3"
    assert fahrenheit_text(375) == "99.5"


def test_weight_and_questions_are_optional(
    qapp: QApplication, services: Services, catalogue: Catalogue, out: Path
) -> None:
    kid = services.household.add_child(
        "Sam", date(2019, 2, 2), None, "blinatumomab", date(2026, 11, 1)
    )
    save(services, kid, EntryContent(observed_at=at(date(2026, 11, 4), 8), note="ok"))
    summary = services.summaries.build(kid.id, Period(date(2026, 11, 1), date(2026, 11, 5)))
    text = all_text(written(summary, catalogue, out))
    assert "7 years old" in text and " kg" not in split_at(text, LOG_HEADING)[0]
    assert "No questions written down." in text
