"""Earning and taking back: purchases, returns and manual transactions."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, bindparam, null, select
from sqlalchemy.orm import aliased

from ..domain import ledger_messages
from ..domain.ledger_rules import (
    ENGINE_REFERENCE_TYPES,
    expiry_for,
    points_earned,
    return_cut,
    spent_after_return,
    take_back,
)
from ..errors import DuplicateReference, InsufficientPoints, NotEligible, NotFound, ValidationError
from ..models import Member, PointsTransaction, Program, Reward, Tier
from ..models.enums import (
    ActivityType,
    MembershipStatus,
    ProgramStatus,
    TransactionStatus,
    TransactionType,
)
from . import promotions, rollups
from .activity import Entry, log_activities, log_activity
from .clock import local_date
from .discount_returns import restore_for_return
from .earning import Earning, currency_places
from .ledger import lock_member, post
from .lifecycle import is_lapsed, wake
from .members import pay_friend_bonus
from .milestones import Visit, celebrate_visits, count_visit
from .pending import order_so_far, returned_amount
from .programs import get_program
from .settlement import settle_member
from .staff import check_adjustment, check_return
from .tiers import evaluate_tier, program_tiers
from .uow import Ctx
from .validation import as_decimal, as_enum, as_int, as_text, check_mapping

ORDER = "order"
VOID = "void"  # reference type of a void: one per order
TX_FIELDS = ("transaction_type", "points_amount", "description", "source", "reference_type", "reference_id")
# What add_points_transaction may write; the other types have their own operations.
DIRECT_TYPES = {
    TransactionType.MANUAL_ADJUSTMENT,
    TransactionType.PURCHASE,
    TransactionType.REFERRAL,
    TransactionType.BIRTHDAY_BONUS,
}


def find_by_reference(ctx: Ctx, program_id: int, reference_type: str, reference_id: str) -> PointsTransaction | None:
    return ctx.session.scalar(
        select(PointsTransaction).where(
            PointsTransaction.program_id == program_id,
            PointsTransaction.reference_type == reference_type,
            PointsTransaction.reference_id == reference_id,
            PointsTransaction.user_id == ctx.user_id,
        )
    )


class Counter(NamedTuple):
    """What a counter write reads first (`program_and_member`)."""

    program: Program
    member: Member
    holder: int | None = None       # the ledger row holding the reference asked about
    reward: Reward | None = None    # the reward asked about


def program_and_member(ctx: Ctx, program_id: int, member_id: int, reference: tuple[str, str | None] | None = None,
                       reward_id: int | None = None) -> Counter | None:
    """In one statement: the program, the member of it (locked, read afresh as `lock_member` does),
    the id of the program's ledger row holding `reference` (None: none does), and the shop's reward
    `reward_id`. None when the program, the member or the reward is missing, or the member is of
    another program: `get_program`, `get_reward` and `member_in_program` then give the refusal."""
    held = reference is not None and reference[1] is not None
    shape = ("sale", held, reward_id is not None)
    statement = _STATEMENTS.get(shape)
    if statement is None:
        statement = _STATEMENTS[shape] = _sale_statement(held, reward_id is not None)
    row = ctx.session.execute(statement, {"program": program_id, "member": member_id, "user": ctx.user_id,
                                          "reward": reward_id, **_reference_params(reference)}).one_or_none()
    return Counter(*row) if row is not None else None


def _sale_statement(held: bool, reward: bool) -> Select[Any]:
    query = select(Program, Member, _holder(held)).join(Member, and_(
        Member.program_id == Program.id, Member.id == bindparam("member"), Member.user_id == bindparam("user")))
    if reward:
        query = query.add_columns(Reward).join(Reward, and_(Reward.id == bindparam("reward"),
                                                            Reward.user_id == bindparam("user")))
    return _locking(query)


def _locking(query: Select[Any]) -> Select[Any]:
    """The program's row of this shop, with the member's locked and read afresh (`lock_member`)."""
    return query.where(Program.id == bindparam("program"), Program.user_id == bindparam("user")) \
        .with_for_update(of=Member).execution_options(populate_existing=True)


def _holder(held: bool) -> Any:
    """The id of the program's ledger row holding a reference (NULL when none, or none asked)."""
    if not held:
        return null()
    return select(_HELD.id).where(
        _HELD.program_id == bindparam("program"), _HELD.reference_type == bindparam("kind"),
        _HELD.reference_id == bindparam("key"), _HELD.user_id == bindparam("user")).scalar_subquery()


