"""closing a cycle: objective closes, mission evaluations and their evidence links

Revision ID: 0003_cycle_close
Revises: 0002_coach_meetings_team
Create Date: 2026-12-01

New tables only: a plan from before has closed no cycle yet, so nothing is filled in.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_cycle_close"
down_revision = "0002_coach_meetings_team"
branch_labels = None
depends_on = None


def _item_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "objective_closes",
        sa.Column("objective_id", sa.String(length=36), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("proposed", sa.Float(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("decision_why", sa.Text(), nullable=False),
        sa.Column("cause", sa.String(length=32), nullable=True),
        sa.Column("cause_text", sa.Text(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        *_item_columns(),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_objective_closes_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective_closes")),
        sa.UniqueConstraint("objective_id", name=op.f("uq_objective_closes_objective_id")),
    )
    with op.batch_alter_table("objective_closes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_objective_closes_objective_id"), ["objective_id"], unique=False
        )

    op.create_table(
        "mission_evaluations",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("cycle_id", sa.String(length=36), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        *_item_columns(),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycles.id"],
            name=op.f("fk_mission_evaluations_cycle_id_cycles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_mission_evaluations_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission_evaluations")),
        sa.UniqueConstraint(
            "mission_id", "cycle_id", name=op.f("uq_mission_evaluations_mission_id")
        ),
    )
    with op.batch_alter_table("mission_evaluations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mission_evaluations_cycle_id"), ["cycle_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mission_evaluations_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "evidence_links",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("key_result_id", sa.String(length=36), nullable=True),
        sa.Column("growth_note_id", sa.String(length=36), nullable=True),
        *_item_columns(),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["mission_evaluations.id"],
            name=op.f("fk_evidence_links_evaluation_id_mission_evaluations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["growth_note_id"],
            ["growth_notes.id"],
            name=op.f("fk_evidence_links_growth_note_id_growth_notes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_evidence_links_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_links")),
    )
    with op.batch_alter_table("evidence_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_links_evaluation_id"), ["evaluation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_links_growth_note_id"), ["growth_note_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_links_key_result_id"), ["key_result_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("evidence_links")
    op.drop_table("mission_evaluations")
    op.drop_table("objective_closes")
