"""Staff accounts, failed sign-ins, the log of settings changes, and who did each row
(migration 0009; README, "Staff and roles" and "Who did what")."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.permissions import Role
from .base import Base, JSONType, UTCDateTime
from .enums import check_in


class Acted:
    """Who wrote a row: the kind of actor (`ActorKind`; NULL: before staff accounts), the staff
    member, and the manager or owner who approved it, if anyone did. No foreign keys: adding one
    to an existing SQLite table rebuilds it, and the ledger can hold millions of rows; staff rows
    are never deleted (they are deactivated), so the ids stay good."""

    actor_kind: Mapped[str | None] = mapped_column(String(8), nullable=True, default=None)
    actor_staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    approver_staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    # The HTTP API's key that wrote the row when `actor_kind` is "api" (migration 0011).
    actor_api_key_id: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    # The register (the computer running the desktop) that wrote the row (migration 0014).
    register_name: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)


class StoredApiKey(Base):
    """A key of the HTTP API (migration 0011): one shop's, read or write. Only a SHA-256 of the
    key is kept (services/api_keys.py says why not argon2), with its first characters so the
    owner can tell keys apart."""

    __tablename__ = "loyalty_api_keys"
    __table_args__ = (
        CheckConstraint("scope IN ('read', 'write')", name="scope"),
        UniqueConstraint("key_hash"),
        Index("ix_loyalty_api_keys_user", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(String(8))
    key_hash: Mapped[str] = mapped_column(String(64))          # hex SHA-256 of the whole key
    key_prefix: Mapped[str] = mapped_column(String(12))        # "ld_" and the first random characters
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, default=None)


class Staff(Base):
    __tablename__ = "loyalty_staff"
    __table_args__ = (
        CheckConstraint(check_in("role", Role), name="role"),
        # Names are unique per shop, whatever their case: `name_key` is the folded name.
        UniqueConstraint("user_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(8))
    # argon2id, in the PHC string format (parameters and salt included); never the PIN itself.
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SignInFailure(Base):
    """One wrong PIN (or unknown name), kept for the lock-out and the flags."""

    __tablename__ = "loyalty_sign_in_failures"
    __table_args__ = (Index("ix_loyalty_sign_in_failures_name", "user_id", "name_key", "failed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(60))      # the folded name tried (or "#id")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_staff.id"), nullable=True)
    failed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    purpose: Mapped[str] = mapped_column(String(12))       # "sign_in" or "approval"
    # Set on the failure that locked the name: until when it is refused.
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SettingsChange(Acted, Base):
    """A change to the shop's settings, a program, tier, reward or staff member: which fields,
    never their values (a PIN is named "pin", never written)."""

    __tablename__ = "loyalty_settings_changes"
    __table_args__ = (Index("ix_loyalty_settings_changes_user_date", "user_id", "changed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    subject: Mapped[str] = mapped_column(String(16))       # shop, program, tier, reward, staff
    subject_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))        # e.g. "program_created", "shop_changed"
    fields: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # Why, where a person gave a reason (an erasure; migration 0010).
    note: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
