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
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loyalty_retired_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.String(length=16), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["loyalty_members.id"],
                                name=op.f("fk_loyalty_retired_cards_member_id_loyalty_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loyalty_retired_cards")),
        sa.UniqueConstraint("card_number", name=op.f("uq_loyalty_retired_cards_card_number")),
    )
    with op.batch_alter_table("loyalty_retired_cards") as batch:
        batch.create_index("ix_loyalty_retired_cards_member_id", ["member_id"])


def downgrade() -> None:
    with op.batch_alter_table("loyalty_retired_cards") as batch:
        batch.drop_index("ix_loyalty_retired_cards_member_id")
    op.drop_table("loyalty_retired_cards")
