"""What makes a file an okrdesk plan of a given schema: the header, the application id and
the schema revisions, standard library only (the first window reads a plan before
SQLAlchemy loads). A new migration adds its revision at the end of ``REVISIONS``.
"""

from __future__ import annotations

# Every migration in order, oldest first. A test checks this against Alembic's scripts, so
# opening a current file needs no Alembic import (it is slow to import).
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_coach_meetings_team",
    "0003_cycle_close",
    "0004_next_steps",
    "0005_missions_skills",
)
HEAD = REVISIONS[-1]
VERSION_TABLE = "alembic_version"
SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's header field for "which application's file is this" ("okrd"): set on every plan
# okrdesk opens, so a plan is known as one without reading its tables.
APPLICATION_ID = 0x6F6B7264
