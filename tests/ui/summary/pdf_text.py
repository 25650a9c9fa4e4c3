"""Reading a written PDF back for assertions: page sizes and text, normalised.

pypdf is pure Python (the `test` extra), so no poppler is needed. Text is NFKC-normalised
(Qt's PDFs can carry ligatures such as "ﬀ") and whitespace collapsed; `squash` also drops all
whitespace, for phrases that may wrap at any point in a table cell.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader


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
