"""Reads for exports: one member's data as JSON-ready values, and the shop's members, ledger and
redemptions a page at a time in id order (keyset), so an export of a million rows never holds
more than a page."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ...models import Member, PointsTransaction, Redemption
from .. import dto
from ..members import get_member
from ..segments import members_where
from ..uow import Ctx
from . import history
from . import rows as named

EXPORT_FORMAT = "loyalty-desk member data 1"


def json_ready(value: Any) -> Any:
    """DTOs, dates, money and bytes as JSON values: dicts, lists, text and numbers."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_ready(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def member_data(ctx: Ctx, member_id: int) -> dict[str, Any]:
    """Everything held about one member: profile, ledger, redemptions, activity and tier history,
    oldest first, and the members merged into this one (their own data is exported by their id)."""
    member = get_member(ctx, member_id)
    merged = list(ctx.session.scalars(select(Member.id).where(Member.merged_into_id == member.id,
                                                             Member.user_id == ctx.user_id).order_by(Member.id)))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": json_ready(ctx.now),
        "profile": json_ready(named.member(ctx, member)),
        "ledger": json_ready(history.points_history(ctx, member.id, None)[::-1]),
        "redemptions": json_ready(history.member_redemptions(ctx, member.id)[::-1]),
        "activity": json_ready(history.member_activity(ctx, member.id, None)[::-1]),
        "tier_history": json_ready(history.tier_history(ctx, member.id)[::-1]),
        "merged_members": merged,
    }


def members_after(ctx: Ctx, program_id: int | None, after_id: int, limit: int,
                  segment: dto.SegmentRule | None = None) -> list[dto.Member]:
    query = select(Member).where(Member.user_id == ctx.user_id, Member.id > after_id)
    if program_id is not None:
        query = query.where(Member.program_id == program_id)
    if segment is not None:
        query = query.where(members_where(ctx, segment, program_id))
    return named.members(ctx, list(ctx.session.scalars(query.order_by(Member.id).limit(limit))))


def transactions_after(ctx: Ctx, program_id: int | None, after_id: int, limit: int) -> list[dto.PointsTransaction]:
    query = select(PointsTransaction).where(PointsTransaction.user_id == ctx.user_id, PointsTransaction.id > after_id)
    if program_id is not None:
        query = query.where(PointsTransaction.program_id == program_id)
    return named.with_people(ctx, dto.PointsTransaction,
                             list(ctx.session.scalars(query.order_by(PointsTransaction.id).limit(limit))))


def redemptions_after(ctx: Ctx, program_id: int | None, after_id: int, limit: int) -> list[dto.Redemption]:
    query = select(Redemption).where(Redemption.user_id == ctx.user_id, Redemption.id > after_id)
    if program_id is not None:
        query = query.where(Redemption.program_id == program_id)
    return named.redemptions(ctx, query.order_by(Redemption.id).limit(limit))
