"""Evaluating entries against the rules: deterministic, monotone, and never silent.

Each entry is judged with only the entries before it as context, so a later entry can never
clear an earlier flag. The tier is the highest of all flags, so adding a symptom can only
add flags, never lower the tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from caretrack.domain.catalogue import SEVERITY_WORDS, Catalogue
from caretrack.domain.flags import UNAVAILABLE_RULE_ID, Evaluation, Flag, Tier
from caretrack.domain.model import EntryContent, PumpEvent
from caretrack.domain.neuro_check import CHANGE_MEANS
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.rules.model import CareSettings, Rule, RuleSet
from caretrack.rules.notes import NoteReader


@dataclass(frozen=True)
class Situation:
    """Who and which treatment the entries belong to, and the care team's settings."""

    therapy_id: str
    start_date: date  # Day 0 for CAR T; the first day of the cycle or first dose otherwise
    birth_date: date
    settings: CareSettings
    dose_dates: tuple[date, ...] = ()  # the team's dose dates; else the schedule's dose days


@dataclass(frozen=True)
class Reported:
    """A symptom as the rules see it: ticked in the checklist or found in the note."""

    symptom_id: str
    severity: int | None
    note_words: str | None = None
    check_domains: str | None = None  # the daily neuro check's answers that mean it

    def reaches(self, minimum: int) -> bool:
        # "Present" without a severity is treated as possibly severe: never a missed warning.
        return self.severity is None or self.severity >= minimum


@dataclass
class _History:
    """What earlier entries tell the rules about the current one."""

    severities: dict[str, int | None]
    pump_stopped_at: datetime | None = None
    pump_stopped_uid: str | None = None  # the entry that logged the stop, for a flag on it


def evaluate(
    rules: RuleSet,
    catalogue: Catalogue,
    situation: Situation,
    entries: Sequence[tuple[str | None, EntryContent]],
    now: datetime | None = None,
) -> Evaluation:
    """Flags for every entry (uid, content), oldest first by the time observed.

    `now` lets a still-running pump interruption count up to the present moment.
    """
    reader = reader_for(rules)
    ordered = sorted(entries, key=lambda e: e[1].observed_at.astimezone(UTC))
    flags: list[Flag] = []
    history = _History({})
    for uid, content in ordered:
        reported = _reported(content, reader)
        flags += _judge(rules, catalogue, situation, uid, content, reported, history, reader)
        history.severities = {r.symptom_id: r.severity for r in reported}
        if content.pump_event is PumpEvent.STOPPED and history.pump_stopped_at is None:
            history.pump_stopped_at = content.observed_at
            history.pump_stopped_uid = uid
        elif content.pump_event is PumpEvent.RESTARTED:
            history.pump_stopped_at = None
            history.pump_stopped_uid = None
    if now is not None and history.pump_stopped_at is not None:
        flags += _still_stopped(
            rules, situation, history.pump_stopped_uid, history.pump_stopped_at, now
        )
    return Evaluation(Tier.highest([f.tier for f in flags]), tuple(flags), rules.version)


def _still_stopped(
    rules: RuleSet,
    situation: Situation,
    uid: str | None,
    stopped_at: datetime,
    now: datetime,
) -> list[Flag]:
    return [
        _flag(rule, [f"Pump stopped since {stopped_at:%Y-%m-%d %H:%M}"], stopped_at, uid, False)
        for rule in rules.rules
        if rule.when.pump_interruption_hours is not None
        and rule.applies_to(situation.therapy_id)
        and _elapsed(stopped_at, now) >= timedelta(hours=rule.when.pump_interruption_hours)
    ]


def _elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two moments; same-zone subtraction would use wall-clock time."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def _flag(rule: Rule, evidence: list[str], at: datetime, uid: str | None, from_note: bool) -> Flag:
    return Flag(
        rule_id=rule.id,
        rule_version=rule.version,
        tier=rule.tier,
        title=rule.title,
        message=rule.message,
        what_to_do=rule.what_to_do,
        evidence=tuple(evidence),
        sources=rule.sources,
        observed_at=at,
        entry_uid=uid,
        found_in_note=from_note,
    )


_READERS: list[tuple[RuleSet, NoteReader]] = []  # the rule sets are kept, so ids stay unique


