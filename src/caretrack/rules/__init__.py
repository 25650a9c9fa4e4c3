"""The warning rules: pure Python, no Qt, no database, the time passed in.

Rules live as data in `data/rules.toml` (readable by a nurse); this package loads them,
reads parents' notes for warning words, and evaluates entries into flags.
"""

from caretrack.rules.engine import Situation, evaluate, evaluate_safely, unavailable
from caretrack.rules.loader import RulesError, load_rules
from caretrack.rules.model import CareSettings, RuleSet

__all__ = [
    "CareSettings",
    "RuleSet",
    "RulesError",
    "Situation",
    "evaluate",
    "evaluate_safely",
    "load_rules",
    "unavailable",
]
