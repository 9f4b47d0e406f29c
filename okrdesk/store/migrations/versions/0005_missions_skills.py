"""missions with depth and skills (issue 23)

Revision ID: 0005_missions_skills
Revises: 0004_next_steps
Create Date: 2026-12-01

New tables for the person's values, a mission's further stakeholders and values, and the
skills framework (skills, the steps by which a level moved, the skills a milestone or a
growth note names); new columns with empty defaults: a mission's "served when", the
wording an evaluation saw, a key result's skill. An old plan keeps every row: its mission's
one stakeholder stays the primary one (``missions.stakeholder_id``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_missions_skills"
down_revision = "0004_next_steps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "personal_values",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("meaning", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_values")),
    )
    op.create_table(
        "skills",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("group", sa.String(length=300), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("aim", sa.Integer(), nullable=True),
        sa.Column("meanings", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skills")),
    )
    op.create_table(
        "mission_stakeholders",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("stakeholder_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_mission_stakeholders_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_mission_stakeholders_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission_stakeholders")),
        sa.UniqueConstraint(
            "mission_id", "stakeholder_id", name=op.f("uq_mission_stakeholders_mission_id")
        ),
    )
    with op.batch_alter_table("mission_stakeholders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mission_stakeholders_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mission_stakeholders_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "mission_values",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("value_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_mission_values_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["value_id"],
            ["personal_values.id"],
            name=op.f("fk_mission_values_value_id_personal_values"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission_values")),
        sa.UniqueConstraint("mission_id", "value_id", name=op.f("uq_mission_values_mission_id")),
    )
    with op.batch_alter_table("mission_values", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mission_values_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mission_values_value_id"), ["value_id"], unique=False)

    op.create_table(
        "milestone_skills",
        sa.Column("milestone_id", sa.String(length=36), nullable=False),
        sa.Column("skill_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["milestones.id"],
            name=op.f("fk_milestone_skills_milestone_id_milestones"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_milestone_skills_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone_skills")),
        sa.UniqueConstraint(
            "milestone_id", "skill_id", name=op.f("uq_milestone_skills_milestone_id")
        ),
    )
    with op.batch_alter_table("milestone_skills", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_milestone_skills_milestone_id"), ["milestone_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_milestone_skills_skill_id"), ["skill_id"], unique=False
        )

    op.create_table(
        "skill_steps",
        sa.Column("skill_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("previous", sa.Integer(), nullable=True),
        sa.Column("milestone_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["milestones.id"],
            name=op.f("fk_skill_steps_milestone_id_milestones"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_skill_steps_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_steps")),
    )
    with op.batch_alter_table("skill_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_skill_steps_milestone_id"), ["milestone_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_skill_steps_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "note_skills",
        sa.Column("growth_note_id", sa.String(length=36), nullable=False),
        sa.Column("skill_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["growth_note_id"],
            ["growth_notes.id"],
            name=op.f("fk_note_skills_growth_note_id_growth_notes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_note_skills_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_skills")),
        sa.UniqueConstraint(
            "growth_note_id", "skill_id", name=op.f("uq_note_skills_growth_note_id")
        ),
    )
    with op.batch_alter_table("note_skills", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_note_skills_growth_note_id"), ["growth_note_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_note_skills_skill_id"), ["skill_id"], unique=False)

    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skill_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_key_results_skill_id"), ["skill_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_key_results_skill_id_skills"),
            "skills",
            ["skill_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("mission_evaluations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("statement", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("served_when", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum("regular", "missions", name="meetingkind", native_enum=False, length=32),
                nullable=False,
                server_default="regular",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("kind")

    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.drop_column("served_when")

    with op.batch_alter_table("mission_evaluations", schema=None) as batch_op:
        batch_op.drop_column("statement")
        batch_op.drop_column("title")

    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_key_results_skill_id_skills"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_key_results_skill_id"))
        batch_op.drop_column("skill_id")

    with op.batch_alter_table("note_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_skills_skill_id"))
        batch_op.drop_index(batch_op.f("ix_note_skills_growth_note_id"))

    op.drop_table("note_skills")
    with op.batch_alter_table("skill_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_steps_skill_id"))
        batch_op.drop_index(batch_op.f("ix_skill_steps_milestone_id"))

    op.drop_table("skill_steps")
    with op.batch_alter_table("milestone_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_skills_skill_id"))
        batch_op.drop_index(batch_op.f("ix_milestone_skills_milestone_id"))

    op.drop_table("milestone_skills")
    with op.batch_alter_table("mission_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mission_values_value_id"))
        batch_op.drop_index(batch_op.f("ix_mission_values_mission_id"))

    op.drop_table("mission_values")
    with op.batch_alter_table("mission_stakeholders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mission_stakeholders_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_mission_stakeholders_mission_id"))

    op.drop_table("mission_stakeholders")
    op.drop_table("skills")
    op.drop_table("personal_values")