def reader_for(rules: RuleSet) -> NoteReader:
    """Compiled once per rule set: hundreds of patterns overflow the `re` module's own cache."""
    for known, reader in _READERS:
        if known is rules:
            return reader
    reader = NoteReader(rules.phrases, rules.negations, rules.clause_breaks, rules.continuing)
    _READERS.append((rules, reader))
    del _READERS[:-4]
    return reader


def evaluate_safely(
    rules: RuleSet | None,
    catalogue: Catalogue | None,
    situation: Situation,
    entries: Sequence[tuple[str | None, EntryContent]],
    now: datetime | None = None,
) -> Evaluation:
    """Like `evaluate`, but a failure becomes 'alerts unavailable', never 'no warning'."""
    if rules is None or catalogue is None:
        return unavailable("unknown")
    try:
        return evaluate(rules, catalogue, situation, entries, now)
    except Exception:
        return unavailable(rules.version)


def unavailable(version: str) -> Evaluation:
    flag = Flag(
        rule_id=UNAVAILABLE_RULE_ID,
        rule_version=1,
        tier=Tier.REPORT_NOW,
        title="Alerts unavailable: call your care team about any concern",
        message="CareTrack could not check this entry for warning signs.",
        what_to_do="Call your care team about any concern. Do not wait for CareTrack.",
        evidence=(),
        sources=(),
        observed_at=None,
    )
    return Evaluation(Tier.REPORT_NOW, (flag,), version, available=False)


def _reported(content: EntryContent, reader: NoteReader) -> list[Reported]:
    """Checklist and note together; a symptom named twice keeps its most worrying report."""
    found: dict[str, Reported] = {}
    candidates = [Reported(s.symptom_id, s.severity) for s in content.symptoms if s.severity != 0]
    candidates += [Reported(f.symptom_id, f.severity, f.words) for f in reader.read(content.note)]
    check = content.neuro_check
    for domain in () if check is None else check.changed:
        candidates.append(Reported(CHANGE_MEANS[domain], None, None, domain.replace("_", " ")))
    for r in candidates:
        before = found.get(r.symptom_id)
        if before is not None and before.check_domains and r.check_domains:
            r = Reported(r.symptom_id, None, None, f"{before.check_domains}, {r.check_domains}")
        if before is None or _worse(r, before) or r.check_domains:
            found[r.symptom_id] = r
    return list(found.values())


def _worse(a: Reported, b: Reported) -> bool:
    """'Present' with no severity counts as possibly the worst, so merging never lowers a tier."""
    if b.severity is None:
        return False
    return a.severity is None or a.severity > b.severity


def _judge(
    rules: RuleSet,
    catalogue: Catalogue,
    situation: Situation,
    uid: str | None,
    content: EntryContent,
    reported: list[Reported],
    history: _History,
    reader: NoteReader,
) -> list[Flag]:
    day = (content.observed_at.date() - situation.start_date).days
    therapy = catalogue.therapy(situation.therapy_id)
    doses: tuple[int, ...] = (0,)
    if situation.dose_dates:
        doses = tuple((d - situation.start_date).days for d in situation.dose_dates)
    elif therapy is not None and therapy.schedule.dose_days:
        doses = tuple(d - 1 for d in therapy.schedule.dose_days)  # day 1 = the start date
    active = [
        r
        for r in rules.rules
        if r.applies_to(situation.therapy_id)
        and (r.window is None or r.window.contains(day, doses))
    ]
    flags: list[Flag] = []
    covered: set[str] = set()  # symptoms already flagged at report_now or higher
    flagged: set[str] = set()  # symptoms flagged at any tier
    # Hard rules first; the trend and "anything else" rules only look at what is left.
    for rule in sorted(active, key=lambda r: (r.when.trend or r.when.uncovered, -r.tier.rank)):
        if rule.when.trend and not situation.settings.trend_enabled:
            continue
        matched, evidence = _match(
            rules, rule, catalogue, situation, content, reported, history, covered, flagged, reader
        )
        if not matched:
            continue
        from_note = [r for r in matched if r.note_words is not None]
        spoken_for = {r.symptom_id for r in matched} | set(rule.when.covers)
        if rule.tier.rank >= Tier.REPORT_NOW.rank:
            covered.update(spoken_for)
        flagged.update(spoken_for)
        only_note = bool(from_note) and len(from_note) == len(matched)
        flags.append(_flag(rule, evidence, content.observed_at, uid, only_note))
    return flags


