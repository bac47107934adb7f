"""saved member segments, and emails to a segment

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04

`loyalty_segments` keeps the Members tab's saved filters (README, "Segments"): a name, a kind
of rule and its parameter, for one program or all of them. The outbox and the templates gain
the message kind `campaign`, a one-off email to a segment; their CHECKs are widened in place
(schema_ops.replace_check), without copying the outbox.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import (
    INT,
    JSON,
    OWNER,
    STAMP,
    col,
    create_table,
    one_of,
    replace_check,
)

revision = "0017"
down_revision = "0016"

SEGMENT_KINDS = ("inactive", "birthday_month", "near_next_tier", "expiring", "top_spenders", "enrolled")
OLD_MESSAGE_KINDS = ("welcome", "tier_changed", "points_expiring", "birthday", "redemption_update", "reactivation")
NEW_MESSAGE_KINDS = (*OLD_MESSAGE_KINDS, "campaign")
MESSAGE_TABLES = ("loyalty_outbox", "loyalty_message_templates")


def upgrade() -> None:
    create_table("loyalty_segments", [
        col("id", INT), col("user_id", OWNER), col("program_id", INT, null=True), col("name", 80), col("kind", 20),
        col("params", JSON), col("created_at", STAMP),
    ], checks={"kind": one_of("kind", SEGMENT_KINDS)}, refs={"program_id": "loyalty_programs.id"},
        uniques=[("user_id", "name")])
    for table in MESSAGE_TABLES:
        replace_check(table, "kind", one_of("kind", OLD_MESSAGE_KINDS), one_of("kind", NEW_MESSAGE_KINDS))


def downgrade() -> None:
    for table in MESSAGE_TABLES:
        used = op.get_bind().execute(sa.text(f"SELECT count(*) FROM {table} WHERE kind = 'campaign'"))
        if used.scalar_one():
            raise RuntimeError(f"{table} holds emails to segments: delete them before going back")
        replace_check(table, "kind", one_of("kind", NEW_MESSAGE_KINDS), one_of("kind", OLD_MESSAGE_KINDS))
    op.drop_table("loyalty_segments")
