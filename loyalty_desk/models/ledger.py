"""The points ledger (spec table 4) and the earn lots it is spent from.

`loyalty_points_transactions` is append-only (docs/ARCHITECTURE.md, "The ledger").
`loyalty_point_lots` is a cache of what is left of each credit; every change
to it is explained by a row of `loyalty_lot_consumptions`.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Money, UTCDateTime, partial_index
from .enums import TransactionStatus, TransactionType, check_in
from .staff import Acted


class PointsTransaction(Acted, Base):
    __tablename__ = "loyalty_points_transactions"
    __table_args__ = (
        CheckConstraint(check_in("transaction_type", TransactionType), name="transaction_type"),
        CheckConstraint(check_in("status", TransactionStatus), name="status"),
        CheckConstraint("points_balance_after >= 0", name="balance_after"),
        CheckConstraint("shortfall_points >= 0", name="shortfall"),
        CheckConstraint("(reference_type IS NULL) = (reference_id IS NULL)", name="reference_pair"),
        # Exactly once: one row per program and external reference.
        UniqueConstraint("program_id", "reference_type", "reference_id"),
        Index("ix_loyalty_points_transactions_member_id", "member_id", "id"),
        # Returns, releases and refunds find the row they correct (migration 0005).
        Index("ix_loyalty_points_transactions_related", "related_transaction_id"),
        # A period's rows of one type, read from the index alone (the dashboard's refunds; 0024).
        Index("ix_loyalty_points_transactions_type", "transaction_type", "created_at", "program_id", "status",
              "points_amount"),
        Index("ix_loyalty_points_transactions_created_at", "created_at"),
        Index("ix_loyalty_points_transactions_user_created", "user_id", "created_at"),
        # A cashier's adjustments of the day, and the audit log of one person (migration 0009).
        Index("ix_loyalty_points_transactions_actor", "actor_staff_id", "created_at"),
        partial_index("ix_loyalty_points_transactions_pending", "pending_until", "status = 'pending'"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    transaction_type: Mapped[str] = mapped_column(String(24))
    points_amount: Mapped[int] = mapped_column(Integer)
    points_balance_after: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(32))
    reference_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    reference_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    expiration_date: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Added by the rules: the purchase amount (or amount returned), the row this
    # one corrects or settles, points held while pending, and any return shortfall.
    amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    related_transaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("loyalty_points_transactions.id"), nullable=True
    )
    pending_points: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pending_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    shortfall_points: Mapped[int] = mapped_column(Integer, default=0)
    # The lifetime points a `member_merge` row moves (migration 0010); NULL on every other row.
    qualifying_points: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)


class PointLot(Base):
    """What is left of one credit row. Spending takes from the oldest lot first."""

    __tablename__ = "loyalty_point_lots"
    __table_args__ = (
        CheckConstraint("points_remaining >= 0", name="remaining"),
        CheckConstraint("points_remaining <= points_original", name="remaining_le_original"),
        Index("ix_loyalty_point_lots_member", "member_id", "lot_id"),
        partial_index("ix_loyalty_point_lots_open_expiry", "expires_at", "points_remaining > 0"),
    )

    lot_id: Mapped[int] = mapped_column(ForeignKey("loyalty_points_transactions.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    points_original: Mapped[int] = mapped_column(Integer)
    points_remaining: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LotConsumption(Base):
    """Links a debit row to the lots it took points from."""

    __tablename__ = "loyalty_lot_consumptions"
    __table_args__ = (
        CheckConstraint("points > 0", name="points"),
        Index("ix_loyalty_lot_consumptions_debit", "debit_transaction_id"),
        Index("ix_loyalty_lot_consumptions_lot", "lot_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    debit_transaction_id: Mapped[int] = mapped_column(ForeignKey("loyalty_points_transactions.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("loyalty_point_lots.lot_id"))
    points: Mapped[int] = mapped_column(Integer)
