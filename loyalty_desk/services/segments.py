"""Member segments (README, "Segments"): a rule checked, turned into SQL over the members table,
and saved under a name.

A segment is one more filter of the members table: its page, its count and its export all go
through `members_where`, so what the tab counts is what the CSV holds and what an email reaches.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from ..domain.segments import PARAMETERS, SegmentKind
from ..errors import DuplicateReference, NotFound, ValidationError
from ..models import Member, MemberSegment, PointLot, PointsTransaction, Program, Tier
from ..models.enums import TransactionStatus
from . import dto
from .clock import start_of_day
from .ledger_sql import row_total_sql
from .programs import get_program
from .tiers import qualification_days
from .uow import Ctx
from .validation import as_day, as_enum, as_int, as_text

MAX_SAVED = 200
# The program's tiers, named apart from the tier the members table joins for its names.
_TIER = aliased(Tier, name="segment_tier")


def check_rule(rule: object) -> dto.SegmentRule:
    """A rule as given (a SegmentRule, or a mapping with its fields), checked: the kind known, its
    parameter within bounds, a period that does not end before it starts."""
    if isinstance(rule, dto.SegmentRule):
        fields: dict[str, Any] = {"kind": rule.kind, "number": rule.number, "first": rule.first, "last": rule.last}
    elif isinstance(rule, dict):
        unknown = sorted(set(rule) - {"kind", "number", "first", "last"})
        if unknown:
            raise ValidationError(f"Unknown segment field(s): {', '.join(map(str, unknown))}", field="segment")
        fields = dict(rule)
    else:
        raise ValidationError("The segment must be a segment rule", field="segment")
    kind = as_enum(fields.get("kind"), SegmentKind, "kind")
    parameter = PARAMETERS[kind]
    if parameter is not None:
        number = fields.get("number")
        if number is None:
            number = parameter.default
        return dto.SegmentRule(kind.value, as_int(number, parameter.name, minimum=parameter.minimum,
                                                  maximum=parameter.maximum))
    if kind == SegmentKind.ENROLLED:
        first, last = as_day(fields.get("first"), "first"), as_day(fields.get("last"), "last")
        if last < first:
            raise ValidationError("The period ends before it starts", field="last")
        return dto.SegmentRule(kind.value, first=first, last=last)
    return dto.SegmentRule(kind.value)


def members_where(ctx: Ctx, rule: dto.SegmentRule, program_id: int | None) -> ColumnElement[bool]:
    """The segment as a condition on the members table (of `program_id`, or the whole shop)."""
    kind = SegmentKind(rule.kind)
    if kind == SegmentKind.INACTIVE:
        assert rule.number is not None
        # A member who never came back counts from the day they enrolled.
        last_seen = func.coalesce(Member.last_activity_date, Member.enrollment_date)
        return last_seen < ctx.now - dt.timedelta(days=rule.number)
    if kind == SegmentKind.BIRTHDAY_MONTH:
        month = ctx.today.month
        return Member.birthday_key.between(month * 100 + 1, month * 100 + 31)
    if kind == SegmentKind.EXPIRING:
        assert rule.number is not None
        return exists().where(PointLot.member_id == Member.id, PointLot.points_remaining > 0,
                              PointLot.expires_at < ctx.now + dt.timedelta(days=rule.number))
    if kind == SegmentKind.TOP_SPENDERS:
        assert rule.number is not None
        return _top_spenders(ctx, rule.number, program_id)
    if kind == SegmentKind.ENROLLED:
        assert rule.first is not None and rule.last is not None
        return and_(Member.enrollment_date >= start_of_day(rule.first, ctx.tz),
                    Member.enrollment_date < start_of_day(rule.last + dt.timedelta(days=1), ctx.tz))
    assert rule.number is not None
    return _near_next_tier(ctx, rule.number, program_id)


def _top_spenders(ctx: Ctx, count: int, program_id: int | None) -> ColumnElement[bool]:
    """Spent at least as much as the `count`th biggest spender (so ties at the last place are in),
    and spent something."""
    other = aliased(Member)     # named apart: the same table as the members table it filters
    ranked = select(other.total_spent).where(other.user_id == ctx.user_id)
    if program_id is not None:
        ranked = ranked.where(other.program_id == program_id)
    nth = ranked.order_by(other.total_spent.desc()).limit(1).offset(count - 1).scalar_subquery()
    return and_(Member.total_spent > 0, Member.total_spent >= func.coalesce(nth, 0))


def _near_next_tier(ctx: Ctx, points: int, program_id: int | None) -> ColumnElement[bool]:
    """Within `points` qualifying points of a higher tier, measured as each program measures them
    (services/tiers.py): lifetime points, or the points of its rolling window."""
    query = select(Program).where(Program.user_id == ctx.user_id, Program.tier_system_enabled.is_(True))
    if program_id is not None:
        query = query.where(Program.id == program_id)
    parts = []
    for program in ctx.session.scalars(query):
        qualifying = _qualifying_sql(ctx, program)
        above = exists().where(_TIER.program_id == program.id, _TIER.min_points_required > qualifying,
                               _TIER.min_points_required - qualifying <= points)
        parts.append(and_(Member.program_id == program.id, above))
    return or_(*parts) if parts else false()


def _qualifying_sql(ctx: Ctx, program: Program) -> Any:
    days = qualification_days(program)
    if days is None:
        return Member.lifetime_points
    return select(func.coalesce(func.sum(row_total_sql("qualifying")), 0)).where(
        PointsTransaction.member_id == Member.id,
        PointsTransaction.status == TransactionStatus.COMPLETED.value,
        PointsTransaction.created_at >= ctx.now - dt.timedelta(days=days)).correlate(Member).scalar_subquery()


def _saved_dto(row: MemberSegment) -> dto.SavedSegment:
    params = row.params or {}
    first, last = params.get("first"), params.get("last")
    rule = dto.SegmentRule(row.kind, params.get("number"), dt.date.fromisoformat(first) if first else None,
                           dt.date.fromisoformat(last) if last else None)
    return dto.SavedSegment(row.id, row.name, row.program_id, rule)


def saved_segments(ctx: Ctx) -> list[dto.SavedSegment]:
    return [_saved_dto(row) for row in ctx.session.scalars(
        select(MemberSegment).where(MemberSegment.user_id == ctx.user_id).order_by(MemberSegment.name))]


def save_segment(ctx: Ctx, name: object, program_id: int | None, rule: object) -> dto.SavedSegment:
    """Save a rule under a name (unique in the shop); saving under a name in use replaces nothing."""
    label = as_text(name, "name", max_len=80)
    assert label is not None
    checked = check_rule(rule)
    if program_id is not None:
        get_program(ctx, program_id)
    taken = ctx.session.scalar(select(MemberSegment.id).where(MemberSegment.user_id == ctx.user_id,
                                                             MemberSegment.name == label))
    if taken is not None:
        raise DuplicateReference(f"A segment named {label!r} exists already", field="name")
    count = ctx.session.scalar(select(func.count()).where(MemberSegment.user_id == ctx.user_id)) or 0
    if count >= MAX_SAVED:
        raise ValidationError(f"A shop keeps at most {MAX_SAVED} segments: delete one first", field="name")
    params: dict[str, Any] = {"number": checked.number} if checked.number is not None else {}
    if checked.first is not None and checked.last is not None:
        params = {"first": checked.first.isoformat(), "last": checked.last.isoformat()}
    row = MemberSegment(user_id=ctx.user_id, program_id=program_id, name=label, kind=checked.kind, params=params,
                       created_at=ctx.now)
    ctx.session.add(row)
    try:
        ctx.session.flush()
    except IntegrityError as exc:       # another register saved the same name just now
        raise DuplicateReference(f"A segment named {label!r} exists already", field="name") from exc
    return _saved_dto(row)


def delete_segment(ctx: Ctx, segment_id: int) -> None:
    done = ctx.session.execute(delete(MemberSegment).where(MemberSegment.id == segment_id,
                                                          MemberSegment.user_id == ctx.user_id))
    if not getattr(done, "rowcount", 0):
        raise NotFound(f"No segment #{segment_id}", field="segment")
