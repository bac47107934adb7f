"""Bonus events of a program (migration 0021; README, "Promotions"): "double points on Tuesdays".

A promotion either multiplies the points of a purchase or adds a fixed bonus, within a window
of instants (`starts_at` inclusive, `ends_at` exclusive) and, optionally, on some weekdays, in a
band of local hours, above an amount or for some tiers only. Which one applies to a purchase
is decided in services/earning.py, the one place that computes purchase points.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, Money, Rate, UTCDateTime


class Promotion(Base):
    __tablename__ = "loyalty_promotions"
    __table_args__ = (
        # Exactly one of a multiplier (above 1) and a bonus (above 0).
        CheckConstraint("(multiplier IS NULL) <> (bonus_points IS NULL)", name="one_kind"),
        CheckConstraint("multiplier IS NULL OR multiplier > 1", name="multiplier"),
        CheckConstraint("bonus_points IS NULL OR bonus_points > 0", name="bonus_points"),
        CheckConstraint("ends_at > starts_at", name="window"),
        CheckConstraint("hour_from IS NULL OR (hour_from >= 0 AND hour_to > hour_from AND hour_to <= 24)",
                        name="hours"),
        CheckConstraint("min_amount IS NULL OR min_amount >= 0", name="min_amount"),
        Index("ix_loyalty_promotions_program", "program_id", "ends_at"),
        Index("ix_loyalty_promotions_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    name: Mapped[str] = mapped_column(String(80))
    multiplier: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    bonus_points: Mapped[int | None] = mapped_column(Integer, nullable=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)        # the first instant it no longer applies
    days_of_week: Mapped[list[int]] = mapped_column(JSONType, default=list)   # 0 = Monday; empty: every day
    hour_from: Mapped[int | None] = mapped_column(Integer, nullable=True)    # local hours [from, to); None: all day
    hour_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    min_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    tier_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)       # empty: every member
    stacks_with_tier: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)              # False: ended by hand
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
