"""Who did what: the audit log and the owner's flags (README, "Who did what").

The log reads four sources, each through an index on (shop, time) and each cut to the limit
before they are merged: ledger rows, member events that move no points, settings changes, and
sign-in lock-outs. Names are looked up once for the whole page.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import desc, or_, select

from ...domain.ledger_rules import ENGINE_REFERENCE_TYPES
from ...errors import ValidationError
from ...models import Member, MemberActivity, PointsTransaction, SettingsChange, SignInFailure
from ...models.enums import ActivityType, TransactionType
from .. import api_keys, dto
from ..clock import local_date
from ..staff import limit as staff_limit
from ..uow import Ctx
from .rows import actor_name, staff_names

# Member events that move no points (those that do are in the log as their ledger rows).
EVENT_ACTIONS = frozenset({ActivityType.MEMBER_ENROLLED, ActivityType.MEMBER_UPDATED, ActivityType.STATUS_CHANGED,
                           ActivityType.REDEMPTION_UPDATED, ActivityType.CARD_REPLACED, ActivityType.TIER_PROMOTED,
                           ActivityType.TIER_DEMOTED})
SUBJECTS = ("shop", "program", "tier", "reward", "staff", "api_key")
# A member's erasure and merge are recorded as changes too, with the reason given (migration 0010).
MEMBER_CHANGES = frozenset({"member_erased", "member_merged"})
# A restore by a person is recorded in the restored database (services/backups.restore_backup).
RESTORED = "database_restored"
# The owner's decisions on web orders no member took (services/webhooks.py).
WEB_ORDER_CHANGES = frozenset({"web_order_resolved", "web_order_dismissed"})
CHANGE_ACTIONS = frozenset(f"{subject}_{verb}" for subject in SUBJECTS
                           for verb in ("created", "changed", "deleted")) | MEMBER_CHANGES | {RESTORED} \
    | WEB_ORDER_CHANGES
LOCKED = "sign_in_locked"
ACTIONS = frozenset({t.value for t in TransactionType} | {a.value for a in EVENT_ACTIONS} | CHANGE_ACTIONS | {LOCKED})
FLAG_WINDOW = dt.timedelta(minutes=10)
RAPID_PURCHASES = 5            # more than this many purchases on one card within FLAG_WINDOW


@dataclass(frozen=True, slots=True)
class AuditQuery:
    staff_id: int | None
    action: str | None
    since: dt.datetime | None
    until: dt.datetime | None
    limit: int


def as_action(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in ACTIONS:
        raise ValidationError(f"Unknown action {value!r}: use one of {', '.join(sorted(ACTIONS))}", field="action")
    return value


def as_moment(value: object, field: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ValidationError(f"{field} must be an aware datetime", field=field)
    return value.astimezone(dt.UTC)


def _bounded(query: Any, column: Any, q: AuditQuery) -> Any:
    if q.since is not None:
        query = query.where(column >= q.since)
    if q.until is not None:
        query = query.where(column < q.until)
    return query.order_by(desc(column)).limit(q.limit)


def _by_staff(query: Any, model: Any, q: AuditQuery) -> Any:
    if q.staff_id is None:
        return query
    return query.where(or_(model.actor_staff_id == q.staff_id, model.approver_staff_id == q.staff_id))


@dataclass(frozen=True, slots=True)
class _Line:
    time: dt.datetime
    action: str
    kind: str | None
    actor_id: int | None
    approver_id: int | None
    key_id: int | None
    member_id: int | None
    member_name: str | None
    points: int | None
    amount: Decimal | None
    description: str
    register: str | None = None


def audit_log(ctx: Ctx, q: AuditQuery) -> list[dto.AuditEntry]:
    lines = [*_ledger_lines(ctx, q), *_event_lines(ctx, q), *_change_lines(ctx, q), *_lockout_lines(ctx, q)]
    lines.sort(key=lambda line: line.time, reverse=True)
    lines = lines[:q.limit]
    names = staff_names(ctx, [i for line in lines for i in (line.actor_id, line.approver_id)])
    keys = api_keys.names(ctx, {line.key_id for line in lines if line.key_id})
    return [dto.AuditEntry(
        time=line.time, action=line.action, actor_kind=line.kind, actor_staff_id=line.actor_id,
        actor_name=actor_name(names, keys, line.actor_id, line.key_id), actor_api_key_id=line.key_id,
        approver_staff_id=line.approver_id,
        approver_name=names.get(line.approver_id) if line.approver_id else None, member_id=line.member_id,
        member_name=line.member_name, points=line.points, amount=line.amount,
        description=line.description, register_name=line.register) for line in lines]


def _ledger_lines(ctx: Ctx, q: AuditQuery) -> list[_Line]:
    if q.action is not None and q.action not in {t.value for t in TransactionType}:
        return []
    query = select(PointsTransaction, Member.customer_name).join(Member, Member.id == PointsTransaction.member_id) \
        .where(PointsTransaction.user_id == ctx.user_id)
    if q.action is not None:
        query = query.where(PointsTransaction.transaction_type == q.action)
    query = _bounded(_by_staff(query, PointsTransaction, q), PointsTransaction.created_at, q) \
        .order_by(desc(PointsTransaction.id))
    return [_Line(t.created_at, t.transaction_type, t.actor_kind, t.actor_staff_id, t.approver_staff_id,
                  t.actor_api_key_id, t.member_id,
                  name, t.points_amount, t.amount, t.description, t.register_name)
            for t, name in ctx.session.execute(query)]


def _event_lines(ctx: Ctx, q: AuditQuery) -> list[_Line]:
    wanted = [a.value for a in EVENT_ACTIONS] if q.action is None else [q.action]
    if not set(wanted) <= {a.value for a in EVENT_ACTIONS}:
        return []
    query = select(MemberActivity, Member.customer_name).join(Member, Member.id == MemberActivity.member_id) \
        .where(MemberActivity.user_id == ctx.user_id, MemberActivity.activity_type.in_(wanted))
    query = _bounded(_by_staff(query, MemberActivity, q), MemberActivity.activity_date, q)
    return [_Line(a.activity_date, a.activity_type, a.actor_kind, a.actor_staff_id, a.approver_staff_id,
                  a.actor_api_key_id, a.member_id,
                  name, a.points_involved or None, None, a.activity_description, a.register_name)
            for a, name in ctx.session.execute(query)]


def _change_lines(ctx: Ctx, q: AuditQuery) -> list[_Line]:
    if q.action is not None and q.action not in CHANGE_ACTIONS:
        return []
    query = select(SettingsChange).where(SettingsChange.user_id == ctx.user_id)
    if q.action is not None:
        query = query.where(SettingsChange.action == q.action)
    query = _bounded(_by_staff(query, SettingsChange, q), SettingsChange.changed_at, q)
    changes = list(ctx.session.scalars(query))
    member_ids = {int(c.subject_id) for c in changes if c.subject == "member"}
    names = {member_id: name for member_id, name in ctx.session.execute(
        select(Member.id, Member.customer_name).where(Member.id.in_(member_ids)))} if member_ids else {}
    return [_Line(c.changed_at, c.action, c.actor_kind, c.actor_staff_id, c.approver_staff_id, c.actor_api_key_id,
                  int(c.subject_id) if c.subject == "member" else None,
                  names.get(int(c.subject_id)) if c.subject == "member" else None, None, None, _change_text(c),
                  c.register_name)
            for c in changes]


def _change_text(change: SettingsChange) -> str:
    text = f"{change.subject} {change.subject_id}: {', '.join(change.fields)}" if change.fields \
        else f"{change.subject} {change.subject_id}"
    return f"{text} ({change.note})" if change.note else text


def _lockouts(ctx: Ctx, since: dt.datetime | None, until: dt.datetime | None, staff_id: int | None,
              limit: int) -> list[SignInFailure]:
    query = select(SignInFailure).where(SignInFailure.user_id == ctx.user_id, SignInFailure.locked_until.is_not(None))
    if staff_id is not None:
        query = query.where(SignInFailure.staff_id == staff_id)
    return list(ctx.session.scalars(_bounded(query, SignInFailure.failed_at,
                                             AuditQuery(staff_id, LOCKED, since, until, limit))))


def _lockout_texts(ctx: Ctx, failures: list[SignInFailure]) -> list[tuple[SignInFailure, str]]:
    """Each lock-out in words, on the shop's clock, as every other time the owner reads; the staff
    member's name as written (the failure keeps the folded name typed, which is all an unknown
    name has), the names read in one statement."""
    names = staff_names(ctx, [f.staff_id for f in failures])
    out = []
    for failure in failures:
        assert failure.locked_until is not None
        until = failure.locked_until.astimezone(ctx.tz)
        who = names.get(failure.staff_id) if failure.staff_id else None
        out.append((failure, f"Too many wrong PINs for {who or repr(failure.name_key)}: "
                             f"locked until {until:%H:%M} {until.tzname() or ''}".rstrip()))
    return out


def _lockout_lines(ctx: Ctx, q: AuditQuery) -> list[_Line]:
    if q.action not in (None, LOCKED):
        return []
    return [_Line(f.failed_at, LOCKED, None, f.staff_id, None, None, None, None, None, None, text)
            for f, text in _lockout_texts(ctx, _lockouts(ctx, q.since, q.until, q.staff_id, q.limit))]


# --- flags ---------------------------------------------------------------------------------------


def _hand_rows(ctx: Ctx, since: dt.datetime) -> list[PointsTransaction]:
    """Points a staff member typed in by hand (add_points_transaction) since `since`."""
    return list(ctx.session.scalars(select(PointsTransaction).where(
        PointsTransaction.user_id == ctx.user_id, PointsTransaction.created_at >= since,
        PointsTransaction.actor_staff_id.is_not(None),
        or_(PointsTransaction.reference_type.is_(None),
            PointsTransaction.reference_type.not_in(ENGINE_REFERENCE_TYPES))).order_by(PointsTransaction.id)))


def flags(ctx: Ctx, since: dt.datetime) -> list[dto.Flag]:
    found = [*_over_cap(ctx, since), *_redeemed_after_credit(ctx, since), *_rapid_purchases(ctx, since),
             *_lockout_flags(ctx, since)]
    names = staff_names(ctx, [f.staff_id for f in found])
    members = {member_id: name for member_id, name in ctx.session.execute(select(Member.id, Member.customer_name)
               .where(Member.id.in_({f.member_id for f in found if f.member_id is not None})))}
    named = [dto.Flag(f.kind, f.time, f.message, f.staff_id, names.get(f.staff_id) if f.staff_id else None,
                      f.member_id, members.get(f.member_id) if f.member_id else None, f.day, f.points, f.count)
             for f in found]
    return sorted(named, key=lambda f: f.time, reverse=True)


def _over_cap(ctx: Ctx, since: dt.datetime) -> list[dto.Flag]:
    cap = staff_limit(ctx, "cashier_daily_adjustment_cap")
    totals: dict[tuple[int, dt.date], int] = defaultdict(int)
    last: dict[tuple[int, dt.date], dt.datetime] = {}
    for row in _hand_rows(ctx, since):
        assert row.actor_staff_id is not None
        key = (row.actor_staff_id, local_date(row.created_at, ctx.tz))
        totals[key] += abs(row.points_amount)
        last[key] = row.created_at
    return [dto.Flag("adjustments_over_cap", last[key], f"Adjustments of {total:,} points on {key[1]:%Y-%m-%d}, "
                     f"over the daily cap of {cap:,}", staff_id=key[0], day=key[1], points=total)
            for key, total in totals.items() if total > cap]


def _redeemed_after_credit(ctx: Ctx, since: dt.datetime) -> list[dto.Flag]:
    credits: dict[tuple[int, int], list[PointsTransaction]] = defaultdict(list)
    for row in _hand_rows(ctx, since - FLAG_WINDOW):
        if row.points_amount > 0 and row.actor_staff_id is not None:
            credits[(row.actor_staff_id, row.member_id)].append(row)
    if not credits:
        return []
    redemptions = ctx.session.scalars(select(PointsTransaction).where(
        PointsTransaction.user_id == ctx.user_id, PointsTransaction.created_at >= since,
        PointsTransaction.transaction_type == TransactionType.REDEMPTION.value,
        PointsTransaction.actor_staff_id.is_not(None)).order_by(PointsTransaction.id))
    flagged = []
    for r in redemptions:
        before = [c for c in credits.get((r.actor_staff_id or 0, r.member_id), [])
                  if c.id < r.id and r.created_at - c.created_at <= FLAG_WINDOW]
        if before:
            flagged.append(dto.Flag(
                "redemption_after_credit", r.created_at,
                f"Redeemed {-r.points_amount:,} points {_minutes(r.created_at - before[-1].created_at)} after "
                f"a manual credit of {before[-1].points_amount:,} by the same person",
                staff_id=r.actor_staff_id, member_id=r.member_id, points=-r.points_amount))
    return flagged


def _minutes(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return "under a minute" if minutes < 1 else f"{minutes} min"


def _rapid_purchases(ctx: Ctx, since: dt.datetime) -> list[dto.Flag]:
    times: dict[int, list[dt.datetime]] = defaultdict(list)
    for member_id, moment in ctx.session.execute(select(PointsTransaction.member_id, PointsTransaction.created_at)
                                                 .where(PointsTransaction.user_id == ctx.user_id,
                                                        PointsTransaction.created_at >= since,
                                                        PointsTransaction.reference_type == "order")
                                                 .order_by(PointsTransaction.created_at)):
        times[member_id].append(moment)
    flagged = []
    for member_id, moments in times.items():
        start = 0
        reported_until = -1
        for end, moment in enumerate(moments):
            while moment - moments[start] > FLAG_WINDOW:
                start += 1
            count = end - start + 1
            if count > RAPID_PURCHASES and start > reported_until:
                # One flag per burst: the first moment it passes the limit.
                flagged.append(dto.Flag("rapid_purchases", moment, f"{count} purchases on one card within 10 minutes",
                                        member_id=member_id, count=count))
                reported_until = end
    return flagged


def _lockout_flags(ctx: Ctx, since: dt.datetime) -> list[dto.Flag]:
    return [dto.Flag("sign_in_lockout", f.failed_at, text, staff_id=f.staff_id)
            for f, text in _lockout_texts(ctx, _lockouts(ctx, since, None, None, 10_000))]
