"""Redeeming rewards and moving redemptions through fulfillment (ledger rule 7)."""
from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from ..db.prepared import insert_into
from ..domain import ledger_messages
from ..domain.permissions import Permission
from ..domain.vocabulary import DeliveryMethod
from ..errors import InsufficientPoints, InvalidTransition, NotEligible, OutOfStock, ValidationError
from ..models import Redemption, Reward, Tier
from ..models.base import row_object
from ..models.enums import ActivityType, FulfillmentStatus, MessageKind, TransactionType
from . import codes, outbox
from .activity import log_activity
from .ledger import lock_member, post, refunded_points_expiry
from .lifecycle import wake
from .programs import get_program
from .purchases import member_in_program, program_and_member
from .rewards import get_reward, ineligibility
from .settlement import settle_member
from .uow import Ctx
from .validation import as_enum, as_int, as_text

TRANSITIONS: dict[FulfillmentStatus, frozenset[FulfillmentStatus]] = {
    FulfillmentStatus.PENDING: frozenset({FulfillmentStatus.APPROVED, FulfillmentStatus.REDEEMED,
                                          FulfillmentStatus.CANCELLED}),
    FulfillmentStatus.APPROVED: frozenset({FulfillmentStatus.SHIPPED, FulfillmentStatus.REDEEMED,
                                           FulfillmentStatus.CANCELLED}),
    FulfillmentStatus.SHIPPED: frozenset({FulfillmentStatus.DELIVERED}),
    FulfillmentStatus.DELIVERED: frozenset(),
    FulfillmentStatus.REDEEMED: frozenset(),
    FulfillmentStatus.CANCELLED: frozenset(),
}
FINAL = frozenset({FulfillmentStatus.DELIVERED, FulfillmentStatus.REDEEMED, FulfillmentStatus.CANCELLED})


def get_redemption(ctx: Ctx, redemption_id: int) -> Redemption:
    return ctx.owned(Redemption, redemption_id, "redemption")


def delivery(method: object, address: object) -> tuple[str | None, str | None]:
    """A redemption's delivery as asked: a method (or none said), and the address a shipment needs
    (an address with any other method is refused: it would be kept and never used)."""
    chosen = as_enum(method, DeliveryMethod, "delivery_method").value if method is not None else None
    where = as_text(address, "shipping_address", max_len=500, required=False)
    if chosen == DeliveryMethod.SHIP and where is None:
        raise ValidationError("Enter the address to ship the reward to", field="shipping_address")
    if where is not None and chosen != DeliveryMethod.SHIP:
        raise ValidationError("A shipping address goes with the delivery method ship", field="shipping_address")
    return chosen, where


def create_redemption(
    ctx: Ctx, program_id: int, member_id: int, reward_id: int, points_redeemed: object,
    delivery_method: object = None, shipping_address: object = None,
) -> tuple[Redemption, str, str]:
    """The redemption, with its reward's and member's names (for the answer, read already)."""
    method, address = delivery(delivery_method, shipping_address)
    found = program_and_member(ctx, program_id, member_id, reward_id=reward_id)
    # The refusals in their usual order: the program, the reward, the member.
    program = found.program if found else get_program(ctx, program_id)
    reward = found.reward if found and found.reward else get_reward(ctx, reward_id)
    member = found.member if found else member_in_program(ctx, program, member_id)
    if points_redeemed is not None:
        points = as_int(points_redeemed, "points_redeemed", minimum=1)
        if points != reward.points_cost:
            raise ValidationError(f"{reward.reward_name} costs {reward.points_cost:,} points, not {points:,}",
                                  field="points_redeemed")
    settle_member(ctx, member, program)
    wake(ctx, member)
    # The tiers matter only to a reward kept for a tier.
    tiers = {t.id: t for t in ctx.session.scalars(select(Tier).where(Tier.program_id == program.id))} \
        if reward.tier_exclusive_id is not None else {}
    reason = ineligibility(ctx, program, member, reward, tiers)
    if reason == "out of stock":
        raise OutOfStock(f"{reward.reward_name} is out of stock")
    if reason is not None and reason.endswith("more points"):
        raise InsufficientPoints(
            f"Not enough points: {member.current_points:,} of {reward.points_cost:,} needed")
    if reason is not None:
        raise NotEligible(f"{member.customer_name} cannot redeem {reward.reward_name}: {reason}")
    if reward.quantity_remaining is not None:
        # Guarded decrement: of two registers taking the last unit, one sees no row to update.
        # Session.execute is typed as returning a Result; a DML statement gives a CursorResult.
        taken = cast("CursorResult[Any]", ctx.session.execute(
            update(Reward)
            .where(Reward.id == reward.id, Reward.quantity_remaining >= 1)
            .values(quantity_remaining=Reward.quantity_remaining - 1)
            .execution_options(synchronize_session=False)
        )).rowcount
        if taken != 1:
            raise OutOfStock(f"{reward.reward_name} is out of stock")
        ctx.session.refresh(reward)
    code = codes.new_reward_code()  # unique in the database: a collision reruns the whole call (uow)
    member.redemption_count += 1
    member.last_activity_date = ctx.now
    debit = post(ctx, member, TransactionType.REDEMPTION, -reward.points_cost, source="redemption",
                 description=ledger_messages.redemption_description(reward.reward_name),
                 reference=("redemption", code))
    row = dict(
        program_id=program.id, member_id=member.id, reward_id=reward.id, user_id=ctx.user_id,
        points_redeemed=reward.points_cost, redemption_date=ctx.now,
        fulfillment_status=FulfillmentStatus.PENDING.value, fulfillment_date=None, reward_code_generated=code,
        delivery_method=method, shipping_address=address, tracking_number=None, redemption_notes=None,
        debit_transaction_id=debit.id, refund_transaction_id=None,
    )
    # As the ledger row is (ledger.post): by an INSERT prepared once; later changes read it afresh.
    ((redemption_id,),) = _INSERT_REDEMPTION.rows(ctx.conn, row)
    redemption = row_object(Redemption, {"id": redemption_id, **row})
    log_activity(ctx, member, ActivityType.POINTS_REDEEMED,
                 ledger_messages.redemption_activity(reward.reward_name, reward.points_cost),
                 points=-reward.points_cost, reward_id=reward.id, redemption_id=redemption.id, code=code)
    return redemption, reward.reward_name, member.customer_name


