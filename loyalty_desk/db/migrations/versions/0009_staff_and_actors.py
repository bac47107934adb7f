"""staff accounts, failed sign-ins, settings changes, staff limits; who did each row

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Ledger, activity and tier-change rows get `actor_kind`, `actor_staff_id` and
`approver_staff_id`. Existing rows keep NULL in all three: "before staff accounts".
The columns are added without foreign keys or CHECKs, because on SQLite either one
rebuilds the table, and the ledger may hold millions of rows; ALTER TABLE ADD
COLUMN does not touch them. Shops get the staff limits at their defaults.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import (
    BOOL,
    INT,
    JSON,
    MONEY,
    OWNER,
    STAMP,
    add_indexes,
    col,
    create_table,
    drop_indexes,
    one_of,
)

revision = "0009"
down_revision = "0008"

ACTED = ("loyalty_points_transactions", "loyalty_member_activity", "loyalty_tier_progression")


def _actor_columns() -> list[sa.Column]:
    return [col("actor_kind", 8, null=True), col("actor_staff_id", INT, null=True),
            col("approver_staff_id", INT, null=True)]


def upgrade() -> None:
    create_table("loyalty_staff", [
        col("id", INT), col("user_id", OWNER), col("name", 60), col("name_key", 60), col("role", 8),
        col("pin_hash", 200), col("active", BOOL), col("created_at", STAMP),
    ], checks={"role": one_of("role", ("owner", "manager", "cashier"))}, uniques=[("user_id", "name_key")])
    create_table("loyalty_sign_in_failures", [
        col("id", INT), col("user_id", OWNER), col("name_key", 60), col("staff_id", INT, null=True),
        col("failed_at", STAMP), col("purpose", 12), col("locked_until", STAMP, null=True),
    ], refs={"staff_id": "loyalty_staff.id"},
        indexes={"ix_loyalty_sign_in_failures_name": ["user_id", "name_key", "failed_at"]})
    create_table("loyalty_settings_changes", [
        col("id", INT), col("user_id", OWNER), col("changed_at", STAMP), col("subject", 16), col("subject_id", 64),
        col("action", 32), col("fields", JSON), *_actor_columns(),
    ], indexes={"ix_loyalty_settings_changes_user_date": ["user_id", "changed_at"]})
    for table in ACTED:
        with op.batch_alter_table(table) as batch:
            for column in _actor_columns():
                batch.add_column(column)
    add_indexes("loyalty_points_transactions", {"ix_loyalty_points_transactions_actor": ["actor_staff_id",
                                                                                        "created_at"]})
    add_indexes("loyalty_member_activity", {"ix_loyalty_member_activity_user_date": ["user_id", "activity_date"]})
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.add_column(sa.Column("approval_threshold_points", INT, nullable=False, server_default="500"))
        batch.add_column(sa.Column("cashier_daily_adjustment_cap", INT, nullable=False, server_default="2000"))
        batch.add_column(sa.Column("return_approval_amount", MONEY, nullable=False, server_default="100.00"))
        batch.add_column(sa.Column("auto_lock_minutes", INT, nullable=False, server_default="5"))
    with op.batch_alter_table("loyalty_shops") as batch:
        for name in ("approval_threshold_points", "cashier_daily_adjustment_cap", "return_approval_amount",
                     "auto_lock_minutes"):
            batch.alter_column(name, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("loyalty_shops") as batch:
        for name in ("auto_lock_minutes", "return_approval_amount", "cashier_daily_adjustment_cap",
                     "approval_threshold_points"):
            batch.drop_column(name)
    drop_indexes("loyalty_member_activity", ["ix_loyalty_member_activity_user_date"])
    drop_indexes("loyalty_points_transactions", ["ix_loyalty_points_transactions_actor"])
    for table in ACTED:
        with op.batch_alter_table(table) as batch:
            for name in ("approver_staff_id", "actor_staff_id", "actor_kind"):
                batch.drop_column(name)
    op.drop_table("loyalty_settings_changes")
    op.drop_table("loyalty_sign_in_failures")
    op.drop_table("loyalty_staff")
