"""The reward catalog and redemptions (spec tables 5 and 6)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, UTCDateTime
from .enums import FulfillmentStatus, RewardType, check_in


class Reward(Base):
    __tablename__ = "loyalty_rewards"
    __table_args__ = (
        CheckConstraint(check_in("reward_type", RewardType), name="reward_type"),
        CheckConstraint("points_cost > 0", name="points_cost"),
        CheckConstraint("quantity_available IS NULL OR quantity_available >= 0", name="quantity_available"),
        CheckConstraint("quantity_remaining IS NULL OR quantity_remaining >= 0", name="quantity_remaining"),
        CheckConstraint(
            "quantity_remaining IS NULL OR quantity_remaining <= quantity_available", name="remaining_le_available"
        ),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
        Index("ix_loyalty_rewards_program_id", "program_id"),
        Index("ix_loyalty_rewards_active", "active"),
        Index("ix_loyalty_rewards_points_cost", "points_cost"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    reward_name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    reward_type: Mapped[str] = mapped_column(String(24))
    points_cost: Mapped[int] = mapped_column(Integer)
    quantity_available: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quantity_remaining: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reward_image_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    reward_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    tier_exclusive_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_tiers.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reward_terms: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Redemption(Base):
    __tablename__ = "loyalty_redemptions"
    __table_args__ = (
        CheckConstraint(check_in("fulfillment_status", FulfillmentStatus), name="fulfillment_status"),
        CheckConstraint("points_redeemed > 0", name="points_redeemed"),
        UniqueConstraint("reward_code_generated"),
        Index("ix_loyalty_redemptions_member_id", "member_id"),
        Index("ix_loyalty_redemptions_status", "fulfillment_status", "program_id"),   # counted from it alone (0024)
        Index("ix_loyalty_redemptions_date", "redemption_date"),
        Index("ix_loyalty_redemptions_reward_member", "reward_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    reward_id: Mapped[int] = mapped_column(ForeignKey("loyalty_rewards.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    points_redeemed: Mapped[int] = mapped_column(Integer)
    redemption_date: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    fulfillment_status: Mapped[str] = mapped_column(String(16))
    fulfillment_date: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reward_code_generated: Mapped[str] = mapped_column(String(32))
    delivery_method: Mapped[str | None] = mapped_column(String(32), nullable=True)
    shipping_address: Mapped[str | None] = mapped_column(Text, nullable=True)
    tracking_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    redemption_notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The ledger rows behind this redemption: the debit, and the refund if cancelled.
    debit_transaction_id: Mapped[int] = mapped_column(ForeignKey("loyalty_points_transactions.id"))
    refund_transaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("loyalty_points_transactions.id"), nullable=True
    )
