"""tier history takes the tier periods' reasons: spend, annual reset, inactivity

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-04

README, "Tier periods": a hybrid program's moves by spend, a calendar year's reset and the
demotion after months without activity are written to tier history with their own reason,
so the CHECK on `promotion_reason` is rebuilt with them (batch mode: SQLite rebuilds the table).
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import one_of

revision = "0020"
down_revision = "0016"

TABLE = "loyalty_tier_progression"
NAME = "ck_loyalty_tier_progression_promotion_reason"
BEFORE = ("automatic_points", "manual_promotion", "special_event")
AFTER = (*BEFORE, "automatic_spend", "annual_reset", "inactivity_demotion")


def _reasons(values: tuple[str, ...]) -> None:
    with op.batch_alter_table(TABLE) as batch:
        batch.drop_constraint(op.f(NAME), type_="check")
        batch.create_check_constraint(op.f(NAME), one_of("promotion_reason", values))


def upgrade() -> None:
    _reasons(AFTER)


def downgrade() -> None:
    op.execute(f"UPDATE {TABLE} SET promotion_reason = 'automatic_points' "
               "WHERE promotion_reason IN ('automatic_spend', 'annual_reset', 'inactivity_demotion')")
    _reasons(BEFORE)
