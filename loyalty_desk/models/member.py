"""Members (spec table 3), with the columns the counter lookup and birthdays need, and the
card numbers they used before a replacement."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, Money, UTCDateTime
from .enums import MembershipStatus, check_in

# Columns the members table can be sorted by, each with a keyset index.
SORTABLE_COLUMNS = ("current_points", "lifetime_points", "total_spent", "last_activity_date", "enrollment_date",
                    "card_number")

# Byte-order collation, so that a prefix is one contiguous index range on both backends.
FOLDED_KEY = String(200).with_variant(String(200, collation="C"), "postgresql")


class Member(Base):
    __tablename__ = "loyalty_members"
    __table_args__ = (
        CheckConstraint("current_points >= 0", name="current_points"),
        CheckConstraint("lifetime_points >= 0", name="lifetime_points"),
        CheckConstraint("redemption_count >= 0", name="redemption_count"),
        CheckConstraint(check_in("membership_status", MembershipStatus), name="membership_status"),
        UniqueConstraint("referral_code"),
        UniqueConstraint("card_number"),
        # One person per program: the counter offers the existing member instead.
        UniqueConstraint("program_id", "email"),
        UniqueConstraint("program_id", "phone"),
        Index("ix_loyalty_members_program_user", "program_id", "user_id"),
        Index("ix_loyalty_members_customer_id", "customer_id"),
        Index("ix_loyalty_members_email", "email"),
        Index("ix_loyalty_members_phone", "phone"),
        # The counter looks up within one shop: with the shop first, the planner cannot
        # prefer a wider index on user_id alone (migration 0006).
        Index("ix_loyalty_members_user_email", "user_id", "email"),
        Index("ix_loyalty_members_user_phone", "user_id", "phone"),
        Index("ix_loyalty_members_status", "membership_status"),
        # Name prefix lookups are range scans on these folded keys (README, "Lookup").
        Index("ix_loyalty_members_name_key", "user_id", "name_key"),
        Index("ix_loyalty_members_surname_key", "user_id", "surname_key"),
        Index("ix_loyalty_members_birthday", "birthday_key"),
        # Keyset paging of the members table by its sortable columns (migration 0002).
        *(Index(f"ix_loyalty_members_by_{column}", "user_id", column, "id") for column in SORTABLE_COLUMNS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    user_id: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    customer_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    current_tier_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_tiers.id"), nullable=True)
    current_points: Mapped[int] = mapped_column(Integer, default=0)
    lifetime_points: Mapped[int] = mapped_column(Integer, default=0)
    redemption_count: Mapped[int] = mapped_column(Integer, default=0)
    total_spent: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    membership_status: Mapped[str] = mapped_column(String(16))
    enrollment_date: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Set at enrollment, so never empty: it is a sort key of the members table (migration 0004).
    last_activity_date: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    referral_code: Mapped[str] = mapped_column(String(24))
    referred_by: Mapped[int | None] = mapped_column(ForeignKey("loyalty_members.id"), nullable=True)
    member_metadata: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    birthday: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    card_number: Mapped[str] = mapped_column(String(16))
    # Derived, write-time keys: month*100+day for the birthday job, folded names for lookup.
    birthday_key: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    name_key: Mapped[str] = mapped_column(FOLDED_KEY)
    surname_key: Mapped[str] = mapped_column(FOLDED_KEY)
    # Migration 0010: when the member's personal data was erased, and the member a duplicate was
    # merged into (no foreign key: adding one would rebuild the members table on SQLite).
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    merged_into_id: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    # Migration 0013 (README, "Messages"): marketing emails need consent, given when and how;
    # an opted-out member gets no email at all.
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    marketing_consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    marketing_consent_source: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)
    email_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    # Migration 0018 (README, "Member lifecycle, milestones and referrals"): the sales recorded
    # (None: not counted yet; counted at the member's next sale), the highest lifetime-points
    # milestone reached (None: none yet), and when a lifecycle rule made the member inactive
    # (None: the status was not set by a rule, so activity does not change it).
    visit_count: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    lifetime_milestone: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    lapsed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)


class RetiredCard(Base):
    """A card number that was replaced (migration 0007).

    Kept so that a scan of the old card says "this card was replaced" and leads to its
    member, instead of offering to enroll someone. The number never works as a card again,
    and a new card is never given a retired number.
    """

    __tablename__ = "loyalty_retired_cards"
    __table_args__ = (
        UniqueConstraint("card_number"),
        Index("ix_loyalty_retired_cards_member_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    card_number: Mapped[str] = mapped_column(String(16))
    replaced_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
