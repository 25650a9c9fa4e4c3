"""Children, courses and care-team numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from caretrack.domain.model import CareTeam, Child
from caretrack.services import Services
from caretrack.services.errors import ValidationFailed


def test_add_child_with_course(services: Services, child: Child) -> None:
    assert child.name == "Maya"
    assert child.weight_kg == Decimal("21.5")
    course = child.current_course
    assert course is not None
    assert (course.therapy_id, course.start_date, course.cycle) == (
        "blinatumomab",
        date(2026, 11, 1),
        1,
    )


def test_brand_names_are_accepted(services: Services) -> None:
    leo = services.household.add_child("Leo", date(2014, 9, 14), None, "KYMRIAH", date(2026, 11, 1))
    assert leo.current_course is not None
    assert leo.current_course.therapy_id == "tisagenlecleucel"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"therapy": "aspirin"}, "therapy"),
        ({"name": ""}, "name"),
        ({"start_date": date(2010, 1, 1)}, "start_date"),
        ({"cycle": 0}, "cycle"),
    ],
)
def test_bad_child_details_are_refused(
    services: Services, kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "name": "Maya",
        "birth_date": date(2018, 5, 1),
        "weight_kg": None,
        "therapy": "blinatumomab",
        "start_date": date(2026, 11, 1),
        "cycle": 1,
    } | kwargs
    with pytest.raises(ValidationFailed) as err:
        services.household.add_child(**args)  # type: ignore[arg-type]
    assert field in [p.field for p in err.value.problems]
    assert services.household.children() == []


def test_several_children_and_lookup_by_name_or_id(services: Services, child: Child) -> None:
    leo = services.household.add_child("Leo", date(2014, 9, 14), None, "Kymriah", date(2026, 11, 1))
    assert [c.name for c in services.household.children()] == ["Maya", "Leo"]
    assert services.household.find_child("leo") == leo
    assert services.household.find_child(str(child.id)) == child
    assert services.household.find_child("nobody") is None


def test_care_team_numbers_round_trip(services: Services) -> None:
    assert services.household.care_team() == CareTeam()
    team = CareTeam("Riverside oncology", "555-0100", "555-0101", "911")
    services.household.set_care_team(team)
    services.household.set_care_team(team)
    assert services.household.care_team() == team


def test_settings_remember_choices(services: Services) -> None:
    assert services.household.setting("unit", "C") == "C"
    services.household.set_setting("unit", "F")
    assert services.household.setting("unit", "C") == "F"
