"""coach dismissals, meeting agendas and snapshots, team sync

Revision ID: 0002_coach_meetings_team
Revises: 0001_initial
Create Date: 2026-11-23

Existing rows get empty origins and sync records, and are unlocked: they are the person's own.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_coach_meetings_team"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dismissals",
        sa.Column("rule_id", sa.String(length=50), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dismissals")),
        sa.UniqueConstraint("rule_id", "subject_id", name=op.f("uq_dismissals_rule_id")),
    )
    with op.batch_alter_table("dismissals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dismissals_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "agenda_points",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_agenda_points_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_points")),
    )
    with op.batch_alter_table("agenda_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_points_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "snapshots",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("health", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_snapshots_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshots")),
    )
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_snapshots_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_snapshots_subject_id"), ["subject_id"], unique=False)

    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("synced", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))

    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("synced", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("synced", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_column("synced")
        batch_op.drop_column("locked")
        batch_op.drop_column("origin")

    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.drop_column("synced")
        batch_op.drop_column("locked")
        batch_op.drop_column("origin")

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("closed_on")

    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.drop_column("synced")
        batch_op.drop_column("locked")
        batch_op.drop_column("origin")

    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshots_subject_id"))
        batch_op.drop_index(batch_op.f("ix_snapshots_meeting_id"))

    op.drop_table("snapshots")
    with op.batch_alter_table("agenda_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_points_meeting_id"))

    op.drop_table("agenda_points")
    with op.batch_alter_table("dismissals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dismissals_subject_id"))

    op.drop_table("dismissals")