def _reference_params(reference: tuple[str, str | None] | None) -> dict[str, str | None]:
    return {"kind": reference[0], "key": reference[1]} if reference is not None else {}


# The ledger row holding a reference, named apart from any other in the same statement.
_HELD = aliased(PointsTransaction, name="held")
_ORDER = aliased(PointsTransaction, name="ordered")
# The counter writes' first statements, by shape, built once (building one costs more than running it).
_STATEMENTS: dict[tuple[str, bool, bool], Select[Any]] = {}


def _reversal_rows(ctx: Ctx, program_id: int, order_ref: str | None, member_id: int | None,
                   reference: tuple[str, str | None] | None
                   ) -> tuple[Program, PointsTransaction, Member, int | None] | None:
    """In one statement: the program, its purchase `order_ref` (of `member_id` when given), its
    member (locked, read afresh) and the id of the ledger row holding `reference`. None where
    anything is missing: the usual reads then give the refusal."""
    held = reference is not None and reference[1] is not None
    shape = ("return", held, member_id is not None)
    statement = _STATEMENTS.get(shape)
    if statement is None:
        statement = _STATEMENTS[shape] = _return_statement(held, member_id is not None)
    row = ctx.session.execute(statement, {"program": program_id, "order": order_ref, "member": member_id,
                                          "user": ctx.user_id, **_reference_params(reference)}).one_or_none()
    return (row[0], row[1], row[2], row[3]) if row is not None else None


def _return_statement(held: bool, of_member: bool) -> Select[Any]:
    # The order's row by its id, found on the reference's unique index in a subquery of its own: the
    # planner has no other index to pick there, whatever its statistics say. Joined directly, sampled
    # statistics (PRAGMA optimize's analysis_limit) made SQLite walk the shop's whole ledger instead.
    order = select(_ORDER.id).where(_ORDER.program_id == bindparam("program"), _ORDER.reference_type == ORDER,
                                    _ORDER.reference_id == bindparam("order")).scalar_subquery()
    query = select(Program, PointsTransaction, Member, _holder(held)).select_from(Program).join(PointsTransaction, and_(
        PointsTransaction.id == order, PointsTransaction.program_id == Program.id,
        PointsTransaction.user_id == bindparam("user"),
    )).join(Member, and_(Member.id == PointsTransaction.member_id, Member.user_id == bindparam("user")))
    if of_member:
        query = query.where(PointsTransaction.member_id == bindparam("member"))
    return _locking(query)


def quiet_text(value: object, field: str, max_len: int) -> str | None:
    """`as_text` of a value, or None where it would refuse it (the refusal comes later, in order)."""
    try:
        return as_text(value, field, max_len=max_len)
    except ValidationError:
        return None


def member_in_program(ctx: Ctx, program: Program, member_id: int) -> Member:
    member = lock_member(ctx, member_id)
    if member.program_id != program.id:
        raise ValidationError(f"{member.customer_name} is a member of another program")
    return member


def require_can_earn(program: Program, member: Member, verb: str = "earn points") -> None:
    if program.status != ProgramStatus.ACTIVE:
        raise NotEligible(f"{program.program_name} is inactive: members cannot {verb}")
    if member.membership_status != MembershipStatus.ACTIVE and not is_lapsed(member):
        raise NotEligible(f"{member.customer_name}'s membership is {member.membership_status}: they cannot {verb}")


def current_tier(ctx: Ctx, member: Member, tiers: Sequence[Tier] | None = None) -> Any:
    """The member's tier (from `tiers`, the program's, when read already)."""
    if member.current_tier_id is None:
        return None
    tiers = program_tiers(ctx, member.program_id) if tiers is None else tiers
    return next((t for t in tiers if t.id == member.current_tier_id), None)


def quote_purchase(ctx: Ctx, program_id: int, member_id: int, amount: object) -> Earning:
    """What a purchase would earn now, and under which promotion, without writing anything (for
    the counter's preview): the same computation as `record_purchase_outcome`."""
    program = get_program(ctx, program_id)
    amount = as_decimal(amount, "amount", places=currency_places(program.currency), strictly_positive=True)
    member = ctx.session.get(Member, member_id)
    if member is None or member.user_id != ctx.user_id:
        raise NotFound(f"No member #{member_id}")
    if member.program_id != program.id:
        raise ValidationError(f"{member.customer_name} is a member of another program")
    return promotions.earning_now(ctx, program, current_tier(ctx, member), amount)


