"""Members as the screens read them: a program's list, the counter lookup, a page of the
members table and its count, and the counter's member panel."""
from __future__ import annotations

import datetime as dt
from dataclasses import fields
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import Select, bindparam, func, literal, select, tuple_, union

from ...db.prepared import Prepared
from ...domain.stamps import card_size
from ...errors import NotFound, ValidationError
from ...models import Member, MemberActivity, PointLot, Program, Redemption, Reward, Shop, Tier
from ...models.enums import ActivityType, FulfillmentStatus, MembershipStatus, ProgramType
from ...models.shop import zone_name_at
from .. import dto
from ..clock import local_date, zone
from ..contacts import PREFIX_TOP, fold
from ..members import MEMBER_COLUMNS, find
from ..pending import member_pending_points
from ..programs import get_program
from ..rewards import ineligibility
from ..segments import members_where
from ..tiers import outlook, period_of, program_tier_rows
from ..uow import Ctx
from ..validation import INT64_MAX, INT64_MIN, check_clean
from . import rows as named
from .catalog import reward_catalog

# Sort keys the members table offers, each backed by a (user_id, column, id) index.
SORT_COLUMNS = {
    "name": Member.name_key,
    "card_number": Member.card_number,
    "current_points": Member.current_points,
    "lifetime_points": Member.lifetime_points,
    "total_spent": Member.total_spent,
    "last_activity_date": Member.last_activity_date,
    "enrollment_date": Member.enrollment_date,
}
MAX_PAGE = 1000
S = TypeVar("S", bound=Select[Any])


def program_members(ctx: Ctx, program_id: int) -> list[dto.Member]:
    """A program's members by id (NotFound for another shop's program)."""
    get_program(ctx, program_id)
    return named.members(ctx, list(ctx.session.scalars(select(Member).where(
        Member.program_id == program_id, Member.user_id == ctx.user_id).order_by(Member.id))))


def lookup(ctx: Ctx, query: str, program_id: int | None, limit: int) -> list[dto.Member]:
    """The counter lookup (`members.find`), best match first: one statement."""
    return [named.member_row(row) for row in find(ctx, query, program_id, limit)]


def members_page(ctx: Ctx, *, program_id: int | None, tier_id: int | None, status: str | None, search: str | None,
                 sort: str, descending: bool, after: tuple[dto.SortValue, int] | None, limit: int,
                 enrolled_since: dt.date | None = None, segment: dto.SegmentRule | None = None) -> dto.MemberPage:
    """One page of members in a stable order, continuing after `after` (keyset paging); with
    `enrolled_since`, only those enrolled on or after that day of the shop's calendar."""
    if not isinstance(sort, str) or sort not in SORT_COLUMNS:
        raise ValidationError(f"Cannot sort members by {sort!r}", field="sort")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"The page size must be from 1 to {MAX_PAGE}", field="limit")
    if not isinstance(descending, bool):
        raise ValidationError("descending must be true or false", field="descending")
    if search is not None and not isinstance(search, str):
        raise ValidationError("The search must be text", field="search")
    if status is not None and not isinstance(status, str):
        raise ValidationError("The status must be text", field="status")
    column = SORT_COLUMNS[sort]
    after = _check_cursor(after, sort)
    # Core rows with the tier's name joined in: one statement, no ORM objects for a page of hundreds.
    query = select(*named.MEMBER_COLUMNS).outerjoin(Tier, Tier.id == Member.current_tier_id) \
        .where(Member.user_id == ctx.user_id)
    query = _filtered(ctx, query, program_id, tier_id, status, search, segment)
    if enrolled_since is not None:
        if isinstance(enrolled_since, dt.datetime) or not isinstance(enrolled_since, dt.date):
            raise ValidationError("enrolled_since must be a date", field="enrolled_since")
        start = dt.datetime.combine(enrolled_since, dt.time.min, tzinfo=ctx.tz).astimezone(dt.UTC)
        query = query.where(Member.enrollment_date >= start)
    if after is not None:
        value, last_id = after
        # A row value, with the sort column's own bound beside it: both planners then start the
        # index range at the cursor (an OR of the two cases walks the index from the shop's start
        # once the tier is joined in, and page 5,000 would read 1M index entries).
        key = tuple_(column, Member.id)
        cursor_key = tuple_(literal(value, column.type), literal(last_id, Member.id.type))
        if descending:
            query = query.where(column <= value, key < cursor_key)
        else:
            query = query.where(column >= value, key > cursor_key)
    order = (column.desc(), Member.id.desc()) if descending else (column.asc(), Member.id.asc())
    rows = ctx.conn.execute(query.order_by(*order).limit(limit)).all()
    cursor = (getattr(rows[-1], column.key), rows[-1].id) if len(rows) == limit else None
    first = (getattr(rows[0], column.key), rows[0].id) if rows else None
    return dto.MemberPage([named.member_row(row) for row in rows], cursor, first)


