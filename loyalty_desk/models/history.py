"""Tier history and the member activity log (spec tables 7 and 9)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, UTCDateTime
from .enums import ActivityType, PromotionReason, check_in
from .staff import Acted


class TierProgression(Acted, Base):
    __tablename__ = "loyalty_tier_progression"
    __table_args__ = (
        CheckConstraint(check_in("promotion_reason", PromotionReason), name="promotion_reason"),
        Index("ix_loyalty_tier_progression_member_id", "member_id"),
        Index("ix_loyalty_tier_progression_date", "promotion_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    previous_tier_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_tiers.id"), nullable=True)
    new_tier_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_tiers.id"), nullable=True)
    promotion_reason: Mapped[str] = mapped_column(String(24))
    promotion_date: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class MemberActivity(Acted, Base):
    __tablename__ = "loyalty_member_activity"
    __table_args__ = (
        CheckConstraint(check_in("activity_type", ActivityType), name="activity_type"),
        Index("ix_loyalty_member_activity_member_id", "member_id", "activity_date"),
        Index("ix_loyalty_member_activity_type", "activity_type"),
        # The shop's audit log, newest first (migration 0009).
        Index("ix_loyalty_member_activity_user_date", "user_id", "activity_date"),
        # An API key's enrollments in the last minute: its rate limit (migration 0011).
        Index("ix_loyalty_member_activity_api_key", "actor_api_key_id", "activity_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    activity_type: Mapped[str] = mapped_column(String(32))
    activity_description: Mapped[str] = mapped_column(Text)
    points_involved: Mapped[int] = mapped_column(Integer, default=0)
    activity_metadata: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    activity_date: Mapped[dt.datetime] = mapped_column(UTCDateTime)
