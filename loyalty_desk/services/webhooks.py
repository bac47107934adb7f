"""Web shops' webhooks (README, "Web shops"): signing secrets, signed orders and refunds, and the
orders no member matched.

A webhook is taken only with a valid signature: base64 HMAC-SHA256 of the raw body under the
shop's secret for that provider, compared in constant time before the body is parsed. A missing,
wrong or tampered signature, a shop without a secret and an unknown shop are refused alike
(InvalidWebhookSignature), with the same work done.

A signed webhook acts as itself: every row it writes records `actor_kind` "webhook" (the order
reference, "shopify:<id>" or "woocommerce:<id>", says which shop). It is not a person, so no
staff limit applies to it, and it needs no key: the signature is its credential.

A paid order earns through the one purchase path (`purchases.record_purchase_outcome`), its
reference the provider's order id, so a redelivery, or the same order sent again, changes
nothing. Its customer is the program's member with the order's email, else its phone; an unknown
customer is enrolled when the shop turns `webhook_auto_enroll` on, and otherwise the order waits
in the unmatched list, as does an order the purchase path refuses (an inactive member, another
currency...), with the reason. A refund goes back through `purchases.reverse_purchase_outcome`,
proportionally, its reference the refund's id; a refund of a waiting order lowers what it will
earn, and a full one dismisses it.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import partial
from typing import TypeVar

from sqlalchemy import select

from ..domain.permissions import ActorKind
from ..domain.vocabulary import UnmatchedStatus, WebShop
from ..errors import (
    DuplicateReference,
    InvalidWebhookSignature,
    NotEligible,
    NotFound,
    ValidationError,
)
from ..models import Member, PointsTransaction, Program, UnmatchedOrder, WebhookSecret
from ..models.enums import ProgramStatus
from . import dto, members, purchases
from .changes import record_change
from .contacts import normalize_email, normalize_phone
from .pending import returned_amount
from .uow import Acting, Ctx, UnitOfWork
from .validation import as_enum, as_text
from .web_orders import WebOrder, WebRefund

T = TypeVar("T")
WEBHOOK = Acting(ActorKind.WEBHOOK)
# The shop settings that hold each provider's secret (write-only: save_shop takes them, no DTO shows them).
SECRET_SETTINGS = {"shopify_webhook_secret": WebShop.SHOPIFY, "woocommerce_webhook_secret": WebShop.WOOCOMMERCE}
MAX_SECRET = 200
REFUSED = "The webhook's signature is missing or wrong"
# An order the purchase path refuses waits in the unmatched list, with the refusal as its reason.
PARKED = (NotEligible, DuplicateReference, ValidationError, NotFound)
_DUMMY_SECRET = b"no secret: the same work as a wrong signature"


# --- secrets and signatures -------------------------------------------------------------------


def check_secret(value: object) -> str | None:
    """A secret to store, or None (empty or None) to clear it."""
    if value is None or value == "":
        return None
    return as_text(value, "webhook secret", max_len=MAX_SECRET)


def set_secret(ctx: Ctx, provider: WebShop, secret: str | None) -> None:
    row = ctx.session.get(WebhookSecret, (ctx.user_id, provider.value))
    if secret is None:
        if row is not None:
            ctx.session.delete(row)
    elif row is None:
        ctx.session.add(WebhookSecret(user_id=ctx.user_id, provider=provider.value, secret=secret, set_at=ctx.now))
    else:
        row.secret, row.set_at = secret, ctx.now
    ctx.session.flush()


def secret_of(ctx: Ctx, provider: WebShop) -> str | None:
    return ctx.session.scalar(select(WebhookSecret.secret).where(
        WebhookSecret.user_id == ctx.user_id, WebhookSecret.provider == provider.value))


def providers_with_secrets(ctx: Ctx, user_ids: Iterable[str]) -> dict[str, set[str]]:
    """For each shop, the providers whose secret is set (one statement)."""
    wanted = list(set(user_ids))
    found: dict[str, set[str]] = {user: set() for user in wanted}
    if wanted:
        for user, provider in ctx.session.execute(select(WebhookSecret.user_id, WebhookSecret.provider)
                                                  .where(WebhookSecret.user_id.in_(wanted))):
            found[user].add(provider)
    return found


def signature_of(secret: str, body: bytes) -> str:
    """What the provider sends: base64 of the HMAC-SHA256 of the raw body under the secret."""
    return base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()).decode("ascii")


def check_signature(secret: str | None, body: bytes, signature: object) -> None:
    """InvalidWebhookSignature unless `signature` is the body's under `secret`: compared in
    constant time, and with a stand-in secret when there is none, so every refusal costs the same."""
    expected = base64.b64encode(hmac.new(secret.encode("utf-8") if secret is not None else _DUMMY_SECRET, body,
                                         hashlib.sha256).digest())
    given = signature.strip().encode("ascii") if isinstance(signature, str) and signature.isascii() else b""
    if not hmac.compare_digest(expected, given) or secret is None:
        raise InvalidWebhookSignature(REFUSED)


def provider(value: object) -> WebShop:
    return as_enum(value, WebShop, "provider")


# --- orders -----------------------------------------------------------------------------------


def _program(ctx: Ctx) -> tuple[Program | None, str]:
    """The program web orders earn in, or None and why there is none."""
    chosen = ctx.shop.webhook_program_id if ctx.shop is not None else None
    if chosen is not None:
        program = ctx.session.scalar(select(Program).where(Program.id == chosen, Program.user_id == ctx.user_id))
        return program, "" if program is not None else "The web shop's program no longer exists: choose another"
    active = list(ctx.session.scalars(select(Program).where(
        Program.user_id == ctx.user_id, Program.status == ProgramStatus.ACTIVE.value).limit(2)))
    if len(active) == 1:
        return active[0], ""
    if not active:
        return None, "The shop has no active program"
    return None, "The shop has several active programs: choose the one web orders earn in"


def _recorded(ctx: Ctx, order_ref: str) -> PointsTransaction | None:
    """The purchase with this order reference in any of the shop's programs."""
    return ctx.session.scalar(select(PointsTransaction).where(
        PointsTransaction.user_id == ctx.user_id, PointsTransaction.reference_type == purchases.ORDER,
        PointsTransaction.reference_id == order_ref,
        PointsTransaction.program_id.in_(select(Program.id).where(Program.user_id == ctx.user_id))).limit(1))