def _check_cursor(after: object, sort: str) -> tuple[dto.SortValue, int] | None:
    """A cursor must be what a previous page returned: (value of the sort column, member id)."""
    if after is None:
        return None
    if not isinstance(after, tuple) or len(after) != 2:
        raise ValidationError("The page cursor must be the next_after of a previous page", field="after")
    value, last_id = after
    kinds: dict[str, tuple[type, ...]] = {"name": (str,), "card_number": (str,), "current_points": (int,),
                                          "lifetime_points": (int,), "total_spent": (Decimal, int),
                                          "last_activity_date": (dt.datetime,), "enrollment_date": (dt.datetime,)}
    if isinstance(last_id, bool) or not isinstance(last_id, int) or isinstance(value, bool) \
            or not isinstance(value, kinds[sort]):
        raise ValidationError("The page cursor does not match the sort order", field="after")
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        raise ValidationError("The page cursor's time must be timezone-aware", field="after")
    if isinstance(value, str):
        check_clean(value, "after")
    # Past 64 bits no database integer can hold it: no previous page returned that.
    if not all(INT64_MIN <= n <= INT64_MAX for n in (last_id, value) if isinstance(n, int)):
        raise ValidationError("The page cursor must be the next_after of a previous page", field="after")
    return cast(dto.SortValue, value), last_id


def member_summary(ctx: Ctx, member_id: int, expiring_within_days: int = 30) -> dto.MemberSummary:
    """The counter panel in at most four statements, whatever the number of tiers, rewards, lots
    or holds: the member with its program, shop and soon-expiring points; the rewards with how
    many of each the member holds; the holds; and the tiers (only when a tier is involved)."""
    horizon = ctx.now + dt.timedelta(days=expiring_within_days)
    found = _PANEL.rows(ctx.conn, {"member": member_id, "user": ctx.user_id, "horizon": horizon,
                                   "since": ctx.now - dt.timedelta(days=1)})
    if not found:
        raise NotFound(f"No member #{member_id}")
    row = found[0]
    # Plain DTOs from one Core row: no ORM objects on the counter's hottest read.
    member = dto.Member(*row[:_MEMBER_END])
    program = dto.Program(*row[_MEMBER_END:_PROGRAM_END])
    timezone, next_timezone, changes_at, expiring, first_expiry, milestone, milestone_at = row[_PROGRAM_END:]
    ctx.tz = zone(zone_name_at(timezone, next_timezone, changes_at, ctx.now)) if timezone else dt.UTC   # as Ctx.tz
    if milestone_at is not None and local_date(milestone_at, ctx.tz) != ctx.today:
        milestone = None            # reached yesterday, in the shop's calendar
    rewards = _OFFERED.rows(ctx.conn, {"program": program.id, "member": member.id})
    redeemed = {reward.id: int(reward.held) for reward in rewards}
    needs_tiers = program.tier_system_enabled or member.current_tier_id is not None or any(
        r.tier_exclusive_id is not None for r in rewards)
    tiers = program_tier_rows(ctx, program.id) if needs_tiers else []
    current = next((t for t in tiers if t.id == member.current_tier_id), None)
    ahead = outlook(ctx, member, program, tiers)
    on_spend = period_of(program).on_spend
    holds = member_pending_points(ctx, member.id)
    by_id = {t.id: t for t in tiers}
    affordable = [dto.to_dto(dto.Reward, r) for r in rewards
                  if ineligibility(ctx, program, member, r, by_id, redeemed) is None]
    dearer = next((r for r in rewards if r.points_cost > member.current_points), None)
    return dto.MemberSummary(
        member=member,
        program=program,
        tier_name=current.tier_name if current else None,
        next_tier_name=ahead.next_tier.tier_name if ahead.next_tier else None,
        points_to_next_tier=None if on_spend or ahead.to_next is None else int(ahead.to_next),
        pending_points=holds,
        expiring_points=int(expiring or 0),
        expiring_on=first_expiry.astimezone(ctx.tz).date() if first_expiry else None,
        affordable_rewards=affordable,
        next_reward_name=dearer.reward_name if dearer else None,
        points_to_next_reward=dearer.points_cost - member.current_points if dearer else None,
        milestone=(str(milestone["milestone"]), int(milestone["reached"])) if milestone else None,
        stamp_card_size=card_size(r.points_cost for r in rewards) if program.program_type == ProgramType.STAMPS
        else None,
        spend_to_next_tier=Decimal(ahead.to_next) if on_spend and ahead.to_next is not None else None,
        keep_tier_by=ahead.keep_by,
        keep_tier_points=None if on_spend or ahead.keep_needs is None else int(ahead.keep_needs),
        keep_tier_spend=Decimal(ahead.keep_needs) if on_spend and ahead.keep_needs is not None else None,
    )


