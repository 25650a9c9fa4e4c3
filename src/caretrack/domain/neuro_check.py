"""The daily neuro check's "different from usual?" answers, as the symptoms they describe.

A change in any domain is reported like the matching symptom (clinical.md §6.2 R7, R8); no
score is ever computed from them.
"""

from __future__ import annotations

CHANGE_MEANS: dict[str, str] = {
    "speech": "speech_trouble",
    "writing": "worse_handwriting",
    "balance": "balance_loss",
    "alertness": "less_alert",
    "behaviour": "unusual_behaviour",
    "recognition": "confusion",
}