def _waiting(ctx: Ctx, order_ref: str) -> UnmatchedOrder | None:
    return ctx.session.scalar(select(UnmatchedOrder).where(
        UnmatchedOrder.user_id == ctx.user_id, UnmatchedOrder.order_ref == order_ref))


def _quiet(normalize: Callable[[], str | None]) -> str | None:
    """A contact normalized, or None when it cannot be (it then matches nobody)."""
    try:
        return normalize()
    except ValidationError:
        return None


def _member(ctx: Ctx, program: Program, order: WebOrder) -> Member | None:
    """The program's member with the order's email, else with its phone."""
    email = _quiet(lambda: normalize_email(order.customer.email))
    phone = _quiet(lambda: normalize_phone(order.customer.phone, ctx.region))
    for column, value in ((Member.email, email), (Member.phone, phone)):
        if value is not None:
            found = ctx.session.scalar(select(Member).where(
                Member.program_id == program.id, Member.user_id == ctx.user_id, column == value))
            if found is not None:
                return found
    return None


def _transaction(tx: PointsTransaction) -> dto.PointsTransaction:
    return dto.to_dto(dto.PointsTransaction, tx)


def earn(ctx: Ctx, order: WebOrder, webhook_id: str | None) -> dto.WebhookOutcome:
    """A paid order: recorded as its customer's purchase, enrolling them if the shop says so, or
    parked in the unmatched list. The refusals of the purchase path propagate (see `deliver`)."""
    done = _recorded(ctx, order.order_ref)
    if done is not None:
        return dto.WebhookOutcome("replayed", order.order_ref, member_id=done.member_id,
                                  transaction=_transaction(done))
    waiting = _waiting(ctx, order.order_ref)
    if waiting is not None:
        return dto.WebhookOutcome("replayed", order.order_ref, unmatched_order_id=waiting.id, reason=waiting.reason)
    if order.subtotal <= 0:
        return dto.WebhookOutcome("ignored", order.order_ref, reason="The order has no goods to earn points on")
    program, why = _program(ctx)
    if program is None:
        return park(ctx, order, webhook_id, why)
    if order.currency != program.currency:
        return park(ctx, order, webhook_id, f"The order is in {order.currency}, the program counts "
                                            f"{program.currency}")
    member = _member(ctx, program, order)
    outcome = "recorded"
    if member is None:
        if ctx.shop is None or not ctx.shop.webhook_auto_enroll:
            return park(ctx, order, webhook_id, "No member has the order's email or phone")
        member = _enroll(ctx, program, order)
        outcome = "enrolled"
    tx, replayed, _ = purchases.record_purchase_outcome(ctx, program.id, member.id, order.subtotal, order.order_ref)
    return dto.WebhookOutcome("replayed" if replayed else outcome, order.order_ref, member_id=member.id,
                              transaction=_transaction(tx))


