"""Shops, programs and tiers: the owner's setup."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ..domain.discount_rules import (
    DISCOUNT_RULES,
    REDEEM_MAX_PERCENT,
    REDEEM_PER_UNIT,
    REDEEM_RESTORE,
    REDEEM_STEP,
)
from ..domain.member_rules import MEMBER_RULE_KEYS
from ..domain.messages import EXPIRY_REMINDER_RULE, MESSAGES_RULE, REACTIVATION_RULE
from ..domain.tier_rules import CALENDAR_YEAR, PERIOD_RULES, ROLLING, TIER_PERIODS, parse_reset, ranges_overlap
from ..errors import ValidationError
from ..models import Member, Program, Reward, Tier, TierProgression
from ..models.enums import MessageKind, ProgramStatus, ProgramType
from . import rollups
from .changes import record_change
from .earning import STAMP_MIN_AMOUNT, ZERO_DECIMAL_CURRENCIES, currency_places
from .member_rules import checked_member_rules
from .tiers import program_tiers
from .uow import Ctx
from .validation import (
    as_bool,
    as_currency,
    as_decimal,
    as_enum,
    as_int,
    as_json_dict,
    as_json_list,
    as_text,
    check_mapping,
)

PROGRAM_FIELDS = (
    "program_name",
    "description",
    "program_type",
    "currency",
    "status",
    "points_per_dollar",
    "points_expiration_days",
    "min_redemption_points",
    "tier_system_enabled",
    "referral_enabled",
    "referral_points_awarded",
    "birthday_bonus_points",
    "program_rules",
    "point_value",
)
TIER_FIELDS = (
    "tier_name",
    "tier_level",
    "min_points_required",
    "max_points_required",
    "points_multiplier",
    "benefits",
    "exclusive_rewards",
    "birthday_bonus_multiplier",
)
# The documented program_rules keys (README, "Program rules").
RULE_KEYS = ("welcome_bonus_points", "pending_days", "cash_back_percent", *PERIOD_RULES,
             MESSAGES_RULE, EXPIRY_REMINDER_RULE, REACTIVATION_RULE, STAMP_MIN_AMOUNT, *MEMBER_RULE_KEYS,
             *DISCOUNT_RULES)


# --- programs --------------------------------------------------------------


def get_program(ctx: Ctx, program_id: int) -> Program:
    return ctx.owned(Program, program_id, "program")


def _program_rules(value: object, program_type: str, currency: str) -> dict[str, Any]:
    rules = as_json_dict(value, "program_rules")
    unknown = sorted(set(rules) - set(RULE_KEYS))
    if unknown:
        raise ValidationError(
            f"Unknown program rule(s): {', '.join(unknown)}. Known rules: {', '.join(RULE_KEYS)}",
            field="program_rules",
        )
    clean: dict[str, Any] = {}
    if rules.get("welcome_bonus_points") is not None:
        clean["welcome_bonus_points"] = as_int(rules["welcome_bonus_points"], "welcome_bonus_points", minimum=0,
                                               maximum=1_000_000)
    if rules.get("pending_days") is not None:
        clean["pending_days"] = as_int(rules["pending_days"], "pending_days", minimum=0, maximum=365)
    clean.update(_period_rules(rules))
    if rules.get("cash_back_percent") is not None:
        value = rules["cash_back_percent"]
        percent = as_decimal(str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value,
                             "cash_back_percent", maximum=Decimal(100), places=2)
        clean["cash_back_percent"] = str(percent)
    if rules.get(MESSAGES_RULE) is not None:
        clean[MESSAGES_RULE] = _message_switches(rules[MESSAGES_RULE])
    if rules.get(EXPIRY_REMINDER_RULE) is not None:
        clean[EXPIRY_REMINDER_RULE] = as_int(rules[EXPIRY_REMINDER_RULE], EXPIRY_REMINDER_RULE, minimum=1, maximum=365)
    if rules.get(REACTIVATION_RULE) is not None:
        clean[REACTIVATION_RULE] = as_int(rules[REACTIVATION_RULE], REACTIVATION_RULE, minimum=7, maximum=3650)
    if rules.get(STAMP_MIN_AMOUNT) is not None:
        clean[STAMP_MIN_AMOUNT] = _stamp_min_amount(rules[STAMP_MIN_AMOUNT], program_type, currency)
    clean.update(checked_member_rules(rules))
    clean.update(_discount_rules(rules, program_type))
    if program_type == ProgramType.CASH_BACK and Decimal(clean.get("cash_back_percent", "0")) <= 0:
        raise ValidationError("A cash back program needs a cash back percent above zero", field="cash_back_percent")
    return clean


def _discount_rules(rules: Mapping[str, Any], program_type: str) -> dict[str, Any]:
    """Points as money off (README, "Program rules"): the redemption value, the step, the basket share
    and whether a return gives the points back."""
    clean: dict[str, Any] = {}
    if rules.get(REDEEM_PER_UNIT) is not None:
        if program_type == ProgramType.CASH_BACK:
            raise ValidationError("A cash back program's points are worth one cent each already: leave "
                                  "redeem_points_per_unit empty", field=REDEEM_PER_UNIT)
        if program_type == ProgramType.STAMPS:
            raise ValidationError("A stamp card's stamps are spent on rewards, not as money off: leave "
                                  "redeem_points_per_unit empty", field=REDEEM_PER_UNIT)
        clean[REDEEM_PER_UNIT] = as_int(rules[REDEEM_PER_UNIT], REDEEM_PER_UNIT, minimum=1, maximum=1_000_000)
    if rules.get(REDEEM_STEP) is not None:
        clean[REDEEM_STEP] = as_int(rules[REDEEM_STEP], REDEEM_STEP, minimum=1, maximum=1_000_000)
    if rules.get(REDEEM_MAX_PERCENT) is not None:
        clean[REDEEM_MAX_PERCENT] = as_int(rules[REDEEM_MAX_PERCENT], REDEEM_MAX_PERCENT, minimum=1, maximum=100)
    if rules.get(REDEEM_RESTORE) is not None:
        clean[REDEEM_RESTORE] = as_bool(rules[REDEEM_RESTORE], REDEEM_RESTORE)
    return clean


def _stamp_min_amount(value: object, program_type: str, currency: str) -> str:
    """The least a purchase must come to for a stamp: money in the currency's places, kept as a string."""
    if program_type != ProgramType.STAMPS:
        raise ValidationError("A minimum amount per stamp is a rule of stamp card programs only",
                              field=STAMP_MIN_AMOUNT)
    places = currency_places(currency)
    amount = as_decimal(value, STAMP_MIN_AMOUNT, places=places)
    return str(amount.quantize(Decimal(1).scaleb(-places)))


