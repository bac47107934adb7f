"""shop settings: address, country, locale, receipt footer, paper size, logo; a time zone change that waits

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Existing shops keep their behaviour: no country or locale (the computer's own
formats), and US Letter paper where the phone region is one of CLDR's Letter
countries, A4 elsewhere.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import STAMP, TEXT, col

revision = "0008"
down_revision = "0007"

LETTER = ("BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE")


def upgrade() -> None:
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.add_column(sa.Column("address", TEXT, nullable=False, server_default=""))
        batch.add_column(col("country", 2, null=True))
        batch.add_column(col("locale", 16, null=True))
        batch.add_column(sa.Column("receipt_footer", TEXT, nullable=False, server_default=""))
        batch.add_column(sa.Column("paper_size", sa.String(length=8), nullable=False, server_default="A4"))
        batch.add_column(col("logo_png", sa.LargeBinary(), null=True))
        batch.add_column(col("next_timezone", 64, null=True))
        batch.add_column(col("timezone_changes_at", STAMP, null=True))
    op.execute(sa.text("UPDATE loyalty_shops SET paper_size = 'Letter' WHERE phone_region IN :letter")
               .bindparams(sa.bindparam("letter", value=list(LETTER), expanding=True)))
    with op.batch_alter_table("loyalty_shops") as batch:
        for name in ("address", "receipt_footer", "paper_size"):
            batch.alter_column(name, server_default=None)
        batch.create_check_constraint("paper_size", "paper_size IN ('A4', 'Letter')")
        batch.create_check_constraint("timezone_change_pair",
                                      "(next_timezone IS NULL) = (timezone_changes_at IS NULL)")


def downgrade() -> None:
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.drop_constraint("timezone_change_pair", type_="check")
        batch.drop_constraint("paper_size", type_="check")
        for name in ("timezone_changes_at", "next_timezone", "logo_png", "paper_size", "receipt_footer", "locale",
                     "country", "address"):
            batch.drop_column(name)
