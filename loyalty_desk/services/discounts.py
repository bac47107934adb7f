"""Points as money off an order (README, "Points as money off").

A discount is a redemption row in the ledger (so the totals count it as redeemed, by the one
TERMS table) with the reference ("discount", order_ref): the order's reference makes it
idempotent, and a return of the order finds it there (services/discount_returns.py). Its
`amount` is the money taken off. The points come from the lots oldest first, like every debit.
"""
from __future__ import annotations

from decimal import Decimal

from ..domain import ledger_messages
from ..domain.discount_rules import REDEEM_PER_UNIT, DiscountTerms, discount_terms
from ..domain.ledger_rules import DISCOUNT
from ..errors import DuplicateReference, InsufficientPoints, NotEligible, ValidationError
from ..models import Member, PointsTransaction, Program
from ..models.enums import ActivityType, TransactionType
from .activity import log_activity
from .earning import currency_places
from .ledger import post
from .lifecycle import wake
from .programs import get_program
from .purchases import member_in_program, program_and_member, quiet_text, require_can_earn
from .settlement import settle_member
from .uow import Ctx
from .validation import as_decimal, as_int, as_text


def program_terms(program: Program) -> DiscountTerms | None:
    """The program's discount terms (None: its points cannot be taken as money)."""
    return discount_terms(program.program_type, currency_places(program.currency), program.currency,
                          program.program_rules, program.min_redemption_points)


def terms_or_refuse(program: Program) -> DiscountTerms:
    terms = program_terms(program)
    if terms is None:
        raise NotEligible(f"{program.program_name} has no redemption value: set {REDEEM_PER_UNIT} to take "
                          "points as money off", field="points")
    return terms


def get_terms(ctx: Ctx, program_id: int) -> DiscountTerms | None:
    return program_terms(get_program(ctx, program_id))


def redeem_for_discount(ctx: Ctx, program_id: int, member_id: int, points: object, order_ref: object,
                        basket_amount: object = None) -> tuple[PointsTransaction, bool]:
    """Spend `points` as money off order `order_ref`; the flag is True when it replays the
    discount already taken on that order (nothing written)."""
    found = program_and_member(ctx, program_id, member_id, (DISCOUNT, quiet_text(order_ref, "order_ref", 128)))
    # The refusals in their usual order: the program, the points, the reference, the member.
    program = found.program if found else get_program(ctx, program_id)
    wanted = as_int(points, "points", minimum=1)
    ref = as_text(order_ref, "order_ref", max_len=128)
    assert ref is not None
    basket = None if basket_amount is None else as_decimal(
        basket_amount, "basket_amount", places=currency_places(program.currency), strictly_positive=True)
    member = found.member if found else member_in_program(ctx, program, member_id)
    holder = found.holder if found else None
    existing = ctx.session.get(PointsTransaction, holder) if holder is not None else None
    if existing is not None:
        if existing.member_id == member.id and -existing.points_amount == wanted:
            return existing, True
        raise DuplicateReference(f"Points were already used on order {ref} differently", field="order_ref")
    terms = terms_or_refuse(program)
    require_can_earn(program, member, "use points")
    wake(ctx, member)
    settle_member(ctx, member, program)
    refusal = terms.refusal(wanted, basket)
    if refusal is not None:
        raise ValidationError(refusal[1], field=refusal[0])
    if wanted > member.current_points:
        raise InsufficientPoints(f"Not enough points: {member.current_points:,} of {wanted:,} needed", field="points")
    return _take(ctx, program, member, terms, wanted, ref), False


def _take(ctx: Ctx, program: Program, member: Member, terms: DiscountTerms, points: int,
          ref: str) -> PointsTransaction:
    value = terms.value(points)
    member.last_activity_date = ctx.now
    debit = post(ctx, member, TransactionType.REDEMPTION, -points, source="discount",
                 description=ledger_messages.discount_description(points, program.currency, value, ref),
                 reference=(DISCOUNT, ref), amount=value)
    log_activity(ctx, member, ActivityType.POINTS_REDEEMED,
                 ledger_messages.discount_activity(points, program.currency, value, ref), points=-points,
                 order_ref=ref, discount=str(value), transaction_id=debit.id)
    return debit


def discount_amount(row: PointsTransaction) -> Decimal:
    """The money a discount row took off."""
    return Decimal(row.amount or 0)
