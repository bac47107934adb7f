"""Promotions: a program's bonus events, set up by the owner or a manager (README, "Promotions").

What a promotion earns is computed in services/earning.py (`purchase_earning`), the one place
that computes a purchase's points, for the counter's preview and the recorded purchase alike.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select

from ..db.prepared import Prepared
from ..errors import ValidationError
from ..models import MemberActivity, PointsTransaction, Program, Promotion, Tier
from ..models.base import row_object
from ..models.enums import ActivityType, ProgramType
from .changes import record_change
from .clock import end_cutoff, start_of_day
from .earning import Earning, currency_places, purchase_earning
from .programs import get_program
from .tiers import program_tiers
from .uow import Ctx
from .validation import as_bool, as_decimal, as_int, as_json_list, as_text, check_mapping

PROMOTION_FIELDS = ("name", "multiplier", "bonus_points", "starts_at", "ends_at", "days_of_week", "hours",
                    "min_amount", "tier_ids", "stacks_with_tier", "active")
MAX_MULTIPLIER = Decimal(100)
MAX_BONUS = 1_000_000


def get_promotion(ctx: Ctx, promotion_id: int) -> Promotion:
    return ctx.owned(Promotion, promotion_id, "promotion")


def list_promotions(ctx: Ctx, program_id: int, *, current_only: bool = False) -> list[Promotion]:
    """A program's promotions by start, then by id; `current_only`: those not ended yet (running or to come)."""
    get_program(ctx, program_id)
    query = select(Promotion).where(Promotion.program_id == program_id, Promotion.user_id == ctx.user_id)
    if current_only:
        query = query.where(Promotion.active.is_(True), Promotion.ends_at > ctx.now)
    return list(ctx.session.scalars(query.order_by(Promotion.starts_at, Promotion.id)))


def create_promotion(ctx: Ctx, program_id: int, data: Mapping[str, Any]) -> Promotion:
    check_mapping(data, PROMOTION_FIELDS, "promotion", required=("name", "starts_at", "ends_at"))
    program = get_program(ctx, program_id)
    if program.program_type == ProgramType.STAMPS:
        raise ValidationError(f"{program.program_name} is a stamp card: a visit earns one stamp, so a promotion "
                              "cannot multiply it or add to it", field="program_id")
    promotion = Promotion(user_id=ctx.user_id, program_id=program.id, multiplier=None, bonus_points=None,
                          days_of_week=[], hour_from=None, hour_to=None, min_amount=None, tier_ids=[],
                          stacks_with_tier=False, active=True, created_at=ctx.now, updated_at=ctx.now)
    _apply(ctx, program, promotion, data)
    ctx.session.add(promotion)
    ctx.session.flush()
    record_change(ctx, "promotion", promotion.id, "created", data)
    return promotion


def update_promotion(ctx: Ctx, promotion_id: int, updates: Mapping[str, Any]) -> Promotion:
    check_mapping(updates, PROMOTION_FIELDS, "promotion update")
    promotion = get_promotion(ctx, promotion_id)
    with ctx.session.no_autoflush:
        _apply(ctx, get_program(ctx, promotion.program_id), promotion, updates)
    promotion.updated_at = ctx.now
    ctx.session.flush()
    record_change(ctx, "promotion", promotion.id, "changed", updates)
    return promotion


def end_promotion(ctx: Ctx, promotion_id: int) -> Promotion:
    """End a promotion now: it stops applying, and one that was running keeps now as its end."""
    promotion = get_promotion(ctx, promotion_id)
    if promotion.active:
        promotion.active = False
        if promotion.starts_at < ctx.now < promotion.ends_at:
            promotion.ends_at = ctx.now
        promotion.updated_at = ctx.now
        ctx.session.flush()
        record_change(ctx, "promotion", promotion.id, "ended")
    return promotion


