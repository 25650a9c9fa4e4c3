"""Names typed on the command line or in scenarios resolve to symptom reports."""

from __future__ import annotations

import pytest

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.symptom_names import UnknownSymptom, reports_from_names, split_severity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headaches:2", ("Headaches", 2)),
        ("chills", ("chills", None)),
        ("Confusion or agitation", ("Confusion or agitation", None)),
        ("time: 10", ("time", 10)),
    ],
)
def test_split_severity(text: str, expected: tuple[str, int | None]) -> None:
    if expected[1] is not None and expected[1] > 4:
        with pytest.raises(ValueError):
            split_severity(text)
    else:
        assert split_severity(text) == expected


def test_unknown_names_are_refused(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownSymptom):
        reports_from_names(catalogue, [("purple elbows", None)])


def test_repeats_keep_the_highest_severity(catalogue: Catalogue) -> None:
    (only,) = reports_from_names(catalogue, [("chills", 1), ("chills", 3), ("chills", None)])
    assert only.severity == 3


def test_source_phrase_with_severe_implies_severe(catalogue: Catalogue) -> None:
    reports = reports_from_names(catalogue, [("Severe nausea, vomiting, and/or diarrhea", None)])
    assert len(reports) >= 3
    assert all(r.severity is not None and r.severity >= 3 for r in reports)
