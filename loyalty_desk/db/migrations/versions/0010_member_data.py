"""one member's data: erasure and merging

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Members get `erased_at` (when their personal data was erased) and `merged_into_id` (the
member a duplicate was merged into). Ledger rows get `qualifying_points`, the lifetime
points a merge row moves (NULL on every other row), and the ledger's transaction types
gain `member_merge`. Settings changes get `note`, the reason given for an erasure.

Every column is added without a foreign key, CHECK or default, by ALTER TABLE ADD COLUMN,
which leaves existing rows untouched (on SQLite a constraint would rebuild the table, and
the ledger may hold millions of rows). The wider CHECK on `transaction_type` is made the
same way: on PostgreSQL by replacing the constraint; on SQLite by editing the table's
stored definition (SQLite's documented procedure for constraint changes that every row
already meets), instead of copying the whole ledger.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import INT, STAMP, TEXT, col, replace_check

revision = "0010"
down_revision = "0009"

LEDGER = "loyalty_points_transactions"
OLD_TYPES = ("purchase", "referral", "birthday_bonus", "manual_adjustment", "redemption", "expiration",
             "welcome_bonus", "purchase_return", "redemption_refund")
NEW_TYPES = (*OLD_TYPES, "member_merge")


def _types_sql(types: tuple[str, ...]) -> str:
    return f"transaction_type IN ({', '.join(repr(t) for t in types)})"


def _set_types(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    replace_check(LEDGER, "transaction_type", _types_sql(old), _types_sql(new))


def upgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        batch.add_column(col("erased_at", STAMP, null=True))
        batch.add_column(col("merged_into_id", INT, null=True))
    with op.batch_alter_table(LEDGER) as batch:
        batch.add_column(col("qualifying_points", INT, null=True))
    with op.batch_alter_table("loyalty_settings_changes") as batch:
        batch.add_column(col("note", TEXT, null=True))
    _set_types(OLD_TYPES, NEW_TYPES)


def downgrade() -> None:
    merges = op.get_bind().execute(sa.text(f"SELECT count(*) FROM {LEDGER} WHERE transaction_type = 'member_merge'"))
    if merges.scalar_one():
        raise RuntimeError("Members were merged: the ledger holds member_merge rows, which are never deleted")
    _set_types(NEW_TYPES, OLD_TYPES)
    with op.batch_alter_table("loyalty_settings_changes") as batch:
        batch.drop_column("note")
    with op.batch_alter_table(LEDGER) as batch:
        batch.drop_column("qualifying_points")
    with op.batch_alter_table("loyalty_members") as batch:
        batch.drop_column("merged_into_id")
        batch.drop_column("erased_at")
