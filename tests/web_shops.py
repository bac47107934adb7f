"""Web shops' payloads shaped like Shopify's and WooCommerce's documented examples (Shopify's
orders/paid and refunds/create webhook examples; WooCommerce's REST API v3 order, which its order
webhooks deliver), and their signatures, computed here independently of the service."""
from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
from typing import Any

SHOPIFY_SECRET = "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"
WOO_SECRET = "wc-secret: a long random phrase"


def sign(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode()


def _money(amount: str, currency: str = "USD") -> dict[str, Any]:
    return {"shop_money": {"amount": amount, "currency_code": currency},
            "presentment_money": {"amount": amount, "currency_code": currency}}


_SHOPIFY_ORDER: dict[str, Any] = {
    "id": 820982911946154508,
    "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
    "app_id": None,
    "browser_ip": None,
    "buyer_accepts_marketing": True,
    "cancel_reason": None,
    "cancelled_at": None,
    "cart_token": None,
    "checkout_id": None,
    "checkout_token": None,
    "closed_at": None,
    "confirmed": True,
    "contact_email": "jon@example.com",
    "created_at": "2021-12-31T19:00:00-05:00",
    "currency": "USD",
    "current_subtotal_price": "388.00",
    "current_subtotal_price_set": _money("388.00"),
    "current_total_discounts": "10.00",
    "current_total_price": "403.00",
    "current_total_tax": "5.00",
    "customer_locale": "en",
    "discount_codes": [{"code": "SPRING10", "amount": "10.00", "type": "fixed_amount"}],
    "email": "jon@example.com",
    "financial_status": "paid",
    "fulfillment_status": None,
    "name": "#9999",
    "note": None,
    "number": 234,
    "order_number": 1234,
    "phone": None,
    "presentment_currency": "USD",
    "processed_at": "2021-12-31T19:00:00-05:00",
    "source_name": "web",
    "subtotal_price": "388.00",
    "subtotal_price_set": _money("388.00"),
    "tags": "tag1, tag2",
    "test": False,
    "total_discounts": "10.00",
    "total_line_items_price": "398.00",
    "total_price": "403.00",
    "total_shipping_price_set": _money("10.00"),
    "total_tax": "5.00",
    "total_weight": 0,
    "updated_at": "2021-12-31T19:00:00-05:00",
    "billing_address": {"first_name": "Steve", "address1": "123 Shipping Street", "phone": "555-555-SHIP",
                        "city": "Shippington", "zip": "40003", "province": "Kentucky", "country": "United States",
                        "last_name": "Shipper", "address2": None, "company": "Shipping Company", "latitude": None,
                        "longitude": None, "name": "Steve Shipper", "country_code": "US", "province_code": "KY"},
    "customer": {"id": 115310627314723954, "email": "john@example.com", "created_at": None, "updated_at": None,
                 "first_name": "John", "last_name": "Smith", "state": "disabled", "note": None,
                 "verified_email": True, "multipass_identifier": None, "tax_exempt": False, "phone": None,
                 "currency": "USD", "tags": "", "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954"},
    "line_items": [
        {"id": 866550311766439020, "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020",
         "fulfillable_quantity": 1, "fulfillment_service": "manual", "gift_card": False, "grams": 567,
         "name": "IPod Nano - 8GB", "price": "199.00", "price_set": _money("199.00"), "product_exists": True,
         "product_id": 632910392, "quantity": 1, "requires_shipping": True, "sku": "IPOD2008PINK",
         "taxable": True, "title": "IPod Nano - 8GB", "total_discount": "10.00",
         "total_discount_set": _money("10.00"), "variant_id": 808950810, "vendor": None, "tax_lines": [],
         "discount_allocations": [{"amount": "10.00", "amount_set": _money("10.00"),
                                   "discount_application_index": 0}]},
        {"id": 141249953214522974, "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974",
         "fulfillable_quantity": 1, "fulfillment_service": "manual", "gift_card": False, "grams": 567,
         "name": "IPod Nano - 8GB", "price": "199.00", "price_set": _money("199.00"), "product_exists": True,
         "product_id": 632910392, "quantity": 1, "requires_shipping": True, "sku": "IPOD2008PINK",
         "taxable": True, "title": "IPod Nano - 8GB", "total_discount": "0.00", "total_discount_set": _money("0.00"),
         "variant_id": 808950810, "vendor": None, "tax_lines": [], "discount_allocations": []},
    ],
    "shipping_lines": [{"id": 271878346596884015, "carrier_identifier": None, "code": None,
                        "discounted_price": "10.00", "price": "10.00", "price_set": _money("10.00"),
                        "source": "shopify", "title": "Generic Shipping", "tax_lines": [], "discount_allocations": []}],
    "tax_lines": [{"price": "5.00", "rate": 0.0125, "title": "State tax", "price_set": _money("5.00")}],
    "refunds": [],
}


def shopify_order(order_id: int = 820982911946154508, *, email: str | None = "jon@example.com",
                  subtotal: Any = "388.00", **changes: Any) -> dict[str, Any]:
    """Shopify's orders/paid example, for this order id, customer email and subtotal."""
    order = copy.deepcopy(_SHOPIFY_ORDER)
    order.update(id=order_id, admin_graphql_api_id=f"gid://shopify/Order/{order_id}", email=email,
                 contact_email=email, subtotal_price=subtotal, current_subtotal_price=subtotal)
    order["customer"]["email"] = email
    order.update(changes)
    return order


def shopify_refund(order_id: int, refund_id: int, *amounts: str) -> dict[str, Any]:
    """Shopify's refunds/create example: one refund line item per amount given back."""
    return {
        "id": refund_id,
        "order_id": order_id,
        "created_at": "2021-12-31T19:00:00-05:00",
        "note": "Things were damaged",
        "user_id": 548380009,
        "processed_at": "2021-12-31T19:00:00-05:00",
        "restock": False,
        "duties": [],
        "total_duties_set": _money("0.00"),
        "additional_fees": [],
        "return": None,
        "admin_graphql_api_id": f"gid://shopify/Refund/{refund_id}",
        "refund_line_items": [
            {"id": 487817672 + n, "quantity": 1, "line_item_id": 866550311766439020, "location_id": None,
             "restock_type": "no_restock", "subtotal": float(amount), "total_tax": 0.0,
             "subtotal_set": _money(amount), "total_tax_set": _money("0.00"),
             "line_item": {"id": 866550311766439020, "price": amount, "quantity": 1, "title": "IPod Nano - 8GB"}}
            for n, amount in enumerate(amounts)],
        "transactions": [],
        "order_adjustments": [],
    }


def woocommerce_order(order_id: int = 727, *, status: str = "completed", email: str = "john.doe@example.com",
                      totals: tuple[Any, ...] = ("6.00", "12.00"), **changes: Any) -> dict[str, Any]:
    """WooCommerce's REST API v3 order example, with these line totals (after discounts, before tax)."""
    order = {
        "id": order_id, "parent_id": 0, "number": str(order_id), "order_key": "wc_order_58d2d042d1d",
        "created_via": "checkout", "version": "8.4.0", "status": status, "currency": "USD",
        "date_created": "2017-03-22T16:28:02", "date_created_gmt": "2017-03-22T19:28:02",
        "date_modified": "2017-03-22T16:28:08", "discount_total": "0.00", "discount_tax": "0.00",
        "shipping_total": "10.00", "shipping_tax": "0.00", "cart_tax": "1.35", "total": "29.35",
        "total_tax": "1.35", "prices_include_tax": False, "customer_id": 0, "customer_ip_address": "",
        "customer_user_agent": "", "customer_note": "",
        "billing": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
                    "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US",
                    "email": email, "phone": "(555) 555-5555"},
        "shipping": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
                     "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US"},
        "payment_method": "bacs", "payment_method_title": "Direct Bank Transfer", "transaction_id": "",
        "date_paid": "2017-03-22T16:28:08", "date_completed": None, "cart_hash": "",
        "meta_data": [],
        "line_items": [
            {"id": 315 + n, "name": f"Woo Single #{n + 1}", "product_id": 93 + n, "variation_id": 0, "quantity": 1,
             "tax_class": "", "subtotal": total, "subtotal_tax": "0.45", "total": total, "total_tax": "0.45",
             "taxes": [{"id": 75, "total": "0.45", "subtotal": "0.45"}], "meta_data": [], "sku": "", "price": 3}
            for n, total in enumerate(totals)],
        "tax_lines": [{"id": 318, "rate_code": "US-CA-STATE TAX", "rate_id": 75, "label": "State Tax",
                       "compound": False, "tax_total": "1.35", "shipping_tax_total": "0.00", "meta_data": []}],
        "shipping_lines": [{"id": 317, "method_title": "Flat Rate", "method_id": "flat_rate", "total": "10.00",
                            "total_tax": "0.00", "taxes": [], "meta_data": []}],
        "fee_lines": [], "coupon_lines": [], "refunds": [],
    }
    order.update(changes)
    return order
