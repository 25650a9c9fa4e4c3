"""Initial schema: household, children, courses, versioned entries, flags and calls, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 21:41:09.198379
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 'CTRK' marks the file as CareTrack's; user_version follows the revision number.
    op.execute("PRAGMA application_id = 1129599563")
    op.execute("PRAGMA user_version = 1")

    op.create_table(
        "calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("called_at", sa.String(length=32), nullable=False),
        sa.Column("called_tz", sa.String(length=64), nullable=False),
        sa.Column("caller", sa.String(length=200), nullable=False),
        sa.Column("spoke_with", sa.String(length=200), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    op.create_table(
        "households",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "care_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone_24h", sa.String(length=60), nullable=False),
        sa.Column("phone_clinic", sa.String(length=60), nullable=False),
        sa.Column("phone_emergency", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_care_teams_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_teams")),
        sa.UniqueConstraint("household_id", name=op.f("uq_care_teams_household_id")),
    )
    op.create_table(
        "children",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("weight_g IS NULL OR weight_g > 0", name=op.f("ck_children_weight")),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_children_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_children")),
    )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_children_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.String(length=32), nullable=False),
        sa.Column("entered_tz", sa.String(length=64), nullable=False),
        sa.Column("observed_at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_entries_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint("uid", name=op.f("uq_entries_uid")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entries_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entries_observed_at"), ["observed_at"], unique=False)

    op.create_table(
        "therapy_courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("therapy_id", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=True),
        sa.Column("break_days", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_therapy_courses_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_therapy_courses")),
    )
    with op.batch_alter_table("therapy_courses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_therapy_courses_child_id"), ["child_id"], unique=False)

    op.create_table(
        "entry_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.String(length=32), nullable=False),
        sa.Column("observed_at", sa.String(length=32), nullable=False),
        sa.Column("observed_tz", sa.String(length=64), nullable=False),
        sa.Column("logged_by", sa.String(length=200), nullable=False),
        sa.Column("temp_tenths", sa.Integer(), nullable=True),
        sa.Column("temp_unit", sa.String(length=1), nullable=True),
        sa.Column("temp_route", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("pump_event", sa.String(length=16), nullable=True),
        sa.CheckConstraint(
            "(temp_tenths IS NULL AND temp_unit IS NULL AND temp_route IS NULL) OR (temp_tenths IS NOT NULL AND temp_unit IN ('C', 'F') AND temp_route IN ('oral', 'axillary', 'ear', 'forehead'))",
            name=op.f("ck_entry_versions_temperature"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_entry_versions_entry_id_entries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_versions")),
        sa.UniqueConstraint("entry_id", "number", name="uq_entry_versions_entry_number"),
    )
    with op.batch_alter_table("entry_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_versions_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("entry_version", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.String(length=32), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("what_to_do", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("found_in_note", sa.Boolean(), nullable=False),
        sa.Column("observed_at", sa.String(length=32), nullable=True),
        sa.Column("raised_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "tier IN ('emergency', 'report_now', 'note_for_visit')", name=op.f("ck_flags_tier")
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_flags_entry_id_entries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flags")),
    )
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_flags_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "entry_medicines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("dose", sa.String(length=200), nullable=False),
        sa.Column("given_at", sa.String(length=32), nullable=True),
        sa.Column("given_tz", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["entry_versions.id"],
            name=op.f("fk_entry_medicines_version_id_entry_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_medicines")),
    )
    with op.batch_alter_table("entry_medicines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entry_medicines_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "entry_symptoms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("symptom_id", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "severity IS NULL OR severity BETWEEN 0 AND 4", name=op.f("ck_entry_symptoms_severity")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["entry_versions.id"],
            name=op.f("fk_entry_symptoms_version_id_entry_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_symptoms")),
        sa.UniqueConstraint("version_id", "symptom_id", name="uq_entry_symptoms_version_symptom"),
    )
    with op.batch_alter_table("entry_symptoms", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entry_symptoms_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "flag_calls",
        sa.Column("flag_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_flag_calls_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["flag_id"], ["flags.id"], name=op.f("fk_flag_calls_flag_id_flags")
        ),
        sa.PrimaryKeyConstraint("flag_id", name=op.f("pk_flag_calls")),
    )
    with op.batch_alter_table("flag_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_flag_calls_call_id"), ["call_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("CareTrack never downgrades a family's data; restore a backup")
