"""Membership statuses by rule (README, "Member lifecycle, milestones and referrals").

A program may set how long a member may go without activity before they become `inactive`
(they have lapsed), and when a lapsed member becomes `expired`: after a longer spell, or when
their last points expire. The daily job applies the rules, one member per step, each step
checking again under the member's lock, so a rerun (or a run after a kill) changes nothing more.
A lapsed member who comes back (a purchase, a redemption) is active again at once; a member
made inactive or expired by a person, erased or merged is never touched by these rules.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, or_, select

from ..domain import ledger_messages
from ..domain.member_rules import EXPIRE_RULE, EXPIRE_WITH_POINTS_RULE, LAPSE_RULE, rule_int
from ..models import Member, PointsTransaction, Program
from ..models.enums import ActivityType, MembershipStatus, ProgramStatus, TransactionType
from . import dto
from .activity import log_activity
from .clock import local_date
from .ledger import lock_member
from .uow import Ctx

INACTIVE, EXPIRED = MembershipStatus.INACTIVE.value, MembershipStatus.EXPIRED.value


def is_lapsed(member: Member | dto.Member) -> bool:
    """Made inactive by the lapse rule (not by a person): activity makes them active again."""
    return (member.membership_status == INACTIVE and member.lapsed_at is not None and member.erased_at is None
            and member.merged_into_id is None)


def lapsed_members() -> ColumnElement[bool]:
    """`is_lapsed` as SQL over the members table."""
    return and_(Member.membership_status == INACTIVE, Member.lapsed_at.is_not(None), _untouched())


def wake(ctx: Ctx, member: Member) -> None:
    """A lapsed member's activity: active again, with an activity row saying since when."""
    if not is_lapsed(member):
        return
    since = local_date(member.last_activity_date, ctx.tz)
    member.membership_status = MembershipStatus.ACTIVE.value
    member.lapsed_at = None
    log_activity(ctx, member, ActivityType.STATUS_CHANGED, ledger_messages.back_activity(since.isoformat()),
                 previous=INACTIVE, new=MembershipStatus.ACTIVE.value, reason="activity")


def _untouched() -> ColumnElement[bool]:
    return and_(Member.erased_at.is_(None), Member.merged_into_id.is_(None))


def due(ctx: Ctx) -> list[tuple[int, int, str]]:
    """(member, program, new status) of every member a lifecycle rule moves today."""
    moves: list[tuple[int, int, str]] = []
    for program in ctx.session.scalars(select(Program).where(
            Program.user_id == ctx.user_id, Program.status == ProgramStatus.ACTIVE.value).order_by(Program.id)):
        lapse = rule_int(program.program_rules, LAPSE_RULE)
        if lapse is None:
            continue
        in_program = and_(Member.user_id == ctx.user_id, Member.program_id == program.id, _untouched())
        lapsing = select(Member.id).where(in_program, Member.membership_status == MembershipStatus.ACTIVE.value,
                                          Member.last_activity_date < ctx.now - dt.timedelta(days=lapse))
        moves += [(mid, program.id, INACTIVE) for mid in ctx.session.scalars(lapsing.order_by(Member.id))]
        lapsed = and_(in_program, lapsed_members())
        wanted = _expiry_clauses(ctx, program)
        if wanted:
            found = select(Member.id).where(lapsed, or_(*wanted)).order_by(Member.id)
            moves += [(mid, program.id, EXPIRED) for mid in ctx.session.scalars(found)]
    return moves


def _expiry_clauses(ctx: Ctx, program: Program) -> list[ColumnElement[bool]]:
    """The program's reasons for a lapsed member to expire, as conditions on the members table."""
    return [c for c in (_expired_by_time(ctx, program), _expired_by_points(program)) if c is not None]


def _expired_by_time(ctx: Ctx, program: Program) -> ColumnElement[bool] | None:
    days = rule_int(program.program_rules, EXPIRE_RULE)
    return Member.last_activity_date < ctx.now - dt.timedelta(days=days) if days else None


def _expired_by_points(program: Program) -> ColumnElement[bool] | None:
    """Lapsed, and points expired since, leaving none."""
    if not (program.program_rules or {}).get(EXPIRE_WITH_POINTS_RULE):
        return None
    expired_since = select(PointsTransaction.id).where(
        PointsTransaction.member_id == Member.id,
        PointsTransaction.transaction_type == TransactionType.EXPIRATION.value,
        PointsTransaction.created_at >= Member.lapsed_at).exists()
    return and_(Member.current_points == 0, expired_since)


def move(ctx: Ctx, item: tuple[int, int, str]) -> int:
    """One member's move, checked again under the lock (the member may have come back since the
    list was read, or a rerun may find it done): 1 when moved, else 0."""
    member_id, program_id, status = item
    member = lock_member(ctx, member_id)
    program = ctx.session.get(Program, program_id)
    if program is None or not _still_due(ctx, program, member, status):
        return 0
    previous = member.membership_status
    if status == INACTIVE:
        days = (ctx.now - member.last_activity_date).days
        text = ledger_messages.lapsed_activity(days)
        member.lapsed_at = ctx.now
    else:
        reason = "no points left after they expired" if member.current_points == 0 and \
            (program.program_rules or {}).get(EXPIRE_WITH_POINTS_RULE) else "no activity for a long time"
        text = ledger_messages.expired_activity(reason)
    member.membership_status = status
    log_activity(ctx, member, ActivityType.STATUS_CHANGED, text, previous=previous, new=status, reason="rule")
    return 1


def _still_due(ctx: Ctx, program: Program, member: Member, status: str) -> bool:
    if member.erased_at is not None or member.merged_into_id is not None:
        return False
    found = select(Member.id).where(Member.id == member.id)
    if status == INACTIVE:
        lapse = rule_int(program.program_rules, LAPSE_RULE)
        return (lapse is not None and member.membership_status == MembershipStatus.ACTIVE.value
                and member.last_activity_date < ctx.now - dt.timedelta(days=lapse))
    if not is_lapsed(member):
        return False
    wanted = _expiry_clauses(ctx, program)
    return bool(wanted) and ctx.session.scalar(found.where(or_(*wanted))) is not None