def record_purchase(ctx: Ctx, program_id: int, member_id: int, amount: object, order_ref: object) -> PointsTransaction:
    return record_purchase_outcome(ctx, program_id, member_id, amount, order_ref)[0]


class Recorded(NamedTuple):
    """A recorded purchase: its row, whether the call replayed it, and the promotion it earned under."""

    transaction: PointsTransaction
    replayed: bool
    promotion_name: str | None = None


def record_purchase_outcome(
    ctx: Ctx, program_id: int, member_id: int, amount: object, order_ref: object
) -> Recorded:
    """Record a purchase; `replayed` is True when the order was already recorded (nothing written)."""
    found = program_and_member(ctx, program_id, member_id, (ORDER, quiet_text(order_ref, "order_ref", 128)))
    # The refusals in their usual order: the program, the amount, the reference, the member.
    program = found.program if found else get_program(ctx, program_id)
    amount = as_decimal(amount, "amount", places=currency_places(program.currency), strictly_positive=True)
    ref = as_text(order_ref, "order_ref", max_len=128)
    assert ref is not None
    member = found.member if found else member_in_program(ctx, program, member_id)
    holder = found.holder if found else None
    existing = ctx.session.get(PointsTransaction, holder) if holder is not None else None
    if existing is not None:
        if existing.member_id == member.id and Decimal(existing.amount or 0) == amount:
            return Recorded(existing, True, promotions.applied_name(ctx, existing))
        raise DuplicateReference(f"Order {ref} was already recorded for a different member or amount",
                                 field="order_ref")
    require_can_earn(program, member)
    wake(ctx, member)
    settle_member(ctx, member, program)
    # The tiers once, for the multiplier and the tier evaluation after the sale.
    tiers = program_tiers(ctx, program.id) if program.tier_system_enabled or member.current_tier_id else []
    earning = promotions.earning_now(ctx, program, current_tier(ctx, member, tiers), amount)
    points, promotion = earning.points, earning.promotion
    # The promotion is named in the row's description and the activity log: the points stay explainable.
    named: dict[str, Any] = {"promotion_id": promotion.id, "promotion_name": promotion.name} if promotion else {}
    promotion_name = promotion.name if promotion is not None else None
    pending_days = int((program.program_rules or {}).get("pending_days") or 0)
    member.total_spent = Decimal(member.total_spent) + amount
    member.last_activity_date = ctx.now
    visits = count_visit(ctx, program, member)
    if pending_days and points > 0:
        tx = post(ctx, member, TransactionType.PURCHASE, 0, source="purchase",
                  description=ledger_messages.purchase_held_description(ref, points, pending_days,
                                                                        promotion_name),
                  reference=(ORDER, ref), amount=amount, status=TransactionStatus.PENDING,
                  pending_points=points, pending_until=ctx.now + dt.timedelta(days=pending_days))
        rollups.on_pending(ctx, program.id, points)
        log_activity(ctx, member, ActivityType.PURCHASE_MADE,
                     ledger_messages.purchase_activity(ref, program.currency, amount),
                     order_ref=ref, amount=str(amount), points_pending=points, **named)
        log_activity(ctx, member, ActivityType.POINTS_PENDING, ledger_messages.points_held_activity(points),
                     points=0, pending_points=points, order_ref=ref, **named)
        _after_sale(ctx, program, member, visits)
        return Recorded(tx, False, promotion_name)
    tx = post(ctx, member, TransactionType.PURCHASE, points, source="purchase",
              description=ledger_messages.purchase_description(ref, promotion_name),
              reference=(ORDER, ref), amount=amount, expires_at=expiry_for(program, ctx.now))
    made: Entry = (ActivityType.PURCHASE_MADE, ledger_messages.purchase_activity(ref, program.currency, amount), 0,
                   {"order_ref": ref, "amount": str(amount), **named})
    earned: Entry = (ActivityType.POINTS_EARNED,
                     ledger_messages.points_for_order_activity(points, ref, promotion_name), points,
                     {"order_ref": ref, "transaction_id": tx.id, **named})
    log_activities(ctx, member, [made, earned] if points else [made])
    _after_sale(ctx, program, member, visits)
    evaluate_tier(ctx, member, program, tiers=tiers)
    return Recorded(tx, False, promotion_name)


def _after_sale(ctx: Ctx, program: Program, member: Member, visit: Visit) -> None:
    """What any sale brings besides its points: the visit milestones it reached (`count_visit`),
    and on a referred member's first sale, their bonus."""
    celebrate_visits(ctx, member, visit.reached)
    if visit.number == 1:
        pay_friend_bonus(ctx, program, member)