def update_status(
    ctx: Ctx, redemption_id: int, status: object, tracking_number: object, notes: object
) -> Redemption:
    target = as_enum(status, FulfillmentStatus, "status")
    tracking = as_text(tracking_number, "tracking_number", max_len=64, required=False)
    note = as_text(notes, "notes", max_len=2000, required=False)
    redemption = get_redemption(ctx, redemption_id)
    member = lock_member(ctx, redemption.member_id)
    ctx.session.refresh(redemption)
    current = FulfillmentStatus(redemption.fulfillment_status)
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[current])) or "nothing: it is final"
        raise InvalidTransition(
            f"A {current.value} redemption cannot become {target.value} (it can become {allowed})", field="status")
    if target == FulfillmentStatus.CANCELLED:
        ctx.acting.require(Permission.CANCEL_REDEMPTIONS)
    elif target != FulfillmentStatus.REDEEMED:
        ctx.acting.require(Permission.FULFILL_REDEMPTIONS)
    if target == FulfillmentStatus.SHIPPED and tracking is None:
        raise ValidationError("Enter the tracking number to mark it shipped", field="tracking_number")
    reward = ctx.session.get(Reward, redemption.reward_id)
    assert reward is not None
    if target == FulfillmentStatus.CANCELLED:
        program = get_program(ctx, redemption.program_id)
        settle_member(ctx, member, program)
        refund = post(ctx, member, TransactionType.REDEMPTION_REFUND, redemption.points_redeemed,
                      source="redemption", description=ledger_messages.refund_description(reward.reward_name),
                      reference=("refund", redemption.reward_code_generated),
                      related_id=redemption.debit_transaction_id,
                      expires_at=refunded_points_expiry(ctx, redemption.debit_transaction_id))
        redemption.refund_transaction_id = refund.id
        if reward.quantity_remaining is not None:
            ctx.session.execute(update(Reward).where(Reward.id == reward.id)
                                .values(quantity_remaining=Reward.quantity_remaining + 1)
                                .execution_options(synchronize_session=False))
        member.redemption_count = max(0, member.redemption_count - 1)
    redemption.fulfillment_status = target.value
    if tracking is not None:
        redemption.tracking_number = tracking
    if note is not None:
        redemption.redemption_notes = note
    if target in FINAL:
        redemption.fulfillment_date = ctx.now
    log_activity(ctx, member, ActivityType.REDEMPTION_UPDATED,
                 ledger_messages.redemption_moved_activity(reward.reward_name, current.value, target.value),
                 points=redemption.points_redeemed if target == FulfillmentStatus.CANCELLED else 0,
                 redemption_id=redemption.id, previous=current.value, new=target.value, tracking_number=tracking)
    told = _MESSAGED.get(target)
    if told is not None:
        if target == FulfillmentStatus.APPROVED and redemption.delivery_method == "pickup":
            told = "ready_for_pickup"
        outbox.queue(ctx, member, get_program(ctx, redemption.program_id), MessageKind.REDEMPTION_UPDATE,
                     {"update": told, "reward": reward.reward_name, "code": redemption.reward_code_generated,
                      "tracking_number": redemption.tracking_number or ""},
                     key=f"redemption:{redemption.id}:{told}")
    ctx.session.flush()
    return redemption


# A redemption's delivery may change while the reward has not gone out yet.
DELIVERY_OPEN = frozenset({FulfillmentStatus.PENDING, FulfillmentStatus.APPROVED})


def update_delivery(ctx: Ctx, redemption_id: int, method: object, address: object) -> Redemption:
    """Change how a redemption reaches the member while it is still to go out (pending or approved);
    an activity row keeps the change."""
    chosen, where = delivery(method, address)
    redemption = get_redemption(ctx, redemption_id)
    member = lock_member(ctx, redemption.member_id)
    ctx.session.refresh(redemption)
    current = FulfillmentStatus(redemption.fulfillment_status)
    if current not in DELIVERY_OPEN:
        raise InvalidTransition(f"A {current.value} redemption's delivery can no longer change",
                                field="delivery_method")
    before = redemption.delivery_method
    redemption.delivery_method, redemption.shipping_address = chosen, where
    reward = ctx.session.get(Reward, redemption.reward_id)
    log_activity(ctx, member, ActivityType.REDEMPTION_UPDATED,
                 ledger_messages.delivery_changed_activity(reward.reward_name if reward else "", chosen),
                 redemption_id=redemption.id, previous_delivery=before, delivery=chosen)
    ctx.session.flush()
    return redemption


# The moves a member is told about (README, "Messages"): a delivered or handed-over reward needs no email.
_MESSAGED = {FulfillmentStatus.APPROVED: "approved", FulfillmentStatus.SHIPPED: "shipped",
             FulfillmentStatus.CANCELLED: "cancelled"}


_INSERT_REDEMPTION = insert_into(Redemption, skip=("id",), returning=Redemption.id)
