"""Every symptom the source document (S1) lists resolves, under the right therapy and heading.

The items are read out of the document itself, not copied into this test, so a phrase the
catalogue forgot, or a typo in phrases.toml, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from caretrack.catalogue import load_catalogue
from caretrack.domain.catalogue import Catalogue, WarningKind

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_8f004b9456734144.txt"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"source document not found at {SEED} (shared/ is not beside repo)"
)

# Where each therapy's part of the page starts, in page order.
SECTIONS = [
    ("tisagenlecleucel", "Tisagenlecleucel (Kymriah) is"),
    ("blinatumomab", "Blinatumomab is a special kind"),
    ("inotuzumab_ozogamicin", "Inotuzumab ozogamicin is"),
    ("rituximab", "Rituximab is a monoclonal antibody"),
    ("gemtuzumab_ozogamicin", "Gemtuzumab ozogamicin (Mylotarg):"),
]
HEADINGS = {
    "Cytokine release syndrome (CRS):": WarningKind.CRS,
    "Nervous system problems:": WarningKind.NERVOUS_SYSTEM,
    "Other serious side effects:": WarningKind.OTHER_SERIOUS,
}
Item = tuple[str, WarningKind, str]  # therapy id, heading, text as printed


def _sections(text: str) -> dict[str, str]:
    starts = [(tid, text.index(marker)) for tid, marker in SECTIONS]
    ends = [at for _, at in starts[1:]] + [len(text)]
    return {tid: text[at:end] for (tid, at), end in zip(starts, ends, strict=True)}


def _bullets(therapy: str, section: str) -> list[Item]:
    """The '  •' lines under the CRS, nervous-system and other-serious headings."""
    items: list[Item] = []
    heading: WarningKind | None = None
    for line in section.splitlines():
        if line.startswith("  •"):
            if heading is not None:
                items.append((therapy, heading, line.removeprefix("  •").strip()))
        elif line.strip():
            heading = next((k for h, k in HEADINGS.items() if line.startswith(h)), None)
    return items


def _split(listing: str) -> list[str]:
    """'a, b, and/or c' -> ['a', 'b', 'c']."""
    parts = [p.strip() for p in listing.split(",")]
    return [re.sub(r"^(and/or|and|or) ", "", p) for p in parts if p]


def _sentence_items(therapy: str, section: str) -> list[Item]:
    items: list[Item] = []
    reaction = re.search(r"serious infusion reactions .*?Symptoms can include (.+?)\.\s", section)
    if reaction:
        items += [(therapy, WarningKind.INFUSION_REACTION, p) for p in _split(reaction[1])]
    other = re.search(r"Other side effects of rituximab can include (.+?)\.\s", section)
    if other:
        items += [(therapy, WarningKind.SIDE_EFFECT, p) for p in _split(other[1])]
    rash = re.search(r"(A rare and severe blistering skin rash with mouth sores), called", section)
    if rash:
        items.append((therapy, WarningKind.SKIN_REACTION, rash[1]))
    return items


def _low_count_items(items: list[Item]) -> list[Item]:
    """'Low blood cell count, which can increase the risk of infections, fatigue, and ...'."""
    out: list[Item] = []
    for therapy, kind, text in items:
        found = re.search(r"increase the risk of (.+)$", text)
        if found:
            out += [(therapy, kind, p) for p in _split(found[1])]
    return out


def _seed_items() -> list[Item]:
    items: list[Item] = []
    for therapy, section in _sections(SEED.read_text(encoding="utf-8")).items():
        bullets = _bullets(therapy, section)
        items += bullets + _low_count_items(bullets) + _sentence_items(therapy, section)
    return items


ITEMS = _seed_items() if SEED.is_file() else []


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def test_the_extraction_found_every_list() -> None:
    def count(therapy: str, kind: WarningKind) -> int:
        return sum(1 for t, k, _ in ITEMS if (t, k) == (therapy, kind))

    for therapy in ("tisagenlecleucel", "blinatumomab"):
        assert count(therapy, WarningKind.CRS) == 8
        assert count(therapy, WarningKind.NERVOUS_SYSTEM) == 6
    assert count("tisagenlecleucel", WarningKind.OTHER_SERIOUS) == 2 + 3
    for therapy in ("blinatumomab", "rituximab"):
        assert count(therapy, WarningKind.INFUSION_REACTION) == 6
    assert count("rituximab", WarningKind.SIDE_EFFECT) == 7
    assert count("rituximab", WarningKind.SKIN_REACTION) == 1


@pytest.mark.parametrize(("therapy", "kind", "text"), ITEMS, ids=[f"{t}-{x}" for t, _, x in ITEMS])
def test_seed_item_resolves_and_is_listed(
    cat: Catalogue, therapy: str, kind: WarningKind, text: str
) -> None:
    matches = cat.resolve_symptom(text)
    assert matches, f"{text!r} does not resolve"
    for m in matches:
        symptom = cat.symptom(m.symptom_id)
        kinds = {w.kind for w in symptom.listings_for(therapy)}
        assert kind in kinds, f"{text!r} -> {symptom.id}: not listed for {therapy} under {kind}"
        if kind is not WarningKind.SIDE_EFFECT:
            assert symptom.is_warning_for(therapy)


def test_seed_phrases_are_printed_exactly_so_in_the_document(cat: Catalogue) -> None:
    text = SEED.read_text(encoding="utf-8")
    for phrase in cat.phrases:
        if phrase.source == "S1":
            assert phrase.text in text, phrase.text


def test_every_seed_item_is_a_phrase_of_its_therapy(cat: Catalogue) -> None:
    """The phrase entries record which therapies and heading the page prints them under."""
    by_text: dict[str, set[tuple[str, WarningKind]]] = {}
    for p in cat.phrases:
        by_text.setdefault(p.text, set()).update((t, p.kind) for t in p.therapies)
    missing = [(t, k, x) for t, k, x in ITEMS if (t, k) not in by_text.get(x, set())]
    assert not missing