def _match(
    rules: RuleSet,
    rule: Rule,
    catalogue: Catalogue,
    situation: Situation,
    content: EntryContent,
    reported: list[Reported],
    history: _History,
    covered: set[str],
    flagged: set[str],
    reader: NoteReader,
) -> tuple[list[Reported], list[str]]:
    """The reported symptoms (or a sentinel for readings) that satisfy the rule, with evidence."""
    when = rule.when
    at = content.observed_at.strftime("%Y-%m-%d %H:%M")
    if when.fever:
        line = situation.settings.fever_threshold_c_tenths
        t = content.temperature
        evidence = []
        if t is not None and t.at_or_above_celsius(line):
            evidence.append(f"{t} {t.route.value} at {at}")
        for n in reader.readings(content.note):
            reading = Temperature(n.tenths, Unit(n.unit), Route.ORAL)
            if reading.at_or_above_celsius(line):
                evidence.append(f'found in your note: "{n.words}" ({reading}) at {at}')
        if evidence:
            from_note = t is None or not t.at_or_above_celsius(line)
            return [Reported("__temperature__", None, "note" if from_note else None)], evidence
        return [], []
    if when.pump_events:
        event = content.pump_event
        if event is not None and event.value in when.pump_events:
            return [Reported("__pump__", None)], [f"Pump: {event.value.replace('_', ' ')} at {at}"]
        return [], []
    if when.pump_interruption_hours is not None:
        stopped = history.pump_stopped_at
        limit = timedelta(hours=when.pump_interruption_hours)
        if (
            content.pump_event is PumpEvent.RESTARTED
            and stopped is not None
            and _elapsed(stopped, content.observed_at) >= limit
        ):
            hours = _elapsed(stopped, content.observed_at).total_seconds() / 3600
            return [Reported("__pump__", None)], [
                f"Pump stopped {stopped:%Y-%m-%d %H:%M}, restarted {at} ({hours:.1f} hours)"
            ]
        return [], []
    if when.medicine_classes:
        fragments = [f for cls in when.medicine_classes for f in rules.medicine_classes[cls]]
        hits = [m for m in content.medicines if any(f in m.name.casefold() for f in fragments)]
        return ([Reported("__medicine__", None)] if hits else []), [
            f"{m.name} {m.dose}".strip() + f" at {at}" for m in hits
        ]
    chosen: list[Reported]
    if when.symptoms or when.listed_under:
        wanted = set(when.symptoms)
        kinds = set(when.listed_under)
        chosen = [
            r
            for r in reported
            if r.symptom_id not in flagged  # one flag per symptom: the highest rule's
            and r.reaches(when.minimum_for(r.symptom_id))
            and (
                r.symptom_id in wanted
                or any(
                    w.therapy_id == situation.therapy_id
                    and w.kind in kinds
                    and w.applies_at(r.severity)
                    for w in catalogue.symptom(r.symptom_id).listed_under
                )
            )
        ]
    elif when.all_of:
        groups = [
            [
                r
                for r in reported
                if r.symptom_id in set(g) and r.reaches(when.minimum_for(r.symptom_id))
            ]
            for g in when.all_of
        ]
        chosen = [r for g in groups for r in g] if all(groups) else []
    elif when.trend:
        s = situation.settings
        chosen = [
            r
            for r in reported
            if r.symptom_id not in covered
            and r.severity is not None
            and (
                r.severity >= s.trend_severe_at
                or r.severity - (history.severities.get(r.symptom_id) or 0) >= s.trend_rise
            )
        ]
    elif when.uncovered:
        chosen = [r for r in reported if r.symptom_id not in flagged]
    else:
        chosen = []
    return chosen, [_describe(catalogue, r, at) for r in chosen]


def _describe(catalogue: Catalogue, r: Reported, at: str) -> str:
    label = catalogue.symptom(r.symptom_id).label
    if r.check_domains is not None:
        return f"Daily check, not as usual (or not sure): {r.check_domains} ({label}) at {at}"
    if r.note_words is not None:
        return f'found in your note: "{r.note_words}" ({label}) at {at}'
    if r.severity is None:
        return f"{label} at {at}"
    return f"{label} ({SEVERITY_WORDS[r.severity].lower()}) at {at}"
