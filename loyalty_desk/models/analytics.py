"""Daily analytics snapshots (spec table 8), and the replay's checkpoint they are written from."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, Money


class ProgramAnalytics(Base):
    __tablename__ = "loyalty_program_analytics"
    __table_args__ = (
        # One snapshot per program per day; also the spec's program_id+analytics_date index.
        UniqueConstraint("program_id", "analytics_date", name="uq_loyalty_program_analytics_program_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    analytics_date: Mapped[dt.date] = mapped_column(Date)
    total_members: Mapped[int] = mapped_column(Integer)
    active_members: Mapped[int] = mapped_column(Integer)
    total_points_issued: Mapped[int] = mapped_column(Integer)
    total_points_redeemed: Mapped[int] = mapped_column(Integer)
    total_points_outstanding: Mapped[int] = mapped_column(Integer)
    average_member_points: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    redemption_rate: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    tier_distribution: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    new_members: Mapped[int] = mapped_column(Integer)
    churned_members: Mapped[int] = mapped_column(Integer)
    total_spending: Mapped[Decimal] = mapped_column(Money())
    average_spending_per_member: Mapped[Decimal] = mapped_column(Money())
    # Added (README, "Analytics"): the two sides of redemption_rate, the day's
    # redemptions, and cumulative expired points, for the trends and breakage.
    eligible_members: Mapped[int] = mapped_column(Integer, default=0)
    redeeming_members: Mapped[int] = mapped_column(Integer, default=0)
    redemptions: Mapped[int] = mapped_column(Integer, default=0)
    points_redeemed_today: Mapped[int] = mapped_column(Integer, default=0)
    total_points_expired: Mapped[int] = mapped_column(Integer, default=0)


class SnapshotCheckpoint(Base):
    """The snapshot replay's state at the end of `snapshot_day`, one per program (README,
    "Analytics"): the next day's snapshot resumes from it. The ids are the highest of each table
    when it was read; a row above them dated on or before `snapshot_day` (written since, but
    dated back) means the state misses it, and the replay starts from the beginning instead."""

    __tablename__ = "loyalty_snapshot_checkpoints"

    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    snapshot_day: Mapped[dt.date] = mapped_column(Date)
    last_transaction_id: Mapped[int] = mapped_column(Integer)
    last_member_id: Mapped[int] = mapped_column(Integer)
    last_move_id: Mapped[int] = mapped_column(Integer)
    state: Mapped[bytes] = mapped_column(LargeBinary)   # services/snapshot_state.py, ProgramState.dump
