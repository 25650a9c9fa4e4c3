"""Plain words for a saved neuro check, for the check page and the History list.

Only what the parent answered is told back ("Different from usual: speech"); a check is never
turned into a number or a grade (clinical.md §6.3). The words for each question's subject come
from caretrack.reports, so the window and the printed summary name them alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import NeuroCheck
from caretrack.reports import answers, domain_words

Translate = Callable[[str, str], str]  # (context, text) -> text, like QCoreApplication.translate

_CTX = "neuro_check_text"
_WORDS_CTX = "summary"  # where caretrack.reports marks the subjects for translation

_ALL_USUAL = QT_TRANSLATE_NOOP(_CTX, "All as usual")
_NOT_SURE_ONLY = QT_TRANSLATE_NOOP(_CTX, "Not sure if usual: {domains}")
_DIFFERENT = QT_TRANSLATE_NOOP(_CTX, "Different from usual: {domains}")
_AND_NOT_SURE = QT_TRANSLATE_NOOP(_CTX, "(not sure: {domains})")
_SEPARATOR = QT_TRANSLATE_NOOP(_CTX, ", ")


def domain_list(domains: Sequence[str], tr: Translate = QCoreApplication.translate) -> str:
    """'speech, knowing people and places'."""
    return tr(_CTX, _SEPARATOR).join(tr(_WORDS_CTX, domain_words(d)) for d in domains)


def check_summary_text(check: NeuroCheck, tr: Translate = QCoreApplication.translate) -> str:
    """'All as usual', or 'Different from usual: speech, balance (not sure: writing)'."""
    different, unsure = answers(check)
    if not different and not unsure:
        return tr(_CTX, _ALL_USUAL)
    if not different:
        return tr(_CTX, _NOT_SURE_ONLY).format(domains=domain_list(unsure, tr))
    text = tr(_CTX, _DIFFERENT).format(domains=domain_list(different, tr))
    if unsure:
        text += " " + tr(_CTX, _AND_NOT_SURE).format(domains=domain_list(unsure, tr))
    return text