def _panel() -> Prepared:
    soon = (PointLot.member_id == Member.id, PointLot.points_remaining > 0, PointLot.expires_at < bindparam("horizon"))
    # The latest milestone of the last day, and when (the shop's "today" is known only once this
    # statement has read the shop): member and moment are the activity index's range.
    latest = select(MemberActivity).where(
        MemberActivity.member_id == Member.id, MemberActivity.activity_date >= bindparam("since"),
        MemberActivity.activity_type == ActivityType.ENGAGEMENT_MILESTONE.value,
    ).order_by(MemberActivity.activity_date.desc(), MemberActivity.id.desc()).limit(1)
    return Prepared(select(
        *MEMBER_COLUMNS, *_PROGRAM_COLUMNS, Shop.timezone, Shop.next_timezone, Shop.timezone_changes_at,
        select(func.coalesce(func.sum(PointLot.points_remaining), 0)).where(*soon).scalar_subquery(),
        select(func.min(PointLot.expires_at)).where(*soon).scalar_subquery(),
        latest.with_only_columns(MemberActivity.activity_metadata).scalar_subquery(),
        latest.with_only_columns(MemberActivity.activity_date).scalar_subquery()) \
        .join(Program, Program.id == Member.program_id).outerjoin(Shop, Shop.user_id == Member.user_id) \
        .outerjoin(Tier, Tier.id == Member.current_tier_id) \
        .where(Member.id == bindparam("member"), Member.user_id == bindparam("user")))


def _offered() -> Prepared:
    """A program's active rewards, cheapest first, as rows with a reward's attributes and `held`:
    how many of each the member holds (as rewards.redeemed_counts counts them)."""
    held = select(func.count()).where(
        Redemption.member_id == bindparam("member"), Redemption.reward_id == Reward.id,
        Redemption.fulfillment_status != FulfillmentStatus.CANCELLED.value).correlate(Reward).scalar_subquery()
    return Prepared(reward_catalog(bindparam("program"), *Reward.__table__.columns)
                    .where(Reward.active.is_(True)).add_columns(held.label("held")))


# The panel's row: the member's columns (with its tier's name), then the program's, then the rest.
_PROGRAM_COLUMNS = tuple(Program.__table__.c[f.name].label(f"program_{f.name}") for f in fields(dto.Program))
_MEMBER_END = len(MEMBER_COLUMNS)
_PROGRAM_END = _MEMBER_END + len(_PROGRAM_COLUMNS)
# The member panel's statements, built once (building one costs more than running it).
_PANEL = _panel()
_OFFERED = _offered()


def _filtered(ctx: Ctx, query: S, program_id: int | None, tier_id: int | None, status: str | None,
              search: str | None, segment: dto.SegmentRule | None = None) -> S:
    """The members table's filters, shared by its pages and its count."""
    if segment is not None:
        query = query.where(members_where(ctx, segment, program_id))
    if program_id is not None:
        query = query.where(Member.program_id == program_id)
    if tier_id is not None:
        query = query.where(Member.current_tier_id == tier_id)
    if status is not None:
        if status not in {s.value for s in MembershipStatus}:
            raise ValidationError(f"Unknown membership status {status!r}", field="status")
        query = query.where(Member.membership_status == status)
    key = fold(search or "")
    if key:
        # Two index ranges joined by id: an OR of the two ranges would scan the whole name index.
        by_name = select(Member.id).where(Member.user_id == ctx.user_id, Member.name_key >= key,
                                          Member.name_key < key + PREFIX_TOP)
        by_surname = select(Member.id).where(Member.user_id == ctx.user_id, Member.surname_key >= key,
                                             Member.surname_key < key + PREFIX_TOP)
        query = query.where(Member.id.in_(union(by_name, by_surname)))
    return query


def status_counts(ctx: Ctx, program_id: int | None) -> dict[str, int]:
    """How many members hold each membership status (every status named, 0 when none do)."""
    query = select(Member.membership_status, func.count()).where(Member.user_id == ctx.user_id)
    if program_id is not None:
        query = query.where(Member.program_id == program_id)
    found = {status: n for status, n in ctx.session.execute(query.group_by(Member.membership_status))}
    return {status.value: int(found.get(status.value, 0)) for status in MembershipStatus}


def count_members(ctx: Ctx, program_id: int | None, *, tier_id: int | None = None, status: str | None = None,
                  search: str | None = None, cap: int | None = None, segment: dto.SegmentRule | None = None) -> int:
    """How many members the filters leave; with `cap`, counting stops there (so "10,000+" stays cheap)."""
    if search is not None and not isinstance(search, str):
        raise ValidationError("The search must be text", field="search")
    if status is not None and not isinstance(status, str):
        raise ValidationError("The status must be text", field="status")
    if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 1):
        raise ValidationError("The cap must be a positive whole number", field="cap")
    rows = _filtered(ctx, select(Member.id).where(Member.user_id == ctx.user_id), program_id, tier_id, status,
                     search, segment)
    if cap is not None:
        rows = rows.limit(cap)
    return int(ctx.session.scalar(select(func.count()).select_from(rows.subquery())) or 0)
