"""DTOs with the names a screen shows: a member's tier, a redemption's reward and member.

Lists get their names in the same statement (a join) or in one statement for the
whole list, so the number of statements does not grow with the number of rows.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Row, Select, select

from ...models import Member, MemberActivity, PointsTransaction, Redemption, Reward, Staff, Tier
from .. import api_keys, dto
from ..members import MEMBER_COLUMNS
from ..uow import Ctx

R = TypeVar("R")


def member(ctx: Ctx, row: Member) -> dto.Member:
    """One member with its tier's name (a primary-key get, usually already in the session)."""
    tier = ctx.session.get(Tier, row.current_tier_id) if row.current_tier_id else None
    return dto.to_dto(dto.Member, row, tier_name=tier.tier_name if tier else None)


def member_row(row: Row[Any]) -> dto.Member:
    """A member read by a Core statement selecting MEMBER_COLUMNS (possibly after other columns)."""
    return dto.Member(*row[len(row) - len(MEMBER_COLUMNS):])


def members(ctx: Ctx, rows: Sequence[Member]) -> list[dto.Member]:
    """Members with their tiers' names, looked up in one statement for the whole list."""
    ids = {m.current_tier_id for m in rows if m.current_tier_id}
    names: dict[int, str] = {tier_id: name for tier_id, name in ctx.session.execute(
        select(Tier.id, Tier.tier_name).where(Tier.id.in_(ids)))} if ids else {}
    return [dto.to_dto(dto.Member, m, tier_name=names.get(m.current_tier_id) if m.current_tier_id else None)
            for m in rows]


def redemption(ctx: Ctx, row: Redemption, *known: str) -> dto.Redemption:
    """One redemption with its reward's and member's names: `known` (the reward's, the member's)
    when the caller read them already, else in one statement."""
    names = known or ctx.session.execute(select(Reward.reward_name, Member.customer_name)
                                         .join(Member, Member.id == row.member_id)
                                         .where(Reward.id == row.reward_id)).one_or_none()
    return dto.to_dto(dto.Redemption, row, reward_name=names[0] if names else None,
                      member_name=names[1] if names else None)


def with_names(query: Select[Redemption]) -> Select[Redemption, str, str]:
    """A redemptions query that also reads the reward's and the member's names."""
    return query.add_columns(Reward.reward_name, Member.customer_name) \
        .join(Reward, Reward.id == Redemption.reward_id).join(Member, Member.id == Redemption.member_id)


def redemptions(ctx: Ctx, query: Select[Redemption]) -> list[dto.Redemption]:
    """The redemptions a query selects, names joined in: one statement."""
    return [dto.to_dto(dto.Redemption, r, reward_name=reward_name, member_name=member_name)
            for r, reward_name, member_name in ctx.session.execute(with_names(query))]


def newest_redemptions(ctx: Ctx) -> Select[Redemption]:
    """This shop's redemptions, newest first: the base of every redemptions list."""
    return select(Redemption).where(Redemption.user_id == ctx.user_id) \
        .order_by(Redemption.redemption_date.desc(), Redemption.id.desc())


def outcome(result: tuple[PointsTransaction, bool] | tuple[PointsTransaction, bool, str | None]
            ) -> dto.PurchaseOutcome:
    """A purchase or return row, whether the call replayed it and (a purchase) its promotion's name."""
    row, replayed, *promotion = result
    return dto.PurchaseOutcome(dto.to_dto(dto.PointsTransaction, row), replayed, *promotion)


def staff_names(ctx: Ctx, ids: Iterable[int | None]) -> dict[int, str]:
    """The names of the staff members with these ids, in one statement."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {staff_id: name for staff_id, name in ctx.session.execute(
        select(Staff.id, Staff.name).where(Staff.id.in_(wanted)))}


def with_people(ctx: Ctx, cls: type[R], rows: Sequence[PointsTransaction | MemberActivity]) -> list[R]:
    """Ledger or activity rows with who did them and who approved them, by name."""
    names = staff_names(ctx, [i for r in rows for i in (r.actor_staff_id, r.approver_staff_id)])
    keys = api_keys.names(ctx, {r.actor_api_key_id for r in rows if r.actor_api_key_id})
    return [dto.to_dto(cls, r, actor_name=actor_name(names, keys, r.actor_staff_id, r.actor_api_key_id),
                       approver_name=names.get(r.approver_staff_id) if r.approver_staff_id else None) for r in rows]


def actor_name(staff: dict[int, str], keys: dict[int, str], staff_id: int | None, key_id: int | None) -> str | None:
    """A row's actor by name: the staff member's, or the API key's."""
    if staff_id:
        return staff.get(staff_id)
    return keys.get(key_id) if key_id else None