def reverse_purchase(
    ctx: Ctx, program_id: int, order_ref: object, amount: object, return_ref: object
) -> PointsTransaction:
    return reverse_purchase_outcome(ctx, program_id, order_ref, amount, return_ref)[0]


def void_purchase(ctx: Ctx, program_id: int, order_ref: object, reason: object,
                  member_id: int | None = None) -> tuple[PointsTransaction, bool]:
    """Void a sale of today: a whole return through `reverse_purchase_outcome`, keyed by the order
    (so a second void replays the first), with the reason in the row and the activity log."""
    why = as_text(reason, "reason", max_len=200)
    assert why is not None
    return reverse_purchase_outcome(ctx, program_id, order_ref, None, None, void_reason=why, member_id=member_id)


def void_refusal(ctx: Ctx, purchase: PointsTransaction, returned: Decimal) -> str | None:
    """Why this purchase cannot be voided (None: it can). A void is for a sale rung up by
    mistake: recorded today (in the shop's time zone) and nothing of it returned yet."""
    if local_date(purchase.created_at, ctx.tz) != ctx.today:
        return "Only today's sales can be voided; use Return"
    if returned > 0 or purchase.status == TransactionStatus.FAILED:
        return f"Order {purchase.reference_id} already has a return, so it cannot be voided; use Return"
    return None


@dataclass(frozen=True, slots=True)
class _Reversal:
    """One return or void, checked and ready to write."""

    program: Program
    member: Member
    purchase: PointsTransaction
    order_ref: str
    returned: Decimal
    before: Decimal          # returned of the order before this one
    reference: tuple[str, str]
    void_reason: str | None
    earning_rows: list[int]  # the purchase row and any release row that credited its held points

    @property
    def source(self) -> str:
        """A void is marked by its source and its reference type."""
        return "void" if self.void_reason is not None else "return"


def reverse_purchase_outcome(
    ctx: Ctx, program_id: int, order_ref: object, amount: object, return_ref: object, *,
    void_reason: str | None = None, member_id: int | None = None,
) -> tuple[PointsTransaction, bool]:
    """A return (or, with `void_reason`, a void); the flag is True when it replays an earlier one.

    With `member_id`, the order must be that member's: a receipt scanned at the counter while
    another member is open is refused rather than taken from someone else.
    """
    ref_guess = quiet_text(order_ref, "order_ref", 128)
    asked = (VOID, ref_guess) if void_reason is not None else ("return", quiet_text(return_ref, "return_ref", 120))
    found = _reversal_rows(ctx, program_id, ref_guess, member_id, asked) if ref_guess is not None else None
    # The refusals in their usual order: the program, the reference, the purchase.
    program = found[0] if found else get_program(ctx, program_id)
    ref = as_text(order_ref, "order_ref", max_len=128)
    assert ref is not None
    purchase = found[1] if found else _purchase_to_reverse(ctx, program, ref, member_id)
    member = found[2] if found else lock_member(ctx, purchase.member_id)
    return_key = as_text(return_ref, "return_ref", max_len=120, required=False)
    holder = _Known(found[3]) if found and asked[1] is not None else None
    earlier = _earlier_reversal(ctx, program, purchase, ref, amount, return_key, void_reason, holder)
    if earlier is not None:
        return earlier, True
    if any(settle_member(ctx, member, program)):
        ctx.session.refresh(purchase)       # its hold may have just completed
    so_far = order_so_far(ctx, purchase.id)
    before = so_far.returned
    returned = _amount_to_return(program, ref, Decimal(purchase.amount or 0) - before, amount)
    check_return(ctx, returned)
    reversal = _Reversal(program, member, purchase, ref, returned, before,
                         _reversal_reference(ref, return_key, void_reason, so_far.returns), void_reason,
                         [purchase.id, *so_far.releases])
    # The discount's points first, so a return takes its own points back from a balance that has them.
    restore_for_return(ctx, program, member, ref, Decimal(purchase.amount or 0), before + returned)
    if purchase.status == TransactionStatus.PENDING:
        return _shrink_hold(ctx, reversal), False
    return _take_back_points(ctx, reversal), False


