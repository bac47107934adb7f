"""Reading web shops' payloads (README, "Web shops"): a Shopify order or refund, a WooCommerce order.

Only what the loyalty program needs is read: the order's id, its customer's name, email and
phone, its currency, and the subtotal points are earned on, the goods after discounts and
before tax and shipping (Shopify's `subtotal_price`, else `current_subtotal_price`; the sum of
WooCommerce's `line_items[].total`). A refund is the goods it gives back (Shopify's
`refund_line_items[].subtotal_set.shop_money.amount`). Every amount is read exactly, as the
service reads any amount (`validation.as_decimal`): a JSON string such as "12.50". A JSON number,
"12,50" or "1e3" is refused (BadWebOrder), never guessed. Anything else in the payload is ignored.

An order's reference is its provider and id ("shopify:820982911946154508"), so it never meets a
till's reference; a refund's is "shopify:refund:<refund id>", a WooCommerce order's refund
"woocommerce:<order id>:refunded".
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..domain.vocabulary import WebShop
from ..errors import BadWebOrder, ValidationError
from .validation import as_currency, as_decimal

MAX_ID_LENGTH = 40
MAX_TEXT = 320


@dataclass(frozen=True, slots=True)
class WebCustomer:
    name: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class WebOrder:
    provider: WebShop
    order_ref: str
    status: str | None          # WooCommerce's order status; Shopify's orders/paid is paid by definition
    currency: str
    subtotal: Decimal
    customer: WebCustomer


@dataclass(frozen=True, slots=True)
class WebRefund:
    provider: WebShop
    order_ref: str
    return_ref: str
    amount: Decimal | None      # None: whatever is left of the order


def order_ref(provider: WebShop, order_id: str) -> str:
    return f"{provider.value}:{order_id}"


def _document(body: bytes) -> Mapping[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise BadWebOrder("The body is not valid JSON") from None
    if not isinstance(data, Mapping):
        raise BadWebOrder("The body must be a JSON object")
    return data


def _object(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """An optional nested object ({} when absent or null)."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadWebOrder(f"{key} must be a JSON object", field=key)
    return value


def _id(data: Mapping[str, Any], key: str) -> str:
    """An id: a JSON integer, or a string of digits, as the providers send them."""
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= MAX_ID_LENGTH:
        return value
    raise BadWebOrder(f"The payload has no {key} (a whole number)", field=key)


def _text(*values: object) -> str | None:
    """The first non-empty text among `values`, tidied; None when there is none."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:MAX_TEXT]
    return None


def _money(value: object, field: str) -> Decimal:
    """An amount of the payload, named as the payload names it ("line_items[0].total: ...")."""
    if not isinstance(value, str):
        raise BadWebOrder(f'{field}: The amount must be a JSON string such as "12.50", not '
                          f'{"null" if value is None else type(value).__name__}', field=field)
    try:
        return as_decimal(value, "amount")
    except ValidationError as exc:
        raise BadWebOrder(f"{field}: {exc.message}", field=field) from None


def _currency(data: Mapping[str, Any]) -> str:
    try:
        return as_currency(data.get("currency"))
    except ValidationError as exc:
        raise BadWebOrder(exc.message, field="currency") from None


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise BadWebOrder(f"{key} must be a list of JSON objects", field=key)
    return value


def _name(first: object, last: object) -> str | None:
    return _text(" ".join(part for part in (first, last) if isinstance(part, str)))


def shopify_order(body: bytes) -> WebOrder:
    """An order of Shopify's orders/paid webhook."""
    data = _document(body)
    customer, billing = _object(data, "customer"), _object(data, "billing_address")
    if "subtotal_price" in data:
        subtotal = _money(data["subtotal_price"], "subtotal_price")
    else:
        subtotal = _money(data.get("current_subtotal_price"), "current_subtotal_price")
    return WebOrder(
        provider=WebShop.SHOPIFY, order_ref=order_ref(WebShop.SHOPIFY, _id(data, "id")), status=None,
        currency=_currency(data), subtotal=subtotal,
        customer=WebCustomer(
            name=_name(customer.get("first_name"), customer.get("last_name")) or _text(billing.get("name")),
            email=_text(data.get("email"), data.get("contact_email"), customer.get("email")),
            phone=_text(data.get("phone"), customer.get("phone"), billing.get("phone"))))


def shopify_refund(body: bytes) -> WebRefund:
    """A refund of Shopify's refunds/create webhook: the goods it gives back."""
    data = _document(body)
    amount = Decimal(0)
    for n, line in enumerate(_items(data, "refund_line_items")):
        money = _object(_object(line, "subtotal_set"), "shop_money")
        amount += _money(money.get("amount"), f"refund_line_items[{n}].subtotal_set.shop_money.amount")
    refund_id = _id(data, "id")
    return WebRefund(provider=WebShop.SHOPIFY, order_ref=order_ref(WebShop.SHOPIFY, _id(data, "order_id")),
                     return_ref=f"{WebShop.SHOPIFY.value}:refund:{refund_id}", amount=amount)


def woocommerce_order(body: bytes) -> WebOrder:
    """An order of WooCommerce's order.created / order.updated webhook, in whatever status."""
    data = _document(body)
    billing = _object(data, "billing")
    status = data.get("status")
    if not isinstance(status, str) or not status:
        raise BadWebOrder("The payload has no status", field="status")
    subtotal = sum((_money(line.get("total"), f"line_items[{n}].total")
                    for n, line in enumerate(_items(data, "line_items"))), Decimal(0))
    return WebOrder(
        provider=WebShop.WOOCOMMERCE, order_ref=order_ref(WebShop.WOOCOMMERCE, _id(data, "id")), status=status,
        currency=_currency(data), subtotal=subtotal,
        customer=WebCustomer(name=_name(billing.get("first_name"), billing.get("last_name")),
                             email=_text(billing.get("email")), phone=_text(billing.get("phone"))))


def woocommerce_refund(order: WebOrder) -> WebRefund:
    """A refunded WooCommerce order: whatever is left of it comes back, once."""
    return WebRefund(provider=order.provider, order_ref=order.order_ref, return_ref=f"{order.order_ref}:refunded",
                     amount=None)
