"""Shops, programs, tiers and rewards as the screens read them."""
from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from ...errors import NotFound
from ...models import Program, Reward, Shop, Tier
from ...models.shop import STAFF_LIMIT_DEFAULTS
from .. import dto, members, programs, rewards, webhooks
from .. import shops as shop_settings
from ..uow import Ctx


def shops(ctx: Ctx) -> list[dto.Shop]:
    """Every shop account: those with settings, and those known only by their programs."""
    known = {s.user_id: s for s in ctx.session.scalars(select(Shop))}
    owners = set(ctx.session.scalars(select(Program.user_id).distinct()))
    for user_id in sorted(owners - set(known)):
        known[user_id] = Shop(user_id=user_id, shop_name=user_id, currency="USD", timezone="UTC",
                              phone_region="US", created_at=ctx.now, webhook_auto_enroll=False,
                              **STAFF_LIMIT_DEFAULTS)
    secrets = webhooks.providers_with_secrets(ctx, known)
    return [shop_settings.to_dto(ctx, s, secrets[s.user_id]) for s in sorted(known.values(), key=lambda s: s.user_id)]


def shop(ctx: Ctx) -> dto.Shop:
    if ctx.shop is None:
        raise NotFound(f"No shop account {ctx.user_id!r}")
    return shop_settings.to_dto(ctx, ctx.shop)


def program_owners(ctx: Ctx, program_ids: list[int]) -> dict[int, str]:
    """The shop account of each program (any shop's: for start-up maintenance only)."""
    if not program_ids:
        return {}
    rows = ctx.session.execute(select(Program.id, Program.user_id).where(Program.id.in_(program_ids))
                               .order_by(Program.id))
    return {program_id: user_id for program_id, user_id in rows}


def program_list(ctx: Ctx) -> list[dto.Program]:
    rows = ctx.session.scalars(select(Program).where(Program.user_id == ctx.user_id).order_by(Program.id))
    return [dto.to_dto(dto.Program, p) for p in rows]


def program(ctx: Ctx, program_id: int) -> dto.Program:
    return dto.to_dto(dto.Program, programs.get_program(ctx, program_id))


def tiers(ctx: Ctx, program_id: int) -> list[dto.Tier]:
    """A program's tiers by level (NotFound for another shop's program)."""
    programs.get_program(ctx, program_id)
    rows = programs.program_tiers(ctx, program_id)
    gated = programs.exclusive_rewards(ctx, [t.id for t in rows])
    return [_gated(t, gated[t.id]) for t in rows]


def tier(ctx: Ctx, row: Tier) -> dto.Tier:
    return _gated(row, programs.exclusive_rewards(ctx, [row.id])[row.id])


def _gated(row: Tier, rewards: list[int]) -> dto.Tier:
    """The tier with its exclusive rewards read from the rewards' gate (the one rule), not from
    the spec's JSON column, which nothing writes any more."""
    return dataclasses.replace(dto.to_dto(dto.Tier, row), exclusive_rewards=rewards)


def reward_catalog(program_id: int | ColumnElement[int], *columns: Any) -> Select[Any]:
    """A program's rewards, cheapest first: as Reward objects, or as rows of `columns`."""
    return select(*(columns or (Reward,))).where(Reward.program_id == program_id) \
        .order_by(Reward.points_cost, Reward.id)


def reward_list(ctx: Ctx, program_id: int) -> list[dto.Reward]:
    """A program's rewards, cheapest first (NotFound for another shop's program)."""
    programs.get_program(ctx, program_id)
    return [dto.to_dto(dto.Reward, r) for r in ctx.session.scalars(reward_catalog(program_id))]


def reward(ctx: Ctx, reward_id: int) -> dto.Reward:
    """One reward of this shop (NotFound for an unknown id or another shop's)."""
    return dto.to_dto(dto.Reward, rewards.get_reward(ctx, reward_id))


def reward_eligibility(ctx: Ctx, member_id: int) -> list[tuple[dto.Reward, str | None]]:
    """Every reward of the member's program, with why they cannot redeem it now (None = they can)."""
    member = members.get_member(ctx, member_id)
    program_row = programs.get_program(ctx, member.program_id)
    by_id = {t.id: t for t in programs.program_tiers(ctx, program_row.id)}
    catalog = list(ctx.session.scalars(reward_catalog(program_row.id)))
    redeemed = rewards.redeemed_counts(ctx, member.id, catalog)
    return [(dto.to_dto(dto.Reward, r), rewards.ineligibility(ctx, program_row, member, r, by_id, redeemed))
            for r in catalog]
