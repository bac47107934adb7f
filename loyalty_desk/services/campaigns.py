"""Emails to a segment (README, "Segments"): one message, written once, queued in the outbox for
every member of the segment who may get marketing email.

The outbox's per-member key makes a send exactly-once: the same `key` again queues nothing more
and answers what the first send queued (a double click, or a request the caller repeats).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select

from ..domain.messages import kind_enabled
from ..errors import ValidationError
from ..models import Member, OutboxMessage, Program, SettingsChange
from ..models.enums import MessageKind, MessageStatus
from . import dto
from .changes import record_change
from .outbox import reachable
from .segments import members_where
from .uow import Ctx
from .validation import as_text

MAX_MESSAGE = 5_000
_KEY_PREFIX = "campaign:"


def _recipients(ctx: Ctx, rule: dto.SegmentRule, program_id: int | None) -> tuple[int, list[tuple[int, int]]]:
    """How many members the segment holds, and (member, program) of those the email may reach:
    marketing consent, an email address, not opted out or erased, and a program that sends it."""
    scope = select(Member.id, Member.program_id).where(Member.user_id == ctx.user_id,
                                                       members_where(ctx, rule, program_id))
    if program_id is not None:
        scope = scope.where(Member.program_id == program_id)
    total = int(ctx.session.scalar(select(func.count()).select_from(scope.subquery())) or 0)
    muted = {p.id for p in ctx.session.scalars(select(Program).where(Program.user_id == ctx.user_id))
             if not kind_enabled(p.program_rules, MessageKind.CAMPAIGN)}
    rows = ctx.session.execute(scope.where(reachable(MessageKind.CAMPAIGN)).order_by(Member.id)).all()
    return total, [(mid, pid) for mid, pid in rows if pid not in muted]


def audience(ctx: Ctx, rule: dto.SegmentRule, program_id: int | None) -> dto.SegmentAudience:
    total, reached = _recipients(ctx, rule, program_id)
    return dto.SegmentAudience(members=total, reachable=len(reached))


def email_segment(ctx: Ctx, rule: dto.SegmentRule, program_id: int | None, subject: object, message: object,
                  key: object) -> dto.SegmentEmail:
    """Queue the email for the segment's reachable members, once per `key`."""
    title = as_text(subject, "subject", max_len=200)
    body = as_text(message, "message", max_len=MAX_MESSAGE)
    send_key = as_text(key, "key", max_len=60)
    assert title is not None and body is not None and send_key is not None
    if "\n" in title:
        raise ValidationError("The subject is one line", field="subject")
    dedupe = _KEY_PREFIX + send_key
    # Each send is recorded (the audit log's "campaign_sent"), even one that reached nobody: the
    # same key again is the same send, and never queues later what it did not queue then.
    if ctx.session.scalar(select(SettingsChange.id).where(
            SettingsChange.user_id == ctx.user_id, SettingsChange.subject == "campaign",
            SettingsChange.subject_id == send_key)) is not None:
        earlier = int(ctx.session.scalar(select(func.count()).where(
            OutboxMessage.user_id == ctx.user_id, OutboxMessage.dedupe_key == dedupe)) or 0)
        return dto.SegmentEmail(queued=earlier, left_out=0, replayed=True)
    record_change(ctx, "campaign", send_key, "sent", note=title)
    total, reached = _recipients(ctx, rule, program_id)
    facts = {"announcement_subject": title, "announcement": body}
    rows: list[dict[str, Any]] = [
        {"user_id": ctx.user_id, "program_id": pid, "member_id": mid, "kind": MessageKind.CAMPAIGN.value,
         "status": MessageStatus.PENDING.value, "dedupe_key": dedupe, "facts": facts, "created_at": ctx.now,
         "next_attempt_at": ctx.now, "attempts": 0} for mid, pid in reached]
    if rows:
        ctx.session.execute(insert(OutboxMessage), rows)
    return dto.SegmentEmail(queued=len(rows), left_out=total - len(rows), replayed=False)
