"""tier history takes the tier periods' reasons: spend, annual reset, inactivity

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04

README, "Tier periods": a hybrid program's moves by spend, a calendar year's reset and the
demotion after months without activity are written to tier history with their own reason, so
the CHECK on `promotion_reason` takes them (schema_ops.replace_check: in place, no table copy).
Going back, those rows read as automatic moves.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import one_of, replace_check

revision = "0020"
down_revision = "0019"

TABLE = "loyalty_tier_progression"
BEFORE = ("automatic_points", "manual_promotion", "special_event")
ADDED = ("automatic_spend", "annual_reset", "inactivity_demotion")


def upgrade() -> None:
    replace_check(TABLE, "promotion_reason", one_of("promotion_reason", BEFORE),
                  one_of("promotion_reason", (*BEFORE, *ADDED)))


def downgrade() -> None:
    op.execute(f"UPDATE {TABLE} SET promotion_reason = 'automatic_points' "
               f"WHERE promotion_reason IN ({', '.join(repr(r) for r in ADDED)})")
    replace_check(TABLE, "promotion_reason", one_of("promotion_reason", (*BEFORE, *ADDED)),
                  one_of("promotion_reason", BEFORE))
