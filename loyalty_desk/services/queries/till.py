"""What the till needs besides earning and spending (issue 9): what a scanned code is,
finding a redemption, and the purchases a return can be taken from.

Every lookup is an equality on an indexed column (a card number, a reward code, a
member's ledger rows), scoped to the shop: another shop's code is "unknown".
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import desc, select

from ...errors import ValidationError
from ...models import Member, PointsTransaction, Redemption
from ...models.enums import FulfillmentStatus, TransactionStatus, TransactionType
from .. import codes, dto, members
from ..clock import local_date
from ..pending import returned_amounts
from ..purchases import ORDER, points_earned_by, void_refusal
from ..redemptions import TRANSITIONS
from ..uow import Ctx
from ..validation import as_enum, check_clean
from . import rows as named

MEMBERS_SEARCHED = 200  # members.find's own maximum


def _query_text(query: object) -> str:
    if not isinstance(query, str):
        raise ValidationError("The code or search must be text", field="query")
    return check_clean(query, "query").strip()


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a redemption may move to now, in workflow order (empty when final)."""
    targets = TRANSITIONS[FulfillmentStatus(status)]
    return tuple(s.value for s in FulfillmentStatus if s in targets)


def _find_redemption(ctx: Ctx, code: str) -> Redemption | None:
    # The unique constraint on reward_code_generated is the index; the shop is checked on the one row.
    return ctx.session.scalar(select(Redemption).where(Redemption.reward_code_generated == code,
                                                       Redemption.user_id == ctx.user_id))


def _member_by_card(ctx: Ctx, card: str) -> Member | None:
    return ctx.session.scalar(select(Member).where(Member.card_number == card, Member.user_id == ctx.user_id))


def resolve_code(ctx: Ctx, text: object) -> dto.ScanResult:
    raw = _query_text(text)
    if not raw:
        raise ValidationError("Scan or type a card number or a voucher code", field="query")
    code = codes.parse_reward_code(raw)
    if code is not None:
        redemption = _find_redemption(ctx, code)
        if redemption is None:
            return dto.ScanResult("unknown", code, message=f"No voucher {code} in this shop")
        member = ctx.session.get(Member, redemption.member_id)
        assert member is not None
        return dto.ScanResult("redemption", code, member=named.member(ctx, member),
                              redemption=named.redemption(ctx, redemption),
                              allowed_next=allowed_next(redemption.fulfillment_status))
    if codes.looks_like_card_number(raw):
        card = codes.normalize_card_text(raw)
        if not codes.is_valid_card_number(card):
            return dto.ScanResult("unknown", card, message="Card number mistyped: check the last character")
        member = _member_by_card(ctx, card)
        if member is not None:
            return dto.ScanResult("member", card, member=named.member(ctx, member))
        retired = members.retired_card(ctx, card)
        if retired is not None:
            owner = ctx.session.get(Member, retired.member_id)
            assert owner is not None
            day = local_date(retired.replaced_at, ctx.tz).isoformat()
            return dto.ScanResult("replaced_card", card, member=named.member(ctx, owner),
                                  replaced_on=retired.replaced_at,
                                  message=f"This card was replaced on {day}; {owner.customer_name} has a new card")
        return dto.ScanResult("unknown", card, message=f"No member has the card {codes.format_card_number(card)}")
    return dto.ScanResult("unknown", raw, message="Not a card number or a voucher code")


def search_redemptions(ctx: Ctx, query: object, status: object, limit: int) -> list[dto.Redemption]:
    """A voucher code (exact, however typed), else the redemptions of the members the counter
    lookup finds (card, old card, phone, email, referral code, name prefix); newest first."""
    text = _query_text(query)
    base = named.newest_redemptions(ctx)
    if status is not None:
        base = base.where(Redemption.fulfillment_status == as_enum(status, FulfillmentStatus, "status").value)
    if not text:
        return []
    code = codes.parse_reward_code(text)
    if code is not None:
        return named.redemptions(ctx, base.where(Redemption.reward_code_generated == code))
    member_ids: list[int] = []
    if codes.is_valid_card_number(text):
        retired = members.retired_card(ctx, codes.normalize_card_text(text))
        if retired is not None:
            member_ids.append(retired.member_id)
    member_ids += [m.id for m in members.find(ctx, text, None, MEMBERS_SEARCHED)]
    if not member_ids:
        return []
    return named.redemptions(ctx, base.where(Redemption.member_id.in_(member_ids)).limit(limit))


def recent_purchases(ctx: Ctx, member_id: int, limit: int) -> list[dto.ReturnablePurchase]:
    """The member's purchases (by order reference), newest first, with what is left to return.

    "Returned" is worked out exactly as `reverse_purchase` does (`pending.returned_amounts`, for
    the whole list at once), and "voidable" by the same rule `void_purchase` applies
    (`purchases.void_refusal`). Three statements, however many purchases.
    """
    member = members.get_member(ctx, member_id)
    rows = list(ctx.session.scalars(
        select(PointsTransaction).where(PointsTransaction.member_id == member.id,
                                        PointsTransaction.transaction_type == TransactionType.PURCHASE.value,
                                        PointsTransaction.reference_type == ORDER)
        .order_by(desc(PointsTransaction.id)).limit(limit)))
    returns = returned_amounts(ctx, [tx.id for tx in rows])
    found: list[dto.ReturnablePurchase] = []
    for tx in rows:
        amount = Decimal(tx.amount or 0)
        raw_returned = returns.get(tx.id, Decimal(0))
        returned = raw_returned.quantize(amount)  # same decimals as the amount: 0.00, not 0
        assert tx.reference_id is not None
        found.append(dto.ReturnablePurchase(
            transaction_id=tx.id, program_id=tx.program_id, member_id=tx.member_id, order_ref=tx.reference_id,
            transaction_date=tx.created_at, amount=amount, points_earned=points_earned_by(tx),
            points_pending=tx.status == TransactionStatus.PENDING, status=tx.status, returned_amount=returned,
            left_to_return=max(Decimal(0).quantize(amount), amount - returned),
            voidable=void_refusal(ctx, tx, raw_returned) is None))
    return found