def _enroll(ctx: Ctx, program: Program, order: WebOrder) -> Member:
    customer = order.customer
    email = _quiet(lambda: normalize_email(customer.email))
    phone = _quiet(lambda: normalize_phone(customer.phone, ctx.region))
    name = customer.name or email or phone
    if name is None:
        raise ValidationError("The order names no customer to enroll")
    return members.enroll(ctx, program.id, {"customer_name": name, "email": email, "phone": phone})


def park(ctx: Ctx, order: WebOrder, webhook_id: str | None, reason: str) -> dto.WebhookOutcome:
    """The order waits in the unmatched list (once: a redelivery finds it there)."""
    waiting = _waiting(ctx, order.order_ref)
    if waiting is None:
        customer = order.customer
        waiting = UnmatchedOrder(
            user_id=ctx.user_id, provider=order.provider.value, order_ref=order.order_ref,
            webhook_id=(webhook_id or "")[:100] or None, customer_name=(customer.name or "")[:200] or None,
            email=customer.email, phone=(customer.phone or "")[:32] or None, subtotal=order.subtotal,
            refunded=Decimal(0), currency=order.currency, refund_refs=[], received_at=ctx.now,
            status=UnmatchedStatus.OPEN.value, reason=reason)
        ctx.session.add(waiting)
        ctx.session.flush()
    return dto.WebhookOutcome("unmatched", order.order_ref, unmatched_order_id=waiting.id, reason=waiting.reason)


def deliver(uow: UnitOfWork, user_id: str, order: WebOrder, webhook_id: str | None) -> dto.WebhookOutcome:
    """`earn` in one transaction; when the purchase path refuses the order, it is rolled back and
    the order parked, with the refusal as the reason, in another."""
    try:
        return uow.write(user_id, partial(earn, order=order, webhook_id=webhook_id), acting=WEBHOOK)
    except PARKED as refusal:
        return uow.write(user_id, partial(park, order=order, webhook_id=webhook_id, reason=refusal.message),
                         acting=WEBHOOK)


# --- refunds ----------------------------------------------------------------------------------


def refund(ctx: Ctx, back: WebRefund) -> dto.WebhookOutcome:
    """A refund: the points of the goods given back are taken back (proportionally), once per
    refund; a refund of a waiting order lowers what it will earn."""
    if back.amount is not None and back.amount <= 0:
        return dto.WebhookOutcome("ignored", back.order_ref, reason="The refund gives no goods back (shipping or "
                                                                    "tax only)")
    purchase = _recorded(ctx, back.order_ref)
    if purchase is not None:
        return _reverse(ctx, purchase, back)
    waiting = _waiting(ctx, back.order_ref)
    if waiting is None:
        return dto.WebhookOutcome("ignored", back.order_ref, reason="No purchase or waiting order has this reference")
    if back.return_ref in waiting.refund_refs:
        return dto.WebhookOutcome("replayed", back.order_ref, unmatched_order_id=waiting.id, reason=waiting.reason)
    if waiting.status != UnmatchedStatus.OPEN:
        return dto.WebhookOutcome("ignored", back.order_ref, unmatched_order_id=waiting.id,
                                  reason=f"The waiting order was {waiting.status}")
    left = Decimal(waiting.subtotal) - Decimal(waiting.refunded)
    waiting.refunded = Decimal(waiting.refunded) + (left if back.amount is None else min(back.amount, left))
    waiting.refund_refs = [*waiting.refund_refs, back.return_ref]
    if waiting.refunded >= waiting.subtotal:
        waiting.status, waiting.closed_at = UnmatchedStatus.DISMISSED.value, ctx.now
        waiting.reason = "Refunded in full before it was matched"
    ctx.session.flush()
    return dto.WebhookOutcome("updated", back.order_ref, unmatched_order_id=waiting.id, reason=waiting.reason)