def example(ctx: Ctx, program_id: int, data: Mapping[str, Any], amount: object,
            promotion_id: int | None = None) -> Example:
    """What a purchase of `amount` would earn under a promotion as set in an editor (`data`, the
    fields of `create_promotion`; over the stored `promotion_id` when it is an edit), checked as
    a save checks it and written nowhere: (its earning, the points without it, the local moment
    of the example, the tier of the example member, the amount read). The moment is the first one in the window
    on one of its days, at its first hour (noon when it runs all day); the member is of its
    lowest tier, or in no tier when it is for every member."""
    program = get_program(ctx, program_id)
    stored = get_promotion(ctx, promotion_id) if promotion_id is not None else None
    promotion = Promotion(user_id=ctx.user_id, program_id=program.id, multiplier=None, bonus_points=None,
                          days_of_week=[], hour_from=None, hour_to=None, min_amount=None, tier_ids=[],
                          stacks_with_tier=False, active=True)
    if stored is not None:
        for column in Promotion.__table__.columns.keys():
            if column != "id":
                setattr(promotion, column, getattr(stored, column))
    check_mapping(data, PROMOTION_FIELDS, "promotion")
    with ctx.session.no_autoflush:
        _apply(ctx, program, promotion, data)
    if promotion in ctx.session:
        ctx.session.expunge(promotion)      # an example: never written
    price = as_decimal(amount, "amount", places=currency_places(program.currency), strictly_positive=True)
    tiers = [t for t in program_tiers(ctx, program.id) if t.id in (promotion.tier_ids or [])]
    tier = tiers[0] if tiers else None
    moment = _example_moment(promotion, ctx.tz)
    earned = purchase_earning(program, tier, price, [promotion], moment)
    return Example(earned, purchase_earning(program, tier, price, [], None).points, moment, tier, price)


class Example(NamedTuple):
    """`example`'s answer."""

    earning: Earning
    points_without: int
    moment: dt.datetime
    tier: Tier | None
    amount: Decimal


def _example_moment(promotion: Promotion, tz: dt.tzinfo) -> dt.datetime:
    start = promotion.starts_at.astimezone(tz)
    for offset in range(8):
        day = start.date() + dt.timedelta(days=offset)
        if promotion.days_of_week and day.weekday() not in promotion.days_of_week:
            continue
        hour = promotion.hour_from if promotion.hour_from is not None else 12
        moment = max(dt.datetime.combine(day, dt.time(hour), tzinfo=tz), start)
        if moment < promotion.ends_at:
            return moment
    return start


def _apply(ctx: Ctx, program: Program, promotion: Promotion, data: Mapping[str, Any]) -> None:
    """Check and set the given fields, then the rules between them."""
    places = currency_places(program.currency)
    setters = {
        "name": lambda v: as_text(v, "name", max_len=80),
        "multiplier": lambda v: None if v is None else _multiplier(v),
        "bonus_points": lambda v: None if v is None else as_int(v, "bonus_points", minimum=1, maximum=MAX_BONUS),
        "starts_at": lambda v: _moment(v, "starts_at", ctx.tz, end=False),
        "ends_at": lambda v: _moment(v, "ends_at", ctx.tz, end=True),
        "days_of_week": _days,
        "min_amount": lambda v: None if v is None else as_decimal(v, "min_amount", places=places),
        "tier_ids": lambda v: _tiers(ctx, program, v),
        "stacks_with_tier": lambda v: as_bool(v, "stacks_with_tier"),
        "active": lambda v: as_bool(v, "active"),
    }
    for key, setter in setters.items():
        if key in data:
            setattr(promotion, key, setter(data[key]))
    if "hours" in data:
        promotion.hour_from, promotion.hour_to = _hours(data["hours"])
    if (promotion.multiplier is None) == (promotion.bonus_points is None):
        field = "bonus_points" if "bonus_points" in data and "multiplier" not in data else "multiplier"
        raise ValidationError("Give either a multiplier or bonus points (exactly one of them)", field=field)
    if promotion.ends_at <= promotion.starts_at:
        raise ValidationError("The promotion must end after it starts", field="ends_at")


def _multiplier(value: object) -> Decimal:
    multiplier = as_decimal(value, "multiplier", maximum=MAX_MULTIPLIER, places=4)
    if multiplier <= 1:
        raise ValidationError("The multiplier must be more than 1 (2 is double points)", field="multiplier")
    return multiplier