def _period_rules(rules: Mapping[str, Any]) -> dict[str, Any]:
    """The tier period's rules (README, "Tier periods"), each checked against the others."""
    clean: dict[str, Any] = {}
    if rules.get("tier_qualification_days") is not None:
        clean["tier_qualification_days"] = as_int(rules["tier_qualification_days"], "tier_qualification_days",
                                                  minimum=1, maximum=3650)
    period = rules.get("tier_period")
    if period is not None:
        if period not in TIER_PERIODS:
            raise ValidationError(f"tier_period must be one of: {', '.join(TIER_PERIODS)}", field="tier_period")
        clean["tier_period"] = period
    if period == ROLLING and "tier_qualification_days" not in clean:
        raise ValidationError("A rolling tier period needs tier_qualification_days (its number of days)",
                              field="tier_qualification_days")
    if period == CALENDAR_YEAR and "tier_qualification_days" in clean:
        raise ValidationError("A calendar-year tier period has no tier_qualification_days: it runs from one "
                              "reset date to the next", field="tier_qualification_days")
    if rules.get("tier_reset_date") is not None:
        if parse_reset(rules["tier_reset_date"]) is None:
            raise ValidationError("tier_reset_date must be a day of every year as MM-DD, such as 01-01 "
                                  "(29 February is not)", field="tier_reset_date")
        clean["tier_reset_date"] = rules["tier_reset_date"]
    if rules.get("tier_grace") is not None:
        clean["tier_grace"] = as_bool(rules["tier_grace"], "tier_grace")
    for key in ("tier_reset_date", "tier_grace"):
        if clean.get(key) and period != CALENDAR_YEAR:
            raise ValidationError(f"{key} applies to a calendar-year tier period only (tier_period: calendar_year)",
                                  field=key)
    if rules.get("tier_demotion_months") is not None:
        clean["tier_demotion_months"] = as_int(rules["tier_demotion_months"], "tier_demotion_months", minimum=1,
                                               maximum=120)
    return clean


def _message_switches(value: object) -> dict[str, bool]:
    """The `messages` rule: which kinds of email the program sends ({"reactivation": false}...)."""
    switches = as_json_dict(value, MESSAGES_RULE)
    known = [k.value for k in MessageKind]
    unknown = sorted(set(switches) - set(known))
    if unknown:
        raise ValidationError(f"Unknown message kind(s): {', '.join(unknown)}. Known kinds: {', '.join(known)}",
                              field=MESSAGES_RULE)
    return {kind: as_bool(on, MESSAGES_RULE) for kind, on in switches.items()}


