"""Programs and their tiers (spec tables 1 and 2)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, Money, Rate, UTCDateTime
from .enums import ProgramStatus, ProgramType, check_in


class Program(Base):
    __tablename__ = "loyalty_programs"
    __table_args__ = (
        CheckConstraint(check_in("program_type", ProgramType), name="program_type"),
        CheckConstraint(check_in("status", ProgramStatus), name="status"),
        CheckConstraint("points_per_dollar >= 0", name="points_per_dollar"),
        CheckConstraint("points_expiration_days IS NULL OR points_expiration_days > 0", name="expiration_days"),
        CheckConstraint("min_redemption_points >= 0", name="min_redemption_points"),
        CheckConstraint("referral_points_awarded >= 0", name="referral_points"),
        CheckConstraint("birthday_bonus_points >= 0", name="birthday_points"),
        CheckConstraint("point_value >= 0", name="point_value"),
        Index("ix_loyalty_programs_user_id", "user_id"),
        Index("ix_loyalty_programs_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    program_name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    program_type: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    points_per_dollar: Mapped[Decimal] = mapped_column(Rate())
    points_expiration_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    min_redemption_points: Mapped[int] = mapped_column(Integer, default=0)
    tier_system_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    referral_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    referral_points_awarded: Mapped[int] = mapped_column(Integer, default=0)
    birthday_bonus_points: Mapped[int] = mapped_column(Integer, default=0)
    program_rules: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Money value of one point, for the liability report (README, "Analytics").
    point_value: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.01"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Tier(Base):
    __tablename__ = "loyalty_tiers"
    __table_args__ = (
        UniqueConstraint("program_id", "tier_level"),
        CheckConstraint("min_points_required >= 0", name="min_points"),
        CheckConstraint(
            "max_points_required IS NULL OR max_points_required >= min_points_required", name="max_points"
        ),
        CheckConstraint("points_multiplier > 0", name="points_multiplier"),
        CheckConstraint("birthday_bonus_multiplier >= 0", name="birthday_multiplier"),
        Index("ix_loyalty_tiers_program_id", "program_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    tier_name: Mapped[str] = mapped_column(String(60))
    tier_level: Mapped[int] = mapped_column(Integer)
    min_points_required: Mapped[int] = mapped_column(Integer)
    max_points_required: Mapped[int | None] = mapped_column(Integer, nullable=True)
    points_multiplier: Mapped[Decimal] = mapped_column(Rate())
    benefits: Mapped[list[str]] = mapped_column(JSONType, default=list)
    exclusive_rewards: Mapped[list[int]] = mapped_column(JSONType, default=list)
    birthday_bonus_multiplier: Mapped[Decimal] = mapped_column(Rate())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