def _reverse(ctx: Ctx, purchase: PointsTransaction, back: WebRefund) -> dto.WebhookOutcome:
    earlier = purchases.find_by_reference(ctx, purchase.program_id, "return", back.return_ref)
    if earlier is not None:
        return dto.WebhookOutcome("replayed", back.order_ref, member_id=earlier.member_id,
                                  transaction=_transaction(earlier))
    left = Decimal(purchase.amount or 0) - returned_amount(ctx, purchase.id)
    # Never more than is left of the order (the shop may also have taken some back at the till).
    amount = left if back.amount is None else min(back.amount, left)
    if amount <= 0:
        return dto.WebhookOutcome("ignored", back.order_ref, member_id=purchase.member_id,
                                  reason="Nothing of the order is left to take back")
    tx, replayed = purchases.reverse_purchase_outcome(ctx, purchase.program_id, back.order_ref, amount,
                                                      back.return_ref)
    return dto.WebhookOutcome("replayed" if replayed else "returned", back.order_ref, member_id=tx.member_id,
                              transaction=_transaction(tx))


# --- the owner's unmatched list ---------------------------------------------------------------


def unmatched_list(ctx: Ctx, status: object) -> list[dto.UnmatchedOrder]:
    wanted = as_enum(status, UnmatchedStatus, "status")
    rows = ctx.session.scalars(select(UnmatchedOrder).where(
        UnmatchedOrder.user_id == ctx.user_id, UnmatchedOrder.status == wanted.value)
        .order_by(UnmatchedOrder.received_at.desc(), UnmatchedOrder.id.desc()))
    return [dto.to_dto(dto.UnmatchedOrder, row) for row in rows]


def _open(ctx: Ctx, order_id: int) -> UnmatchedOrder:
    row = ctx.owned(UnmatchedOrder, order_id, "web order")
    if row.status != UnmatchedStatus.OPEN:
        raise NotEligible(f"Web order {row.order_ref} was already {row.status}", field="order_id")
    return row


def resolve(ctx: Ctx, order_id: int, member_id: int) -> PointsTransaction:
    """The waiting order becomes the member's purchase (what is left after its refunds), through
    the one purchase path, with the web order's reference."""
    row = ctx.owned(UnmatchedOrder, order_id, "web order")
    if row.status == UnmatchedStatus.RESOLVED and row.member_id == member_id and row.transaction_id is not None:
        done = ctx.session.get(PointsTransaction, row.transaction_id)
        if done is not None:
            return done         # the same resolution again: nothing changes
    row = _open(ctx, order_id)
    member = members.get_member(ctx, member_id)
    program = ctx.session.get(Program, member.program_id)
    assert program is not None
    if row.currency != program.currency:
        raise ValidationError(f"The order is in {row.currency}, {program.program_name} counts {program.currency}",
                              field="member_id")
    amount = Decimal(row.subtotal) - Decimal(row.refunded)
    tx = purchases.record_purchase_outcome(ctx, program.id, member.id, amount, row.order_ref).transaction
    row.status, row.member_id, row.transaction_id, row.closed_at = \
        UnmatchedStatus.RESOLVED.value, member.id, tx.id, ctx.now
    ctx.session.flush()
    record_change(ctx, "web_order", row.id, "resolved")
    return tx


def dismiss(ctx: Ctx, order_id: int) -> dto.UnmatchedOrder:
    """The owner decides the waiting order earns nothing."""
    row = ctx.owned(UnmatchedOrder, order_id, "web order")
    if row.status != UnmatchedStatus.DISMISSED:
        row = _open(ctx, order_id)
        row.status, row.closed_at = UnmatchedStatus.DISMISSED.value, ctx.now
        ctx.session.flush()
        record_change(ctx, "web_order", row.id, "dismissed")
    return dto.to_dto(dto.UnmatchedOrder, row)
