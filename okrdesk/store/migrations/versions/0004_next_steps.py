"""next steps on key results (the weekly rhythm, issue 22)

Revision ID: 0004_next_steps
Revises: 0003_cycle_close
Create Date: 2026-12-01

A new table only: existing plans simply have no next steps yet.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_next_steps"
down_revision = "0003_cycle_close"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "next_steps",
        sa.Column("key_result_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column(
            "blocker",
            sa.Enum(
                "waiting on others",
                "unclear",
                "too much else",
                "technical",
                "other",
                name="blocker",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_next_steps_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_next_steps")),
    )
    with op.batch_alter_table("next_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_next_steps_key_result_id"), ["key_result_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("next_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_next_steps_key_result_id"))
    op.drop_table("next_steps")
