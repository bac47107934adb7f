"""The reward catalog, and who may redeem what."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select

from ..errors import ValidationError
from ..models import Member, Program, Redemption, Reward, Tier
from ..models.enums import FulfillmentStatus, MembershipStatus, ProgramStatus, RewardType
from . import dto
from .changes import record_change
from .lifecycle import is_lapsed
from .programs import get_program, get_tier
from .uow import Ctx
from .validation import as_bool, as_date, as_enum, as_int, as_json_dict, as_text, check_mapping

REWARD_FIELDS = (
    "reward_name",
    "description",
    "reward_type",
    "points_cost",
    "quantity_available",
    "quantity_remaining",
    "reward_image_url",
    "reward_code",
    "tier_exclusive_id",
    "active",
    "start_date",
    "end_date",
    "reward_terms",
)


def get_reward(ctx: Ctx, reward_id: int) -> Reward:
    return ctx.owned(Reward, reward_id, "reward")


def _terms(value: object) -> dict[str, Any]:
    terms = as_json_dict(value, "reward_terms")
    if terms.get("max_per_member") is not None:
        terms["max_per_member"] = as_int(terms["max_per_member"], "max_per_member", minimum=1, maximum=10_000)
    return terms


def _apply_reward_fields(ctx: Ctx, reward: Reward, data: Mapping[str, Any]) -> None:
    setters = {
        "reward_name": lambda v: as_text(v, "reward_name", max_len=120),
        "description": lambda v: as_text(v, "description", max_len=2000, required=False) or "",
        "reward_type": lambda v: as_enum(v, RewardType, "reward_type").value,
        "points_cost": lambda v: as_int(v, "points_cost", minimum=1),
        "reward_image_url": lambda v: as_text(v, "reward_image_url", max_len=500, required=False),
        "reward_code": lambda v: as_text(v, "reward_code", max_len=64, required=False),
        "active": lambda v: as_bool(v, "active"),
        "start_date": lambda v: as_date(v, "start_date"),
        "end_date": lambda v: as_date(v, "end_date"),
        "reward_terms": _terms,
    }
    for key, setter in setters.items():
        if key in data:
            setattr(reward, key, setter(data[key]))
    if "tier_exclusive_id" in data:
        tier_id = data["tier_exclusive_id"]
        if tier_id is not None:
            tier = get_tier(ctx, as_int(tier_id, "tier_exclusive_id", minimum=1))
            if tier.program_id != reward.program_id:
                raise ValidationError("That tier belongs to another program", field="tier_exclusive_id")
            tier_id = tier.id
        reward.tier_exclusive_id = tier_id
    _apply_stock(ctx, reward, data)
    if reward.start_date and reward.end_date and reward.end_date < reward.start_date:
        raise ValidationError("The reward ends before it starts", field="end_date")


def _apply_stock(ctx: Ctx, reward: Reward, data: Mapping[str, Any]) -> None:
    """Stock is set as the total available; what remains follows, less units already redeemed."""
    if "quantity_available" not in data and "quantity_remaining" not in data:
        return
    taken = 0
    if reward.id is not None:
        taken = int(ctx.session.scalar(select(func.count()).where(
            Redemption.reward_id == reward.id,
            Redemption.fulfillment_status != FulfillmentStatus.CANCELLED.value)) or 0)
    available = data.get("quantity_available", reward.quantity_available)
    if available is None:
        if data.get("quantity_remaining") is not None:
            raise ValidationError("Set the quantity available for a limited reward", field="quantity_available")
        reward.quantity_available = reward.quantity_remaining = None
        return
    available = as_int(available, "quantity_available", minimum=0)
    if available < taken:
        raise ValidationError(f"{taken} units are already redeemed; the quantity cannot go below that",
                              field="quantity_available")
    remaining = available - taken
    if data.get("quantity_remaining") is not None and as_int(data["quantity_remaining"], "quantity_remaining",
                                                             minimum=0) != remaining:
        raise ValidationError(f"With {taken} redeemed of {available}, {remaining} remain", field="quantity_remaining")
    reward.quantity_available, reward.quantity_remaining = available, remaining


def create_reward(ctx: Ctx, program_id: int, data: Mapping[str, Any]) -> Reward:
    check_mapping(data, REWARD_FIELDS, "reward", required=("reward_name", "reward_type", "points_cost"))
    program = get_program(ctx, program_id)
    reward = Reward(program_id=program.id, user_id=ctx.user_id, description="", active=True, reward_terms={},
                    created_at=ctx.now, updated_at=ctx.now)
    _apply_reward_fields(ctx, reward, data)
    ctx.session.add(reward)
    ctx.session.flush()
    record_change(ctx, "reward", reward.id, "created", data)
    return reward


def update_reward(ctx: Ctx, reward_id: int, updates: Mapping[str, Any]) -> Reward:
    check_mapping(updates, REWARD_FIELDS, "reward update")
    reward = get_reward(ctx, reward_id)
    with ctx.session.no_autoflush:
        _apply_reward_fields(ctx, reward, updates)
    reward.updated_at = ctx.now
    ctx.session.flush()
    record_change(ctx, "reward", reward.id, "changed", updates)
    return reward


def redeemed_counts(ctx: Ctx, member_id: int, rewards: Iterable[Reward]) -> dict[int, int]:
    """How many of each reward with a `max_per_member` the member holds (redemptions not
    cancelled: what the limit counts), in one statement for all of them."""
    ids = [r.id for r in rewards if (r.reward_terms or {}).get("max_per_member")]
    if not ids:
        return {}
    rows = ctx.session.execute(select(Redemption.reward_id, func.count()).where(
        Redemption.member_id == member_id, Redemption.reward_id.in_(ids),
        Redemption.fulfillment_status != FulfillmentStatus.CANCELLED.value).group_by(Redemption.reward_id))
    return {reward_id: int(n) for reward_id, n in rows}


def ineligibility(
    ctx: Ctx, program: Program | dto.Program, member: Member | dto.Member, reward: Reward,
    tiers_by_id: Mapping[int, Tier],
    redeemed: Mapping[int, int] | None = None,
) -> str | None:
    """Why this member cannot redeem this reward now, in a few words; None if they can.

    `redeemed` is `redeemed_counts` for a list of rewards (read once); without it, it is read here."""
    if program.status != ProgramStatus.ACTIVE:
        return "program inactive"
    if member.membership_status != MembershipStatus.ACTIVE and not is_lapsed(member):
        return f"membership {member.membership_status}"
    if reward.program_id != program.id:
        return "another program's reward"
    if not reward.active:
        return "not active"
    today = ctx.today
    if reward.start_date and today < reward.start_date:
        return f"from {reward.start_date.isoformat()}"
    if reward.end_date and today > reward.end_date:
        return f"ended {reward.end_date.isoformat()}"
    if reward.quantity_remaining is not None and reward.quantity_remaining <= 0:
        return "out of stock"
    if reward.tier_exclusive_id is not None:
        needed = tiers_by_id.get(reward.tier_exclusive_id)
        have = tiers_by_id.get(member.current_tier_id) if member.current_tier_id else None
        if needed is not None and (have is None or have.tier_level < needed.tier_level):
            return f"needs {needed.tier_name}"
    limit = (reward.reward_terms or {}).get("max_per_member")
    if limit:
        counts = redeemed_counts(ctx, member.id, [reward]) if redeemed is None else redeemed
        if counts.get(reward.id, 0) >= int(limit):
            return f"limit {limit} per member reached"
    if member.current_points < reward.points_cost:
        return f"{reward.points_cost - member.current_points:,} more points"
    if member.current_points < program.min_redemption_points:
        return f"redeeming starts at {program.min_redemption_points:,} points"
    return None