def _apply_program_fields(program: Program, data: Mapping[str, Any]) -> None:
    setters = {
        "program_name": lambda v: as_text(v, "program_name", max_len=120),
        "description": lambda v: as_text(v, "description", max_len=2000, required=False) or "",
        "program_type": lambda v: as_enum(v, ProgramType, "program_type").value,
        "currency": as_currency,
        "status": lambda v: as_enum(v, ProgramStatus, "status").value,
        "points_per_dollar": lambda v: as_decimal(v, "points_per_dollar", maximum=Decimal(1000), places=4),
        "points_expiration_days": lambda v: None if v is None else as_int(v, "points_expiration_days", minimum=1,
                                                                          maximum=36500),
        "min_redemption_points": lambda v: as_int(v, "min_redemption_points", minimum=0),
        "tier_system_enabled": lambda v: as_bool(v, "tier_system_enabled"),
        "referral_enabled": lambda v: as_bool(v, "referral_enabled"),
        "referral_points_awarded": lambda v: as_int(v, "referral_points_awarded", minimum=0, maximum=1_000_000),
        "birthday_bonus_points": lambda v: as_int(v, "birthday_bonus_points", minimum=0, maximum=1_000_000),
        "point_value": lambda v: as_decimal(v, "point_value", maximum=Decimal(1000), places=2),
    }
    for key, setter in setters.items():
        if key in data:
            setattr(program, key, setter(data[key]))
    if program.currency in ZERO_DECIMAL_CURRENCIES and program.point_value != program.point_value.quantize(Decimal(1)):
        program.point_value = Decimal(1)
    if "program_rules" in data or "program_type" in data or "currency" in data:
        program.program_rules = _program_rules(
            data.get("program_rules", program.program_rules), program.program_type, program.currency
        )


