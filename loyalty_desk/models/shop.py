"""A shop account: the owner of every other row (the spec's `user_id`), and its settings."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Money, UTCDateTime

PAPER_SIZES = ("A4", "Letter")
# The staff limits of a shop that has not set them (README, "Limits and approvals").
STAFF_LIMIT_DEFAULTS = {"approval_threshold_points": 500, "cashier_daily_adjustment_cap": 2000,
                        "return_approval_amount": Decimal("100.00"), "auto_lock_minutes": 5}
API_ENROLLMENTS_PER_MINUTE = 30
SMTP_SECURITY = ("none", "starttls", "tls")


class Shop(Base):
    __tablename__ = "loyalty_shops"
    __table_args__ = (
        CheckConstraint("paper_size IN ('A4', 'Letter')", name="paper_size"),
        CheckConstraint("(next_timezone IS NULL) = (timezone_changes_at IS NULL)", name="timezone_change_pair"),
    )

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    shop_name: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    phone_region: Mapped[str] = mapped_column(String(2), default="US")
    last_daily_run: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Settings (migration 0008). No country or locale yet means "as the computer is set".
    address: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    locale: Mapped[str | None] = mapped_column(String(16), nullable=True)
    receipt_footer: Mapped[str] = mapped_column(Text, default="")
    paper_size: Mapped[str] = mapped_column(String(8), default="A4")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # A new time zone waits for the end of the shop's current day (services/shops.py).
    next_timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    timezone_changes_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Staff limits (migration 0009; README, "Limits and approvals").
    approval_threshold_points: Mapped[int] = mapped_column(
        Integer, default=STAFF_LIMIT_DEFAULTS["approval_threshold_points"])
    cashier_daily_adjustment_cap: Mapped[int] = mapped_column(
        Integer, default=STAFF_LIMIT_DEFAULTS["cashier_daily_adjustment_cap"])
    return_approval_amount: Mapped[Decimal] = mapped_column(
        Money(), default=STAFF_LIMIT_DEFAULTS["return_approval_amount"])
    auto_lock_minutes: Mapped[int] = mapped_column(Integer, default=STAFF_LIMIT_DEFAULTS["auto_lock_minutes"])
    # Members the HTTP API may enroll per key and minute (migration 0011).
    api_enrollments_per_minute: Mapped[int] = mapped_column(Integer, default=API_ENROLLMENTS_PER_MINUTE)
    # Web shops' webhooks (migration 0012): enroll an unknown customer, and the program web orders
    # earn in (None: the shop's only active program). The secrets are in loyalty_webhook_secrets.
    webhook_auto_enroll: Mapped[bool] = mapped_column(Boolean, default=False)
    webhook_program_id: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    # The mail server the outbox is sent through (migration 0013; README, "Messages"). The password
    # is never here: it is in the computer's keyring.
    smtp_host: Mapped[str | None] = mapped_column(String(253), nullable=True, default=None)
    smtp_port: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    smtp_security: Mapped[str] = mapped_column(String(8), default="starttls")
    smtp_username: Mapped[str | None] = mapped_column(String(254), nullable=True, default=None)
    smtp_from: Mapped[str | None] = mapped_column(String(254), nullable=True, default=None)
    smtp_reply_to: Mapped[str | None] = mapped_column(String(254), nullable=True, default=None)
    smtp_allow_self_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where members reach this shop's HTTP API (migration 0015): with it, emails carry a one-click
    # unsubscribe link under it; without it, "reply STOP".
    unsubscribe_base_url: Mapped[str | None] = mapped_column(String(300), nullable=True, default=None)

    def zone_name_at(self, moment: dt.datetime) -> str:
        """The time zone in force at `moment`: a waiting one once its moment has come."""
        return zone_name_at(self.timezone, self.next_timezone, self.timezone_changes_at, moment)


def zone_name_at(timezone: str, next_timezone: str | None, changes_at: dt.datetime | None,
                 moment: dt.datetime) -> str:
    """A shop's time zone in force at `moment`, from its three columns (for reads of plain rows)."""
    if next_timezone and changes_at is not None and moment >= changes_at:
        return next_timezone
    return timezone
