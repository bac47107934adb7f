"""saved member segments

Revision ID: 0021
Revises: 0016
Create Date: 2026-12-04

`loyalty_segments` keeps the Members tab's saved filters (README, "Segments"): a name, a kind
of rule and its parameter, for one program or all of them.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import INT, JSON, OWNER, STAMP, col, create_table, one_of

revision = "0021"
down_revision = "0016"

KINDS = ("inactive", "birthday_month", "near_next_tier", "expiring", "top_spenders", "enrolled")


def upgrade() -> None:
    create_table("loyalty_segments", [
        col("id", INT), col("user_id", OWNER), col("program_id", INT, null=True), col("name", 80), col("kind", 20),
        col("params", JSON), col("created_at", STAMP),
    ], checks={"kind": one_of("kind", KINDS)}, refs={"program_id": "loyalty_programs.id"},
        uniques=[("user_id", "name")])


def downgrade() -> None:
    op.drop_table("loyalty_segments")