def create_program(ctx: Ctx, data: Mapping[str, Any]) -> Program:
    check_mapping(data, PROGRAM_FIELDS, "program", required=("program_name", "program_type"))
    kind = as_enum(data["program_type"], ProgramType, "program_type")
    program = Program(
        user_id=ctx.user_id,
        description="",
        currency=ctx.shop.currency if ctx.shop else "USD",
        status=ProgramStatus.ACTIVE.value,
        points_per_dollar=Decimal(1),
        points_expiration_days=None,
        min_redemption_points=0,
        tier_system_enabled=kind in (ProgramType.TIERED, ProgramType.HYBRID),
        referral_enabled=False,
        referral_points_awarded=0,
        birthday_bonus_points=0,
        program_rules={},
        point_value=Decimal("0.01"),
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    _apply_program_fields(program, {**data, "program_rules": data.get("program_rules", {})})
    ctx.session.add(program)
    ctx.session.flush()
    rollups.start_program(ctx, program)
    record_change(ctx, "program", program.id, "created", data)
    return program


def update_program(ctx: Ctx, program_id: int, updates: Mapping[str, Any]) -> Program:
    check_mapping(updates, PROGRAM_FIELDS, "program update")
    program = get_program(ctx, program_id)
    _apply_program_fields(program, updates)
    program.updated_at = ctx.now
    ctx.session.flush()
    record_change(ctx, "program", program.id, "changed", updates)
    return program


# --- tiers -----------------------------------------------------------------


def get_tier(ctx: Ctx, tier_id: int) -> Tier:
    return ctx.owned(Tier, tier_id, "tier")


def _apply_tier_fields(tier: Tier, data: Mapping[str, Any]) -> None:
    setters = {
        "tier_name": lambda v: as_text(v, "tier_name", max_len=60),
        "tier_level": lambda v: as_int(v, "tier_level", minimum=0, maximum=100),
        "min_points_required": lambda v: as_int(v, "min_points_required", minimum=0),
        "max_points_required": lambda v: None if v is None else as_int(v, "max_points_required", minimum=0),
        "points_multiplier": lambda v: as_decimal(v, "points_multiplier", maximum=Decimal(10), places=4,
                                                  strictly_positive=True),
        "birthday_bonus_multiplier": lambda v: as_decimal(v, "birthday_bonus_multiplier", maximum=Decimal(10),
                                                          places=4),
        "benefits": lambda v: [str(b) for b in as_json_list(v, "benefits")],
    }
    for key, setter in setters.items():
        if key in data:
            setattr(tier, key, setter(data[key]))
    if tier.max_points_required is not None and tier.max_points_required < tier.min_points_required:
        raise ValidationError("The tier's maximum points are below its minimum", field="max_points_required")


def _check_tier_fits(ctx: Ctx, tier: Tier) -> None:
    others = [t for t in program_tiers(ctx, tier.program_id) if t.id != tier.id]
    if len(others) >= 10:
        raise ValidationError("A program has at most 10 tiers", field="tier_level")
    for other in others:
        if other.tier_level == tier.tier_level:
            raise ValidationError(f"Level {tier.tier_level} is already {other.tier_name}", field="tier_level")
        if ranges_overlap(tier.min_points_required, tier.max_points_required,
                          other.min_points_required, other.max_points_required):
            upper = "and up" if other.max_points_required is None else f"to {other.max_points_required:,}"
            raise ValidationError(
                f"The range overlaps {other.tier_name} ({other.min_points_required:,} {upper} points)",
                field="min_points_required",
            )
    # Higher levels must need more points, or promotion would go the wrong way.
    for other in others:
        if (other.tier_level < tier.tier_level) != (other.min_points_required < tier.min_points_required):
            raise ValidationError(
                f"Level {tier.tier_level} must sit {'above' if other.tier_level < tier.tier_level else 'below'} "
                f"{other.tier_name} in points",
                field="tier_level",
            )


def create_tier(ctx: Ctx, program_id: int, data: Mapping[str, Any]) -> Tier:
    check_mapping(data, TIER_FIELDS, "tier", required=("tier_name", "tier_level", "min_points_required"))
    program = get_program(ctx, program_id)
    tier = Tier(
        program_id=program.id,
        user_id=ctx.user_id,
        max_points_required=None,
        points_multiplier=Decimal(1),
        birthday_bonus_multiplier=Decimal(1),
        benefits=[],
        exclusive_rewards=[],
        created_at=ctx.now,
    )
    _apply_tier_fields(tier, data)
    _check_tier_fits(ctx, tier)
    ctx.session.add(tier)
    ctx.session.flush()
    if "exclusive_rewards" in data:
        _gate_rewards(ctx, tier, data["exclusive_rewards"])
    record_change(ctx, "tier", tier.id, "created", data)
    return tier


def update_tier(ctx: Ctx, tier_id: int, updates: Mapping[str, Any]) -> Tier:
    check_mapping(updates, TIER_FIELDS, "tier update")
    tier = get_tier(ctx, tier_id)
    with ctx.session.no_autoflush:
        _apply_tier_fields(tier, updates)
        _check_tier_fits(ctx, tier)
    ctx.session.flush()
    if "exclusive_rewards" in updates:
        _gate_rewards(ctx, tier, updates["exclusive_rewards"])
    record_change(ctx, "tier", tier.id, "changed", updates)
    return tier


def _gate_rewards(ctx: Ctx, tier: Tier, value: object) -> None:
    """A tier's `exclusive_rewards` is another way of writing the rewards' `tier_exclusive_id`, the
    one gate that redemptions check: the listed rewards become this tier's (and higher tiers'),
    and rewards of this tier that are not listed any more are open to every tier again."""
    wanted = [as_int(v, "exclusive_rewards", minimum=1) for v in as_json_list(value, "exclusive_rewards")]
    rewards = {r.id: r for r in ctx.session.scalars(select(Reward).where(Reward.user_id == ctx.user_id,
                                                                         Reward.id.in_(wanted)))}
    for reward_id in wanted:
        reward = rewards.get(reward_id)
        if reward is None or reward.program_id != tier.program_id:
            raise ValidationError(f"Reward {reward_id} is not a reward of this program", field="exclusive_rewards")
    for reward in ctx.session.scalars(select(Reward).where(Reward.tier_exclusive_id == tier.id)):
        if reward.id not in rewards:
            reward.tier_exclusive_id = None
    for reward in rewards.values():
        reward.tier_exclusive_id = tier.id
    ctx.session.flush()


def exclusive_rewards(ctx: Ctx, tier_ids: list[int]) -> dict[int, list[int]]:
    """Each tier's exclusive rewards, read from the rewards' gate (the tiers' own JSON column is
    not used: one rule, one place)."""
    out: dict[int, list[int]] = {tier_id: [] for tier_id in tier_ids}
    for reward_id, tier_id in ctx.session.execute(
            select(Reward.id, Reward.tier_exclusive_id).where(Reward.tier_exclusive_id.in_(tier_ids))
            .order_by(Reward.id)):
        out[tier_id or 0].append(reward_id)   # never None: the filter keeps gated rewards only
    return out



def delete_tier(ctx: Ctx, tier_id: int) -> None:
    tier = get_tier(ctx, tier_id)
    in_use = ctx.session.scalar(select(Member.id).where(Member.current_tier_id == tier.id).limit(1))
    if in_use is not None:
        raise ValidationError(f"{tier.tier_name} still has members; move them first")
    exclusive = ctx.session.scalar(select(Reward.reward_name).where(Reward.tier_exclusive_id == tier.id).limit(1))
    if exclusive is not None:
        raise ValidationError(f"{exclusive} is exclusive to {tier.tier_name}; change that reward first")
    history = ctx.session.scalar(select(TierProgression.id).where(
        (TierProgression.previous_tier_id == tier.id) | (TierProgression.new_tier_id == tier.id)).limit(1))
    if history is not None:
        raise ValidationError(f"{tier.tier_name} is part of members' tier history and stays; "
                              "edit its range or name instead")
    record_change(ctx, "tier", tier.id, "deleted")
    ctx.session.delete(tier)
    ctx.session.flush()
