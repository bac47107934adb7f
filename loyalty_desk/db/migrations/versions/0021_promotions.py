"""promotions: bonus events of a program

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04

`loyalty_promotions` holds a program's bonus events (README, "Promotions"): a multiplier or a
fixed bonus, a window of instants, and optional weekdays, local hours, minimum amount and tiers.
A new table: nothing to move.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import (
    BOOL,
    INT,
    JSON,
    MONEY,
    OWNER,
    RATE,
    STAMP,
    col,
    create_table,
)

revision = "0021"
down_revision = "0020"


def upgrade() -> None:
    create_table("loyalty_promotions", [
        col("id", INT), col("user_id", OWNER), col("program_id", INT), col("name", 80),
        col("multiplier", RATE, null=True), col("bonus_points", INT, null=True),
        col("starts_at", STAMP), col("ends_at", STAMP), col("days_of_week", JSON),
        col("hour_from", INT, null=True), col("hour_to", INT, null=True), col("min_amount", MONEY, null=True),
        col("tier_ids", JSON), col("stacks_with_tier", BOOL), col("active", BOOL),
        col("created_at", STAMP), col("updated_at", STAMP),
    ], checks={
        "one_kind": "(multiplier IS NULL) <> (bonus_points IS NULL)",
        "multiplier": "multiplier IS NULL OR multiplier > 1",
        "bonus_points": "bonus_points IS NULL OR bonus_points > 0",
        "window": "ends_at > starts_at",
        "hours": "hour_from IS NULL OR (hour_from >= 0 AND hour_to > hour_from AND hour_to <= 24)",
        "min_amount": "min_amount IS NULL OR min_amount >= 0",
    }, refs={"program_id": "loyalty_programs.id"},
        indexes={"ix_loyalty_promotions_program": ["program_id", "ends_at"],
                 "ix_loyalty_promotions_user_id": ["user_id"]})


def downgrade() -> None:
    op.drop_table("loyalty_promotions")