def _moment(value: object, field: str, tz: dt.tzinfo, *, end: bool) -> dt.datetime:
    """An aware datetime as it is; a date (or "2026-12-01") in the shop's time zone: a start date
    from its first instant, an end date to its last (the end date is included)."""
    label = field.replace("_", " ")
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
        except ValueError as exc:
            raise ValidationError(f"The {label} must be a date like 2026-12-01 or a time with its offset, "
                                  "like 2026-12-01T09:00:00+01:00", field=field) from exc
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValidationError(f"The {label} needs its time zone (or give a date)", field=field)
        return value.astimezone(dt.UTC)
    if isinstance(value, dt.date):
        return end_cutoff(value, tz) if end else start_of_day(value, tz)
    raise ValidationError(f"The {label} must be a date or an aware datetime", field=field)


def _days(value: object) -> list[int]:
    days = [as_int(v, "days_of_week", minimum=0, maximum=6) for v in as_json_list(value, "days_of_week")]
    return sorted(set(days))


def _hours(value: object) -> tuple[int | None, int | None]:
    """None (all day), or local hours [from, to): [15, 18] or {"from": 15, "to": 18} is 15:00 to 17:59."""
    if value is None:
        return None, None
    if isinstance(value, Mapping) and set(value) == {"from", "to"}:
        pair: Sequence[object] = (value["from"], value["to"])
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        pair = value
    else:
        raise ValidationError('The hours must be two hours, from and to, like [15, 18] or {"from": 15, "to": 18}',
                              field="hours")
    start = as_int(pair[0], "hours", minimum=0, maximum=23)
    stop = as_int(pair[1], "hours", minimum=1, maximum=24)
    if stop <= start:
        raise ValidationError("The hours must end after they start (24 is midnight)", field="hours")
    return start, stop


def _tiers(ctx: Ctx, program: Program, value: object) -> list[int]:
    wanted = sorted({as_int(v, "tier_ids", minimum=1) for v in as_json_list(value, "tier_ids")})
    known = {t.id for t in program_tiers(ctx, program.id)}
    for tier_id in wanted:
        if tier_id not in known:
            raise ValidationError(f"Tier {tier_id} is not a tier of {program.program_name}", field="tier_ids")
    return wanted


# --- earning -------------------------------------------------------------------

# The program's promotions running at an instant: one statement, prepared once (every sale asks).
_IN_FORCE = Prepared(select(*Promotion.__table__.c).where(
    Promotion.program_id == bindparam("program"), Promotion.user_id == bindparam("user"),
    Promotion.active.is_(True), Promotion.starts_at <= bindparam("now"), Promotion.ends_at > bindparam("now")))


def in_force(ctx: Ctx, program_id: int) -> list[Promotion]:
    """Read-only copies, outside the session: a sale only reads its offers (no call saves a
    promotion and then sells under it, so nothing waits in the session for this read)."""
    return [row_object(Promotion, row._asdict())
            for row in _IN_FORCE.rows(ctx.conn, {"program": program_id, "user": ctx.user_id, "now": ctx.now})]


def earning_now(ctx: Ctx, program: Program, tier: Tier | None, amount: Decimal) -> Earning:
    """What a purchase earns now, in the shop's local time, with the best promotion in force."""
    # A stamp card takes no promotion: no need to read them.
    offers = () if program.program_type == ProgramType.STAMPS else in_force(ctx, program.id)
    return purchase_earning(program, tier, amount, offers, ctx.now.astimezone(ctx.tz))


def applied_name(ctx: Ctx, purchase: PointsTransaction) -> str | None:
    """The name of the promotion a recorded purchase earned under, as its activity log says (None: none)."""
    rows = ctx.session.scalars(select(MemberActivity.activity_metadata).where(
        MemberActivity.member_id == purchase.member_id,
        MemberActivity.activity_type == ActivityType.PURCHASE_MADE.value,
        MemberActivity.activity_date == purchase.created_at))
    for metadata in rows:
        if (metadata or {}).get("order_ref") == purchase.reference_id:
            name = metadata.get("promotion_name")
            return str(name) if name is not None else None
    return None


