"""Web shops' webhooks (migration 0012; README, "Web shops"): each shop's signing secrets, and
the paid web orders that wait for the owner because no member matched them."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.vocabulary import UnmatchedStatus, WebShop
from .base import Base, JSONType, Money, UTCDateTime
from .enums import check_in


class WebhookSecret(Base):
    """A shop's signing secret for one provider. Kept as given, not hashed: checking a webhook's
    HMAC needs the secret itself. No DTO ever carries it (services/webhooks.py)."""

    __tablename__ = "loyalty_webhook_secrets"
    __table_args__ = (CheckConstraint(check_in("provider", WebShop), name="provider"),)

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16), primary_key=True)
    secret: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class UnmatchedOrder(Base):
    """A paid web order no member took: its customer is unknown (and the shop does not enroll
    them), or it could not be recorded (`reason` says why). One row per order reference."""

    __tablename__ = "loyalty_unmatched_orders"
    __table_args__ = (
        CheckConstraint(check_in("provider", WebShop), name="provider"),
        CheckConstraint(check_in("status", UnmatchedStatus), name="status"),
        UniqueConstraint("user_id", "order_ref"),
        Index("ix_loyalty_unmatched_orders_status", "user_id", "status", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    provider: Mapped[str] = mapped_column(String(16))
    order_ref: Mapped[str] = mapped_column(String(128))            # "shopify:820982911946154508"
    webhook_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    customer_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    subtotal: Mapped[Decimal] = mapped_column(Money())             # goods after discounts, before tax and shipping
    refunded: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))   # refunds that came while it waited
    currency: Mapped[str] = mapped_column(String(3))
    refund_refs: Mapped[list[Any]] = mapped_column(JSONType, default=list)   # the refunds counted in `refunded`
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12), default="open")
    reason: Mapped[str] = mapped_column(Text)
    member_id: Mapped[int | None] = mapped_column(Integer, nullable=True)        # who it was resolved to
    transaction_id: Mapped[int | None] = mapped_column(Integer, nullable=True)   # the purchase it became
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
