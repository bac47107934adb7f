"""Queueing emails to members in the transaction of the event (README, "Messages").

Each event calls `queue` once, from the one place it happens: an enrollment (members.enroll), a
tier change (tiers.apply_tier), a birthday bonus and the daily reminders (jobs), a redemption's
progress (redemptions.update_status). The row is added to the event's unit of work, so a
refused or rolled-back event queues nothing and a committed one always has its message.
Rendering and sending come later (services/messages.py, messaging/).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, select, true

from ..domain.messages import MARKETING_KINDS, kind_enabled, refusal
from ..models import Member, OutboxMessage, Program
from ..models.enums import MessageKind, MessageStatus
from .uow import Ctx

_ENROLLING = "loyalty_enrolling"    # Session.info: members enrolled in this unit of work


def enrolling(ctx: Ctx, member: Member) -> None:
    """The member is being enrolled now: the welcome names their tier, so the tier they start in
    is no tier change to write about."""
    ctx.session.info.setdefault(_ENROLLING, set()).add(member.id)


def is_enrolling(ctx: Ctx, member: Member) -> bool:
    return member.id in ctx.session.info.get(_ENROLLING, ())


def may_receive(member: Member, kind: MessageKind) -> str | None:
    """Why the member may not get this kind of message now (None: they may)."""
    return refusal(kind, email=member.email, opted_out=member.email_opt_out, consent=member.marketing_consent,
                   erased=member.erased_at is not None)


def reachable(kind: MessageKind) -> ColumnElement[bool]:
    """`may_receive` as SQL over the members table, for the daily job's lists (the same rule: a
    test holds the two together)."""
    return and_(Member.erased_at.is_(None), Member.email.is_not(None), Member.email_opt_out.is_(False),
                Member.marketing_consent.is_(True) if kind in MARKETING_KINDS else true())


def queue(ctx: Ctx, member: Member, program: Program, kind: MessageKind, facts: Mapping[str, Any], *,
          key: str | None = None) -> OutboxMessage | None:
    """Queue one message about an event, in the event's transaction: unless the program has turned
    the kind off, the member may not receive it, or a message with the same `key` (once-only
    messages: an expiry date, a birthday's year) was queued for the member before."""
    if not kind_enabled(program.program_rules, kind) or may_receive(member, kind) is not None:
        return None
    if key is not None and ctx.session.scalar(select(OutboxMessage.id).where(
            OutboxMessage.member_id == member.id, OutboxMessage.dedupe_key == key)) is not None:
        return None
    row = OutboxMessage(user_id=ctx.user_id, program_id=program.id, member_id=member.id, kind=kind.value,
                        status=MessageStatus.PENDING.value, dedupe_key=key, facts=dict(facts), created_at=ctx.now,
                        next_attempt_at=ctx.now, attempts=0)
    ctx.session.add(row)
    return row


def drop_unsendable(ctx: Ctx, member: Member) -> int:
    """After a change of the member's email, consent or opt-out: the messages not yet sent that
    they may no longer receive are dropped (all of them for an opt-out or an erasure)."""
    kinds: Iterable[MessageKind] = [k for k in MessageKind if may_receive(member, k) is not None]
    if not kinds:
        return 0
    done = ctx.session.execute(delete(OutboxMessage).where(
        OutboxMessage.member_id == member.id, OutboxMessage.status == MessageStatus.PENDING.value,
        OutboxMessage.kind.in_([k.value for k in kinds])).execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)


def forget_member(ctx: Ctx, member_id: int) -> None:
    """An erasure: every message of the member goes, sent ones too (they hold the address and
    the subject, which may name them)."""
    ctx.session.execute(delete(OutboxMessage).where(OutboxMessage.member_id == member_id)
                        .execution_options(synchronize_session=False))

