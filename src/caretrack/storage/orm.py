"""The schema, in SQLAlchemy 2 typed declarative style.

Entries are append-only: an edit adds an `EntryVersionRow` and bumps `EntryRow.version`
(optimistic concurrency), so every earlier version stays readable.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from caretrack.storage.timestamps import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 'CTRK': lets start-up tell a CareTrack file from another program's SQLite file.
APPLICATION_ID = 0x4354524B


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class HouseholdRow(Base):
    __tablename__ = "households"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CareTeamRow(Base):
    __tablename__ = "care_teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    phone_24h: Mapped[str] = mapped_column(String(60), default="")
    phone_clinic: Mapped[str] = mapped_column(String(60), default="")
    phone_emergency: Mapped[str] = mapped_column(String(60), default="")


class ChildRow(Base):
    __tablename__ = "children"
    __table_args__ = (CheckConstraint("weight_g IS NULL OR weight_g > 0", name="weight"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date]
    weight_g: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    courses: Mapped[list[CourseRow]] = relationship(
        back_populates="child", order_by="CourseRow.start_date"
    )


class CourseRow(Base):
    __tablename__ = "therapy_courses"
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    therapy_id: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date]
    cycle: Mapped[int | None]
    break_days: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    hospital_days: Mapped[int | None]
    stay_near_days: Mapped[int | None]
    child: Mapped[ChildRow] = relationship(back_populates="courses")
    dose_dates: Mapped[list[DoseDateRow]] = relationship(order_by="DoseDateRow.dose_date")


class DoseDateRow(Base):
    """A dose day as the care team gave it (rituximab, gemtuzumab, a moved inotuzumab dose)."""

    __tablename__ = "course_dose_dates"
    __table_args__ = (
        UniqueConstraint("course_id", "dose_date", name="uq_course_dose_dates_course_date"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("therapy_courses.id"), index=True)
    dose_date: Mapped[date]


class EntryRow(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    entered_tz: Mapped[str] = mapped_column(String(64))
    # The current version's time, kept here so history queries need no join to sort.
    observed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    versions: Mapped[list[EntryVersionRow]] = relationship(
        back_populates="entry", order_by="EntryVersionRow.number"
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy reads it


class EntryVersionRow(Base):
    __tablename__ = "entry_versions"
    __table_args__ = (
        UniqueConstraint("entry_id", "number", name="uq_entry_versions_entry_number"),
        CheckConstraint(
            "(temp_tenths IS NULL AND temp_unit IS NULL AND temp_route IS NULL) OR "
            "(temp_tenths IS NOT NULL AND temp_unit IN ('C', 'F') AND "
            "temp_route IN ('oral', 'axillary', 'ear', 'forehead'))",
            name="temperature",
        ),
        CheckConstraint(
            "pump_bag_hours IS NULL OR pump_bag_hours IN (24, 48, 72, 96, 168)", name="bag_hours"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    number: Mapped[int]
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime())
    observed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    observed_tz: Mapped[str] = mapped_column(String(64))
    logged_by: Mapped[str] = mapped_column(String(200), default="")
    temp_tenths: Mapped[int | None]
    temp_unit: Mapped[str | None] = mapped_column(String(1))
    temp_route: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    pump_event: Mapped[str | None] = mapped_column(String(16))
    pump_bag_hours: Mapped[int | None]
    entry: Mapped[EntryRow] = relationship(back_populates="versions")
    neuro_check: Mapped[NeuroCheckRow | None] = relationship(uselist=False)
    symptoms: Mapped[list[EntrySymptomRow]] = relationship(order_by="EntrySymptomRow.id")
    medicines: Mapped[list[EntryMedicineRow]] = relationship(order_by="EntryMedicineRow.position")


class EntrySymptomRow(Base):
    __tablename__ = "entry_symptoms"
    __table_args__ = (
        UniqueConstraint("version_id", "symptom_id", name="uq_entry_symptoms_version_symptom"),
        CheckConstraint("severity IS NULL OR severity BETWEEN 0 AND 4", name="severity"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("entry_versions.id"), index=True)
    symptom_id: Mapped[str] = mapped_column(String(64))
    severity: Mapped[int | None]


class EntryMedicineRow(Base):
    __tablename__ = "entry_medicines"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("entry_versions.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str] = mapped_column(String(200), default="")
    given_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    given_tz: Mapped[str | None] = mapped_column(String(64))


class NeuroCheckRow(Base):
    """One version's daily neuro check: the answers (JSON lists) and the writing sample."""

    __tablename__ = "entry_neuro_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("entry_versions.id"), unique=True)
    asked: Mapped[str] = mapped_column(Text)
    changed: Mapped[str] = mapped_column(Text)
    unsure: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text, default="")
    handwriting_png: Mapped[bytes | None] = mapped_column(LargeBinary)


class FlagRow(Base):
    """Append-only: rows are inserted, never updated or deleted."""

    __tablename__ = "flags"
    __table_args__ = (
        CheckConstraint("tier IN ('emergency', 'report_now', 'note_for_visit')", name="tier"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    entry_version: Mapped[int]
    rule_id: Mapped[str] = mapped_column(String(64))
    rule_version: Mapped[int]
    rules_version: Mapped[str] = mapped_column(String(32))
    tier: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    what_to_do: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)  # JSON list
    sources: Mapped[str] = mapped_column(Text)  # JSON list
    found_in_note: Mapped[bool]
    observed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime())
    entry: Mapped[EntryRow] = relationship()
    closed_by: Mapped[FlagCallRow | None] = relationship(uselist=False)


class CallRow(Base):
    __tablename__ = "calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    called_at: Mapped[datetime] = mapped_column(UtcDateTime())
    called_tz: Mapped[str] = mapped_column(String(64))
    caller: Mapped[str] = mapped_column(String(200), default="")
    spoke_with: Mapped[str] = mapped_column(String(200), default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class FlagCallRow(Base):
    """Which call closed which flag; a flag is closed at most once."""

    __tablename__ = "flag_calls"
    flag_id: Mapped[int] = mapped_column(ForeignKey("flags.id"), primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    call: Mapped[CallRow] = relationship()


class QuestionRow(Base):
    """A question for the next clinic visit; ticked off, never deleted."""

    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    asked_tz: Mapped[str] = mapped_column(String(64))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ClinicVisitRow(Base):
    __tablename__ = "clinic_visits"
    __table_args__ = (
        UniqueConstraint("child_id", "visit_date", name="uq_clinic_visits_child_date"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    visit_date: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class MedicinePlanRow(Base):
    """A medicine on the child's list; stopped (with the date), never deleted."""

    __tablename__ = "medicine_plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str] = mapped_column(String(200), default="")
    schedule: Mapped[str] = mapped_column(Text, default="")
    times: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of "HH:MM"
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())
    stopped_on: Mapped[date | None]


class ReminderPlanRow(Base):
    __tablename__ = "reminder_plans"
    __table_args__ = (
        UniqueConstraint("child_id", "kind", name="uq_reminder_plans_child_kind"),
        CheckConstraint(
            "kind IN ('temperature', 'neuro_check', 'bag_change', 'medicine')", name="kind"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    enabled: Mapped[bool]
    times: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of "HH:MM"


class SettingRow(Base):
    """Small household-wide settings (last person who logged, preferred unit...) as JSON text."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
