"""Reading a written PDF back for assertions: page sizes and text, normalised.

pypdf is pure Python (the `test` extra), so no poppler is needed. Text is NFKC-normalised
(Qt's PDFs can carry ligatures such as "ﬀ") and whitespace collapsed; `squash` also drops all
whitespace, for phrases that may wrap at any point in a table cell.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PageObject, PdfReader


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def page_texts(path: Path) -> list[str]:
    return [normalise(page.extract_text() or "") for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    return " ".join(page_texts(path))


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages
    ]


def metadata(path: Path) -> dict[str, str]:
    info = PdfReader(path).metadata or {}
    return {str(k): str(v) for k, v in info.items()}


def split_at(text: str, phrase: str) -> tuple[str, str]:
    """(before, after) the first `phrase`; pypdf may put a space inside a kerned word
    ("D ay-by-day"), so any whitespace between its letters is allowed."""
    pattern = r"\s*".join(re.escape(ch) for ch in phrase if not ch.isspace())
    found = re.search(pattern, text)
    if found is None:
        raise AssertionError(f"{phrase!r} is not in the text")
    return text[: found.start()], text[found.end() :]


def contains(text: str, phrase: str) -> bool:
    return squash(phrase) in squash(text)


def image_placements(path: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per page, every image XObject drawn: (x, y, width, height) in points, y from the bottom.

    Read from the transformation matrix in force at each `Do`, so it says where the image
    really sits on the page, not only that the file holds it.
    """
    return [_placed_on(page) for page in PdfReader(path).pages]


def _placed_on(page: PageObject) -> list[tuple[float, float, float, float]]:
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject", {}) if resources else {}
    images = {
        name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"
    }
    placed: list[tuple[float, float, float, float]] = []

    def visit(op: bytes, args: list[object], cm: list[float], tm: list[float]) -> None:
        del tm
        if op == b"Do" and args and args[0] in images:
            placed.append((float(cm[4]), float(cm[5]), float(cm[0]), float(cm[3])))

    page.extract_text(visitor_operand_before=visit)
    return placed
