"""members: remember replaced card numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25

Replacing a card used to overwrite the member's card number, so a scan of the old
card found nobody and the counter offered to enroll a new member. The old numbers
are now kept here, written by the replacement itself. Cards replaced before this
migration cannot be recovered: the table starts empty.

Redemption codes need no new index: the unique constraint on
`reward_code_generated` already makes a code lookup an index equality.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import INT, OWNER, STAMP, col, create_table

revision = "0007"
down_revision = "0006"




def upgrade() -> None:
    create_table("loyalty_retired_cards", [
        col("id", INT), col("user_id", OWNER), col("member_id", INT), col("card_number", 16),
        col("replaced_at", STAMP),
    ], refs={"member_id": "loyalty_members.id"}, uniques=[("card_number",)],
        indexes={"ix_loyalty_retired_cards_member_id": ["member_id"]})


def downgrade() -> None:
    op.drop_table("loyalty_retired_cards")
