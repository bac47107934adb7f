"""Emails to members (migration 0013; README, "Messages"): the outbox and the shop's templates.

A message is queued in the same transaction as the event that causes it (the transactional
outbox), holding the facts of that event; it is rendered and sent later by the sender.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, UTCDateTime
from .enums import MessageKind, MessageStatus, check_in


class OutboxMessage(Base):
    __tablename__ = "loyalty_outbox"
    __table_args__ = (
        CheckConstraint(check_in("kind", MessageKind), name="kind"),
        CheckConstraint(check_in("status", MessageStatus), name="status"),
        CheckConstraint("attempts >= 0", name="attempts"),
        # Once-only messages (an expiry reminder per expiry date, a birthday per year...) carry a key.
        UniqueConstraint("member_id", "dedupe_key"),
        Index("ix_loyalty_outbox_due", "user_id", "status", "next_attempt_at"),
        Index("ix_loyalty_outbox_member", "member_id", "kind", "created_at"),
        Index("ix_loyalty_outbox_user_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(8))
    dedupe_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    # The event's facts as they were (points, tier names, expiry date, reward, tracking number).
    facts: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # A sender that took the message to send it: who, and until when no other sender may.
    claimed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Set when it was sent (or refused for good): the address and subject it went out with.
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    recipient: Mapped[str | None] = mapped_column(String(254), nullable=True)
    subject: Mapped[str | None] = mapped_column(String(300), nullable=True)


class MessageTemplate(Base):
    """A shop's own template for one kind of message; a kind without one uses the default."""

    __tablename__ = "loyalty_message_templates"
    __table_args__ = (
        CheckConstraint(check_in("kind", MessageKind), name="kind"),
        UniqueConstraint("user_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class UnsubscribeToken(Base):
    """One one-click unsubscribe link (migration 0015): the SHA-256 of its token and the member it
    opts out. A fresh token is made each time a message is rendered for sending."""

    __tablename__ = "loyalty_unsubscribe_tokens"
    __table_args__ = (Index("ix_loyalty_unsubscribe_tokens_member", "member_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[int] = mapped_column(ForeignKey("loyalty_members.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