def _purchase_to_reverse(ctx: Ctx, program: Program, ref: str, member_id: int | None) -> PointsTransaction:
    purchase = find_by_reference(ctx, program.id, ORDER, ref)
    if purchase is None:
        raise NotFound(f"No purchase with order reference {ref}", field="order_ref")
    if member_id is not None and purchase.member_id != member_id:
        raise NotFound(f"Order {ref} is not a purchase of this member", field="order_ref")
    return purchase


@dataclass(frozen=True, slots=True)
class _Known:
    """The id of the ledger row holding the return's or void's reference, read already (None: none)."""

    holder: int | None


def _earlier_reversal(ctx: Ctx, program: Program, purchase: PointsTransaction, ref: str, amount: object,
                      return_key: str | None, void_reason: str | None, known: _Known | None = None
                      ) -> PointsTransaction | None:
    """The row of this same return or void recorded before (a replay), or None; refuses a
    return key used differently, and a void the sale no longer allows."""

    def held(kind: str, key: str) -> PointsTransaction | None:
        if known is None:
            return find_by_reference(ctx, program.id, kind, key)
        return ctx.session.get(PointsTransaction, known.holder) if known.holder is not None else None

    if return_key is not None:
        existing = held("return", return_key)
        if existing is not None:
            wanted = None if amount is None else as_decimal(
                amount, "amount", places=currency_places(program.currency), strictly_positive=True)
            if existing.related_transaction_id == purchase.id and wanted in (None, existing.amount):
                return existing
            raise DuplicateReference(f"Return {return_key} was already recorded differently", field="return_ref")
    if void_reason is not None:
        existing = held(VOID, ref)
        if existing is not None:
            return existing
        refusal = void_refusal(ctx, purchase, returned_amount(ctx, purchase.id))
        if refusal is not None:
            raise NotEligible(refusal, field="order_ref")
    return None


def _amount_to_return(program: Program, ref: str, left: Decimal, amount: object) -> Decimal:
    """The amount this return brings back: what is left of the order when `amount` is None."""
    if left <= 0:
        raise ValidationError(f"Order {ref} has already been fully returned", field="order_ref")
    if amount is None:
        return left
    returned = as_decimal(amount, "amount", places=currency_places(program.currency), strictly_positive=True)
    if returned > left:
        raise ValidationError(f"Only {program.currency} {left} of order {ref} is left to return", field="amount")
    return returned


def _reversal_reference(ref: str, return_key: str | None, void_reason: str | None, returns: int) -> tuple[str, str]:
    """Exactly once: one void per order, one row per return key, else the order's next return
    number (after the `returns` recorded so far)."""
    if void_reason is not None:
        return VOID, ref
    if return_key:
        return "return", return_key
    return "order_return", f"{ref}#{returns + 1}"


def _shrink_hold(ctx: Ctx, r: _Reversal) -> PointsTransaction:
    """Inside the return window: nothing was credited, so the hold shrinks, or fails when all came back."""
    total, after = Decimal(r.purchase.amount or 0), r.before + r.returned
    cut = return_cut(r.purchase.pending_points or 0, total, r.before, after)
    if after == total:
        r.purchase.status = TransactionStatus.FAILED.value
    rollups.on_pending(ctx, r.program.id, -cut)
    currency = r.program.currency
    _spend_less(r)
    tx = post(ctx, r.member, TransactionType.PURCHASE_RETURN, 0, source=r.source,
              description=ledger_messages.return_of_held_description(currency, r.returned, r.order_ref, cut,
                                                                     r.void_reason),
              reference=r.reference, amount=r.returned, related_id=r.purchase.id)
    log_activity(ctx, r.member, ActivityType.PURCHASE_RETURNED,
                 ledger_messages.return_activity(currency, r.returned, r.order_ref, None, r.void_reason),
                 order_ref=r.order_ref, amount=str(r.returned), pending_points_cancelled=cut,
                 **_void_metadata(r.void_reason, tx))
    return tx


def _take_back_points(ctx: Ctx, r: _Reversal) -> PointsTransaction:
    """After the points were credited: take back what the balance holds, record the rest as shortfall."""
    owed = return_cut(points_earned_by(r.purchase), Decimal(r.purchase.amount or 0), r.before, r.before + r.returned)
    taken, shortfall = take_back(owed, r.member.current_points)
    currency = r.program.currency
    spend_first = r.earning_rows
    _spend_less(r)
    tx = post(ctx, r.member, TransactionType.PURCHASE_RETURN, -taken, source=r.source,
              description=ledger_messages.return_description(currency, r.returned, r.order_ref, shortfall,
                                                             r.void_reason),
              reference=r.reference, amount=r.returned, related_id=r.purchase.id, shortfall=shortfall,
              spend_first=spend_first)
    log_activity(ctx, r.member, ActivityType.PURCHASE_RETURNED,
                 ledger_messages.return_activity(currency, r.returned, r.order_ref, taken, r.void_reason),
                 points=-taken, order_ref=r.order_ref, amount=str(r.returned), shortfall_points=shortfall,
                 **_void_metadata(r.void_reason, tx))
    evaluate_tier(ctx, r.member, r.program)
    return tx


