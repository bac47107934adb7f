"""A shop account: the owner of every other row (the spec's `user_id`)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class Shop(Base):
    __tablename__ = "loyalty_shops"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    shop_name: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    phone_region: Mapped[str] = mapped_column(String(2), default="US")
    last_daily_run: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
