"""The web shops' webhooks (README, "Web shops"): Shopify's orders/paid and refunds/create, and
WooCommerce's order webhooks, each for the shop named by `?userId=`.

A route hands the raw body and the signature header to the service, which checks the signature
before anything is parsed (`LoyaltyService.shopify_order_paid` and the others). A missing, wrong
or tampered signature, a shop without a secret and an unknown `userId` all get the same 401, and
nothing is written. The body's size is the app's limit (1 MB), as for every route.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, NamedTuple

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse

from ..services import dto
from . import encoding
from .errors import ERROR_DOCS, error_example
from .loyalty import Service

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
# WooCommerce's test delivery when a webhook is saved: form-encoded, unsigned, and it must get a 2xx.
WOO_PING = re.compile(rb"webhook_id=[0-9]{1,20}")
UserId = Annotated[str | None, Query(description="the shop account (user_id) the web shop's orders belong to")]

_SHOPIFY_ORDER = {"id": 820982911946154508, "email": "jon@example.com", "currency": "USD",
                  "subtotal_price": "388.00", "total_tax": "5.00", "total_price": "403.00",
                  "customer": {"first_name": "John", "last_name": "Smith", "email": "jon@example.com", "phone": None},
                  "line_items": [{"id": 866550311766439020, "price": "199.00", "quantity": 2}]}
_SHOPIFY_REFUND = {"id": 890088186047892319, "order_id": 820982911946154508,
                   "refund_line_items": [{"quantity": 1, "line_item_id": 866550311766439020,
                                          "subtotal_set": {"shop_money": {"amount": "199.00",
                                                                          "currency_code": "USD"}}}]}
_WOO_ORDER = {"id": 727, "status": "completed", "currency": "USD", "total": "29.35",
              "billing": {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com",
                          "phone": "(555) 555-5555"},
              "line_items": [{"id": 315, "quantity": 2, "total": "6.00"}, {"id": 316, "quantity": 1, "total": "12.00"}]}


async def raw_body(request: Request) -> bytes:
    """The body exactly as it came: the signature is over these bytes."""
    return await request.body()


Body = Annotated[bytes, Depends(raw_body)]


class Delivery(NamedTuple):
    signature: str | None
    webhook_id: str | None


def shopify_delivery(x_shopify_hmac_sha256: Annotated[str | None, Header(include_in_schema=False)] = None,
                     x_shopify_webhook_id: Annotated[str | None, Header(include_in_schema=False)] = None
                     ) -> Delivery:
    """Shopify's signature and delivery id (its headers; documented with the route, as required)."""
    return Delivery(x_shopify_hmac_sha256, x_shopify_webhook_id)


Shopify = Annotated[Delivery, Depends(shopify_delivery)]


def documented(example: dict[str, Any], signature_header: str) -> dict[str, Any]:
    """The OpenAPI description of a webhook's body (read raw by the route) and its signature header."""
    return {
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"type": "object", "description": "the provider's payload; only the fields shown are read"},
            "examples": {"example": {"value": example}}}}},
        "parameters": [{"name": signature_header, "in": "header", "required": True, "schema": {"type": "string"},
                        "description": "base64 of the HMAC-SHA256 of the raw body under the shop's secret"}],
    }


RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Taken: what the webhook did", "content": {"application/json": {"example": {"data": {
        "outcome": "recorded", "order_ref": "shopify:820982911946154508", "member_id": 42,
        "transaction": {"id": 901, "points_amount": 388, "amount": "388.00"}, "unmatched_order_id": None,
        "reason": None}}}}},
    401: {"description": "A missing, wrong or tampered signature, no secret set, or an unknown userId: nothing "
                         "was written", "content": error_example("invalid_webhook_signature",
                                                                 "The webhook's signature is missing or wrong")},
    413: ERROR_DOCS[413],
    422: {"description": "A signed payload that is not an order or refund, or an amount not written as a "
                         "string like \"12.50\": nothing was written",
          "content": error_example("bad_web_order", "subtotal_price: The amount must be a JSON string such as "
                                                    "\"12.50\", not float")},
    503: ERROR_DOCS[503],
}


def answer(outcome: dto.WebhookOutcome) -> JSONResponse:
    data = encoding.plain(outcome)
    data["transaction"] = encoding.transaction(outcome.transaction) if outcome.transaction else None
    return JSONResponse({"data": data})


@router.post("/shopify/orders-paid", summary="Shopify's orders/paid webhook: the order earns its customer points",
             description="Points are earned on `subtotal_price` (goods after discounts, before tax and shipping) "
                         "by the member with the order's email, else its phone; the reference is "
                         "`shopify:<order id>`, so a redelivery changes nothing. An unknown customer is enrolled "
                         "when the shop turns auto-enroll on, and otherwise waits in the unmatched list.",
             responses=RESPONSES, openapi_extra=documented(_SHOPIFY_ORDER, "X-Shopify-Hmac-Sha256"))
def shopify_orders_paid(svc: Service, body: Body, sent: Shopify, userId: UserId = None  # noqa: N803
                        ) -> JSONResponse:
    return answer(svc.shopify_order_paid(userId or "", body, signature=sent.signature, webhook_id=sent.webhook_id))


@router.post("/shopify/refunds-create", summary="Shopify's refunds/create webhook: the refund's points come back",
             description="The goods given back (`refund_line_items[].subtotal_set.shop_money.amount`) take back "
                         "their share of the order's points, once per refund id.",
             responses=RESPONSES, openapi_extra=documented(_SHOPIFY_REFUND, "X-Shopify-Hmac-Sha256"))
def shopify_refunds_create(svc: Service, body: Body, sent: Shopify, userId: UserId = None  # noqa: N803
                           ) -> JSONResponse:
    return answer(svc.shopify_refund_created(userId or "", body, signature=sent.signature,
                                             webhook_id=sent.webhook_id))


@router.post("/woocommerce/orders", summary="WooCommerce's order webhooks: completed orders earn, refunded ones "
                                            "give back",
             description="Use with the topics Order created and Order updated. An order earns when its status is "
                         "`completed`, on the sum of `line_items[].total`, reference `woocommerce:<order id>`; at "
                         "`refunded` what is left of it comes back, once. Other statuses change nothing. "
                         "WooCommerce's test delivery (`webhook_id=N`, form-encoded) is answered 200.",
             responses=RESPONSES, openapi_extra=documented(_WOO_ORDER, "X-WC-Webhook-Signature"))
def woocommerce_orders(request: Request, svc: Service, body: Body, userId: UserId = None,  # noqa: N803
                       x_wc_webhook_signature: Annotated[str | None, Header(include_in_schema=False)] = None,
                       x_wc_webhook_delivery_id: Annotated[str | None, Header(include_in_schema=False)] = None
                       ) -> JSONResponse:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded" and WOO_PING.fullmatch(body):
        return answer(dto.WebhookOutcome("ping", None))     # nothing is read or written
    return answer(svc.woocommerce_order(userId or "", body, signature=x_wc_webhook_signature,
                                        webhook_id=x_wc_webhook_delivery_id))
