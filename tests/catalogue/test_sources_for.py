"""A parent sees the sources about their child's drug and the general ones, not another label."""

from __future__ import annotations

from caretrack.domain.catalogue import Catalogue

NERVOUS_SYSTEM_RULE = ["S1", "S2", "S3", "S11", "S35", "S43", "S45", "S59"]


def test_blinatumomab_parents_do_not_see_the_kymriah_or_rituxan_pages(
    catalogue: Catalogue,
) -> None:
    shown = catalogue.sources_for("blinatumomab", NERVOUS_SYSTEM_RULE)
    assert "S11" in shown  # the Blincyto medication guide
    assert {"S2", "S3", "S35"}.isdisjoint(shown)
    assert "S1" in shown  # the source document covers every therapy


def test_kymriah_parents_see_the_kymriah_guide(catalogue: Catalogue) -> None:
    shown = catalogue.sources_for("tisagenlecleucel", NERVOUS_SYSTEM_RULE)
    assert {"S2", "S3"} <= set(shown)
    assert "S11" not in shown


def test_never_an_empty_list(catalogue: Catalogue) -> None:
    assert catalogue.sources_for("rituximab", ["S2"]) == ["S2"]
