"""Request bodies: read whole (at most 1 MB), JSON only, checked field by field by pydantic
(unknown fields refused); the values themselves are checked by the service, as the desktop's."""
from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import BadBody, describe_errors

M = TypeVar("M", bound=BaseModel)
MAX_BODY = 1024 * 1024
_MEMBER_ID = "the member's id; or give card_number"


class Body(BaseModel):
    # Strict: a number is never taken for a string (an amount must be "12.50"), nor the reverse.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EnrollBody(Body):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "program_id": 1, "customer_name": "Ada Lovelace", "email": "ada@example.com", "phone": "+14155550123",
        "birthday": "1990-12-10", "referred_by_code": "GRAC-7K2QP"}]})

    program_id: int
    customer_name: str
    email: str
    phone: str | None = None
    birthday: dt.date | None = Field(None, description="YYYY-MM-DD")
    referred_by_code: str | None = Field(None, description="the referral code the customer gave")
    marketing_consent: bool | None = Field(None, description="agrees to marketing emails (birthday, reactivation)")
    marketing_consent_source: str | None = Field(None, description="how consent was given (default \"api\")")
    email_opt_out: bool | None = Field(None, description="wants no email at all")


class ConsentBody(Body):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"email_opt_out": True},
        {"marketing_consent": True, "marketing_consent_source": "web form"},
        {"marketing_consent": False}]})

    marketing_consent: bool | None = Field(None, description="agrees to marketing emails (birthday, reactivation)")
    marketing_consent_source: str | None = Field(None, description="how consent was given or withdrawn "
                                                                   "(default \"api\"); only with marketing_consent")
    email_opt_out: bool | None = Field(None, description="wants no email at all: drops every message not yet sent")

    @model_validator(mode="after")
    def _something(self) -> ConsentBody:
        if self.marketing_consent is None and self.email_opt_out is None:
            raise ValueError("give marketing_consent or email_opt_out")
        return self


class PurchaseBody(Body):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"card_number": "LD7Q4M2K9XW3", "amount": "12.50", "order_ref": "POS-1001"},
        {"member_id": 42, "amount": "80.00", "order_ref": "web-5521"}]})

    member_id: int | None = Field(None, description=_MEMBER_ID)
    card_number: str | None = Field(None, description="the member's card; or give member_id")
    amount: str = Field(description='the amount as a JSON string with a dot, such as "12.50"', examples=["12.50"])
    order_ref: str = Field(description="the order's reference: a repeat of the same order changes nothing")

    @model_validator(mode="after")
    def _one_member(self) -> PurchaseBody:
        if (self.member_id is None) == (self.card_number is None):
            raise ValueError("give either member_id or card_number")
        return self


class ReturnBody(Body):
    model_config = ConfigDict(json_schema_extra={"examples": [{"amount": "5.00", "return_ref": "RET-77"},
                                                              {"return_ref": "RET-78"}]})

    return_ref: str = Field(description="the return's reference: a repeat of the same return changes nothing")
    amount: str | None = Field(None, description='the amount returned, such as "5.00"; none: the whole purchase')
    program_id: int | None = Field(None, description="needed only when the shop has several programs")


class DiscountBody(Body):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"card_number": "LD7Q4M2K9XW3", "points": 1000, "order_ref": "POS-1001"},
        {"member_id": 42, "points": 500, "order_ref": "web-5521", "basket_amount": "40.00"}]})

    member_id: int | None = Field(None, description=_MEMBER_ID)
    card_number: str | None = Field(None, description="the member's card; or give member_id")
    points: int = Field(description="the points to take off, as the program's rules allow", examples=[1000])
    order_ref: str = Field(description="the order's reference: a repeat with the same points changes nothing")
    basket_amount: str | None = Field(None, description='the basket, such as "40.00": needed when the program '
                                                        "caps the share of a basket a discount covers")

    @model_validator(mode="after")
    def _one_member(self) -> DiscountBody:
        if (self.member_id is None) == (self.card_number is None):
            raise ValueError("give either member_id or card_number")
        return self


class RedemptionBody(Body):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"member_id": 42, "reward_id": 3},
        {"member_id": 42, "reward_id": 7, "delivery_method": "ship", "shipping_address": "1 Main St, Springfield"}]})

    member_id: int
    reward_id: int
    delivery_method: str | None = None       # pickup, ship or digital (the service checks it)
    shipping_address: str | None = None      # required with ship


class PromotionBody(Body):
    """A promotion's fields (README, "Promotions"); the service checks each value."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"name": "Double Tuesdays", "multiplier": "2", "starts_at": "2026-12-01", "ends_at": "2026-12-31",
         "days_of_week": [1]},
        {"name": "Happy hour bonus", "bonus_points": 50, "starts_at": "2026-12-01T15:00:00+01:00",
         "ends_at": "2026-12-24T18:00:00+01:00", "hours": [15, 18], "min_amount": "20.00"}]})

    name: str
    multiplier: str | None = Field(None, description='the multiplier as a string above 1, such as "2" or "1.5"; '
                                                     "or give bonus_points")
    bonus_points: int | None = Field(None, description="points added to the purchase's; or give multiplier")
    starts_at: str = Field(description="a date (YYYY-MM-DD, in the shop's time zone) or a time with its offset")
    ends_at: str = Field(description="a date (included) or a time with its offset (the first moment it stops)")
    days_of_week: list[int] | None = Field(None, description="0 = Monday ... 6 = Sunday; none: every day")
    hours: list[int] | None = Field(None, description="[from, to): local hours, such as [15, 18]; none: all day")
    min_amount: str | None = Field(None, description='the smallest purchase it applies to, such as "20.00"')
    tier_ids: list[int] | None = Field(None, description="the tiers it is for; none: every member")
    stacks_with_tier: bool | None = Field(None, description="multiply with the tier's multiplier (default false: "
                                                            "the larger of the two)")


class PromotionUpdateBody(Body):
    """The fields to change; those left out stay as they are (null clears an optional one)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"ends_at": "2027-01-07"},
                                                              {"multiplier": None, "bonus_points": 25}]})

    name: str | None = None
    multiplier: str | None = None
    bonus_points: int | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    days_of_week: list[int] | None = None
    hours: list[int] | None = None
    min_amount: str | None = None
    tier_ids: list[int] | None = None
    stacks_with_tier: bool | None = None
    active: bool | None = None


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI description of a body (the routes read it themselves, see `body`)."""
    schema = model.model_json_schema()
    examples = schema.pop("examples", [])
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": schema, "examples": {f"example {n + 1}": {"value": v} for n, v in enumerate(examples)}}}}}


def body(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency that reads the request's body as `model`, or refuses it (BadBody)."""
    async def read(request: Request) -> M:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise BadBody(415, "unsupported_media_type", "Send the body as JSON, with Content-Type: application/json")
        raw = await request.body()
        if len(raw) > MAX_BODY:        # the middleware stops it first; this keeps the limit true anyway
            raise BadBody(413, "body_too_large", "The body is over 1 MB")
        try:
            return model.model_validate_json(raw)
        except ValidationError as exc:
            errors = exc.errors()
            if any(e.get("type") == "json_invalid" for e in errors):
                raise BadBody(400, "malformed_json", "The body is not valid JSON") from None
            if any(not e.get("loc") and e.get("type") in ("model_type", "model_attributes_type", "dict_type")
                   for e in errors):
                raise BadBody(422, "validation_error", "The body must be a JSON object") from None
            raise BadBody(422, "validation_error", describe_errors(errors)) from None
    return read