def _spend_less(r: _Reversal) -> None:
    """The member's total spent, less what came back: set just before the ledger row, so that the
    member's row is written once, with it."""
    r.member.total_spent = spent_after_return(Decimal(r.member.total_spent), r.returned)


def _void_metadata(void_reason: str | None, tx: PointsTransaction) -> dict[str, Any]:
    """What the activity log keeps of a void (nothing extra for a plain return)."""
    if void_reason is None:
        return {}
    return {"void": True, "reason": void_reason, "transaction_id": tx.id}


def points_earned_by(purchase: PointsTransaction) -> int:
    """Points the purchase was worth: credited at once, or held then released."""
    return points_earned(purchase.pending_points, purchase.points_amount)


def add_transaction(ctx: Ctx, program_id: int, member_id: int, data: Mapping[str, Any]) -> PointsTransaction:
    check_mapping(data, TX_FIELDS, "points transaction", required=("points_amount",))
    program = get_program(ctx, program_id)
    kind = as_enum(data.get("transaction_type", TransactionType.MANUAL_ADJUSTMENT.value), TransactionType,
                   "transaction_type")
    if kind not in DIRECT_TYPES:
        raise ValidationError(
            f"{kind.value.replace('_', ' ').capitalize()} rows are written by their own operation, not directly",
            field="transaction_type")
    points = as_int(data["points_amount"], "points_amount", minimum=-100_000_000)
    if points == 0:
        raise ValidationError("The points must not be zero", field="points_amount")
    description = as_text(data.get("description"), "description", max_len=500,
                          required=kind == TransactionType.MANUAL_ADJUSTMENT)
    if kind != TransactionType.MANUAL_ADJUSTMENT and points < 0:
        raise ValidationError("Only a manual adjustment can take points away", field="points_amount")
    source = as_text(data.get("source"), "source", max_len=32, required=False) or (
        "manual" if kind == TransactionType.MANUAL_ADJUSTMENT else "integration")
    reference = _reference_pair(data)
    member = member_in_program(ctx, program, member_id)
    if reference is not None:
        existing = find_by_reference(ctx, program.id, *reference)
        if existing is not None:
            found = (existing.member_id, existing.points_amount, existing.transaction_type)
            if found == (member.id, points, kind.value):
                return existing
            raise DuplicateReference(f"Reference {reference[0]} {reference[1]} was already used for another change",
                                     field="reference_id")
    if kind != TransactionType.MANUAL_ADJUSTMENT:
        require_can_earn(program, member)
        wake(ctx, member)
    check_adjustment(ctx, points)
    settle_member(ctx, member, program)
    if points < 0 and -points > member.current_points:
        raise InsufficientPoints(f"Not enough points: {member.current_points:,} of {-points:,} needed",
                                 field="points_amount")
    tx = post(ctx, member, kind, points, source=source,
              description=description or ledger_messages.direct_description(kind),
              reference=reference, expires_at=expiry_for(program, ctx.now) if points > 0 else None)
    activity = ActivityType.POINTS_ADJUSTED if kind == TransactionType.MANUAL_ADJUSTMENT else ActivityType.POINTS_EARNED
    log_activity(ctx, member, activity, ledger_messages.adjustment_activity(points, tx.description), points=points,
                 transaction_id=tx.id, reason=description)
    evaluate_tier(ctx, member, program)
    return tx


def _reference_pair(data: Mapping[str, Any]) -> tuple[str, str] | None:
    rtype = as_text(data.get("reference_type"), "reference_type", max_len=32, required=False)
    rid = as_text(data.get("reference_id"), "reference_id", max_len=128, required=False)
    if (rtype is None) != (rid is None):
        raise ValidationError("Give both a reference type and a reference id, or neither", field="reference_id")
    if rtype is not None and rtype in ENGINE_REFERENCE_TYPES:
        raise ValidationError(f"The reference type {rtype!r} is reserved", field="reference_type")
    return (rtype, rid) if rtype is not None and rid is not None else None
