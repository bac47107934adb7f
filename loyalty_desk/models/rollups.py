"""Running totals kept current on every write, so the dashboard never scans the ledger.

Each is a cache of the ledger, like a member's balance: check_ledger rebuilds
them from the rows and reports any difference.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, Money


class ProgramTotals(Base):
    __tablename__ = "loyalty_program_totals"
    __table_args__ = (
        CheckConstraint("points_outstanding >= 0", name="outstanding"),
        CheckConstraint("points_pending >= 0", name="pending"),
    )

    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    members: Mapped[int] = mapped_column(Integer, default=0)
    points_issued: Mapped[int] = mapped_column(Integer, default=0)
    points_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    points_expired: Mapped[int] = mapped_column(Integer, default=0)
    points_outstanding: Mapped[int] = mapped_column(Integer, default=0)
    points_pending: Mapped[int] = mapped_column(Integer, default=0)
    spending: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # Members per tier id ("none" for members in no tier).
    tier_counts: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class ExpiryCalendar(Base):
    """Open points per program and expiry day, for the 30/60/90-day liability figures."""

    __tablename__ = "loyalty_expiry_calendar"
    __table_args__ = (CheckConstraint("points >= 0", name="points"),)

    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"), primary_key=True)
    expiry_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer, default=0)
