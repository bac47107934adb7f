"""The routes under /api/loyalty: each maps HTTP to one or two `LoyaltyService` calls and back.

Every rule is the service's: the key (`authenticate_api_key`) is passed as `actor=`, so the
service checks its shop, its scope and its rate, and records it on every row it writes.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..domain.permissions import DESCRIPTIONS, Permission, scope_allows
from ..errors import InvalidApiKey, NotFound, PermissionDenied, ValidationError
from ..services import LoyaltyService, dto
from . import encoding
from .bodies import (
    ConsentBody,
    DiscountBody,
    EnrollBody,
    PromotionBody,
    PromotionUpdateBody,
    PurchaseBody,
    RedemptionBody,
    ReturnBody,
    body,
    request_body,
)
from .errors import ERROR_DOCS

router = APIRouter(prefix="/api/loyalty", tags=["loyalty"])
bearer = HTTPBearer(auto_error=False, description="A key from `loyalty-desk api-key create`")
NO_SHOP = "No shop with this userId for this key"


def service(request: Request) -> LoyaltyService:
    svc = request.app.state.service
    assert isinstance(svc, LoyaltyService)
    return svc


Service = Annotated[LoyaltyService, Depends(service)]


def current_key(svc: Service, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
                ) -> dto.ApiKey:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise InvalidApiKey("An API key is needed: send the header Authorization: Bearer KEY")
    return svc.authenticate_api_key(credentials.credentials)


Key = Annotated[dto.ApiKey, Depends(current_key)]


def shop(key: Key, userId: Annotated[str | None, Query(max_length=64)] = None) -> str:  # noqa: N803 - the spec's name
    """The key's shop. A `userId` naming another shop is answered like one that does not exist."""
    if userId is not None and userId != key.user_id:
        raise NotFound(NO_SHOP, field="userId")
    return key.user_id


Shop = Annotated[str, Depends(shop)]


def writer(permission: Permission) -> Any:
    """The key, refused up front (403) when its scope does not allow `permission` (the service
    checks it again inside its transaction)."""
    def check(key: Key, _shop: Shop) -> dto.ApiKey:
        if not scope_allows(key.scope, permission):
            raise PermissionDenied(f"A {key.scope} API key cannot {DESCRIPTIONS[permission]}")
        return key
    return Depends(check)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: ERROR_DOCS[code] for code in codes}


READ_ERRORS = responses(401, 404, 422, 503)
WRITE_ERRORS = responses(400, 401, 403, 404, 409, 413, 415, 422, 503)


@router.get("/health", summary="Is the server up (no key needed)")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/dashboard", summary="The spec's dashboard figures", responses=READ_ERRORS)
def dashboard(svc: Service, user: Shop) -> JSONResponse:
    return JSONResponse({"data": encoding.plain(svc.get_loyalty_dashboard_data(user))})


@router.get("/members", summary="Find members by card, phone, email or name", responses=READ_ERRORS)
def find_members(svc: Service, user: Shop, q: Annotated[str, Query(min_length=1, max_length=200)],
                 limit: Annotated[int, Query(ge=1, le=20)] = 10) -> JSONResponse:
    found = svc.find_members(user, q, limit=limit)
    return JSONResponse({"data": [encoding.member_summary(svc.get_member_summary(user, m.id)) for m in found]})


@router.get("/members/{member_id}", summary="A member with balance, tier, next tier and expiring points",
            responses=READ_ERRORS)
def get_member(svc: Service, user: Shop, member_id: int) -> JSONResponse:
    return JSONResponse({"data": encoding.member_summary(svc.get_member_summary(user, member_id))})


@router.post("/members", status_code=201, summary="Enroll a member (rate limited per key)",
             responses={201: {"description": "Enrolled"}, **WRITE_ERRORS, **responses(429)},
             openapi_extra=request_body(EnrollBody))
def enroll(svc: Service, user: Shop, key: Annotated[dto.ApiKey, writer(Permission.ENROLL_MEMBER)],
           data: Annotated[EnrollBody, Depends(body(EnrollBody))]) -> JSONResponse:
    fields = data.model_dump(exclude_none=True, exclude={"program_id"})
    member = svc.enroll_loyalty_member(user, data.program_id, fields, actor=key)
    return JSONResponse({"data": encoding.member(member)}, status_code=201)


@router.patch("/members/{member_id}", summary="Record a member's marketing consent or email opt-out (nothing else)",
              responses={200: {"description": "Updated: the member"}, **WRITE_ERRORS},
              openapi_extra=request_body(ConsentBody))
def update_consent(svc: Service, user: Shop, member_id: int, key: Annotated[dto.ApiKey, writer(Permission.EDIT_MEMBER)],
                   data: Annotated[ConsentBody, Depends(body(ConsentBody))]) -> JSONResponse:
    member = svc.update_loyalty_member(user, member_id, data.model_dump(exclude_none=True), actor=key)
    return JSONResponse({"data": encoding.member(member)})


def _member_of(svc: LoyaltyService, user: str, member_id: int | None, card_number: str | None) -> dto.Member:
    if member_id is not None:
        return svc.get_loyalty_member(user, member_id)
    found = svc.resolve_code(user, card_number or "")
    if found.kind != "member" or found.member is None:
        raise NotFound("No member with this card", field="card_number")
    return found.member


def _recorded(svc: LoyaltyService, user: str, outcome: dto.PurchaseOutcome) -> JSONResponse:
    tx = outcome.transaction
    return JSONResponse({"data": {"id": tx.id, "points": tx.points_amount, "balance_after": tx.points_balance_after,
                                  "replayed": outcome.replayed, "promotion": outcome.promotion_name,
                                  "receipt_lines": svc.get_receipt_lines(user, tx.id),
                                  "transaction": encoding.transaction(tx)}},
                        status_code=200 if outcome.replayed else 201)


# The answer to a purchase, for the OpenAPI document.
_PURCHASE_ANSWER = {"application/json": {"example": {"data": {
    "id": 1201, "points": 18, "balance_after": 1278, "replayed": False, "promotion": None,
    "receipt_lines": ["Points earned: 18", "Balance: 1,278", "722 points to Gold"],
    "transaction": {"id": 1201, "transaction_type": "purchase", "points_amount": 18, "points_balance_after": 1278,
                    "amount": "12.50", "reference_id": "POS-1001", "status": "completed"}}}}}


@router.post("/purchases", status_code=201,
             summary="Record a purchase (idempotent on order_ref: a repeat answers 200 with the original)",
             responses={200: {"description": "Already recorded: the original transaction"},
                        201: {"description": "Recorded, with the lines for the receipt", "content": _PURCHASE_ANSWER},
                        **WRITE_ERRORS},
             openapi_extra=request_body(PurchaseBody))
def record_purchase(svc: Service, user: Shop, key: Annotated[dto.ApiKey, writer(Permission.RECORD_PURCHASE)],
                    data: Annotated[PurchaseBody, Depends(body(PurchaseBody))]) -> JSONResponse:
    member = _member_of(svc, user, data.member_id, data.card_number)
    outcome = svc.record_purchase_outcome(user, member.program_id, member.id, data.amount, data.order_ref, actor=key)
    return _recorded(svc, user, outcome)


@router.post("/purchases/{order_ref}/returns", status_code=201,
             summary="A return, whole or part: takes back the points in proportion",
             responses={200: {"description": "Already recorded: the original return"},
                        201: {"description": "Recorded"}, **WRITE_ERRORS},
             openapi_extra=request_body(ReturnBody))
def record_return(svc: Service, user: Shop, order_ref: str,
                  key: Annotated[dto.ApiKey, writer(Permission.RETURN_PURCHASE)],
                  data: Annotated[ReturnBody, Depends(body(ReturnBody))]) -> JSONResponse:
    program_id = data.program_id
    if program_id is None:
        programs = svc.get_loyalty_programs(user)
        if len(programs) != 1:
            raise ValidationError("This shop has several programs: give the program_id", field="program_id")
        program_id = programs[0].id
    outcome = svc.reverse_purchase_outcome(user, program_id, order_ref, data.amount, return_ref=data.return_ref,
                                           actor=key)
    return _recorded(svc, user, outcome)


@router.get("/members/{member_id}/rewards", summary="What the member can redeem now, and why not the rest",
            responses=READ_ERRORS)
def member_rewards(svc: Service, user: Shop, member_id: int) -> JSONResponse:
    return JSONResponse({"data": [{"reward": encoding.reward(reward), "eligible": why is None, "why_not": why}
                                  for reward, why in svc.reward_eligibility(user, member_id)]})


@router.post("/redemptions", status_code=201, summary="Redeem a reward for a member",
             responses={201: {"description": "Redeemed"}, **WRITE_ERRORS}, openapi_extra=request_body(RedemptionBody))
def redeem(svc: Service, user: Shop, key: Annotated[dto.ApiKey, writer(Permission.REDEEM)],
           data: Annotated[RedemptionBody, Depends(body(RedemptionBody))]) -> JSONResponse:
    member = svc.get_loyalty_member(user, data.member_id)
    made = svc.create_redemption(user, member.program_id, member.id, data.reward_id,
                                 delivery_method=data.delivery_method, shipping_address=data.shipping_address,
                                 actor=key)
    return JSONResponse({"data": encoding.redemption(made)}, status_code=201)


# The answer to a discount, for the OpenAPI document.
_DISCOUNT_ANSWER = {"application/json": {"example": {"data": {
    "discount": "10.00", "currency": "EUR", "points": 1000, "balance_after": 278, "order_ref": "POS-1001",
    "replayed": False, "transaction": {"id": 1202, "transaction_type": "redemption", "points_amount": -1000,
                                       "points_balance_after": 278, "amount": "10.00", "reference_type": "discount",
                                       "reference_id": "POS-1001", "status": "completed"}}}}}


@router.post("/discounts", status_code=201,
             summary="Take points as money off an order (idempotent on order_ref: a repeat answers 200)",
             responses={200: {"description": "Already taken: the original discount"},
                        201: {"description": "Taken: the money off and the points spent", "content": _DISCOUNT_ANSWER},
                        **WRITE_ERRORS},
             openapi_extra=request_body(DiscountBody))
def take_discount(svc: Service, user: Shop, key: Annotated[dto.ApiKey, writer(Permission.REDEEM)],
                  data: Annotated[DiscountBody, Depends(body(DiscountBody))]) -> JSONResponse:
    member = _member_of(svc, user, data.member_id, data.card_number)
    made = svc.redeem_points_for_discount(user, member.program_id, member.id, data.points, data.order_ref,
                                          basket_amount=data.basket_amount, actor=key)
    tx = made.transaction
    return JSONResponse({"data": {"discount": str(made.discount), "currency": made.currency, "points": made.points,
                                  "balance_after": tx.points_balance_after, "order_ref": made.order_ref,
                                  "replayed": made.replayed, "transaction": encoding.transaction(tx)}},
                        status_code=200 if made.replayed else 201)


@router.get("/members/{member_id}/transactions", summary="The member's ledger, newest first, a page at a time",
            responses=READ_ERRORS)
def transactions(svc: Service, user: Shop, member_id: int, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 before: Annotated[int | None, Query(ge=1, description="next_before of the page before")] = None
                 ) -> JSONResponse:
    rows = svc.get_member_points_history(user, member_id, limit=limit, before_id=before)
    return JSONResponse({"data": [encoding.transaction(t) for t in rows],
                         "next_before": rows[-1].id if len(rows) == limit else None})


# --- promotions (README, "Promotions") ------------------------------------------------------


@router.get("/programs/{program_id}/promotions", summary="A program's promotions, by start", responses=READ_ERRORS)
def list_promotions(svc: Service, user: Shop, program_id: int,
                    current_only: Annotated[bool, Query(description="only those running or to come")] = False
                    ) -> JSONResponse:
    rows = svc.list_promotions(user, program_id, current_only=current_only)
    return JSONResponse({"data": [encoding.promotion(p) for p in rows]})


@router.post("/programs/{program_id}/promotions", status_code=201, summary="Set up a promotion (a bonus event)",
             responses={201: {"description": "Created"}, **WRITE_ERRORS}, openapi_extra=request_body(PromotionBody))
def create_promotion(svc: Service, user: Shop, program_id: int,
                     key: Annotated[dto.ApiKey, writer(Permission.MANAGE_PROMOTIONS)],
                     data: Annotated[PromotionBody, Depends(body(PromotionBody))]) -> JSONResponse:
    made = svc.create_promotion(user, program_id, data.model_dump(exclude_unset=True), actor=key)
    return JSONResponse({"data": encoding.promotion(made)}, status_code=201)


@router.patch("/promotions/{promotion_id}", summary="Change a promotion (the fields given only)",
              responses=WRITE_ERRORS, openapi_extra=request_body(PromotionUpdateBody))
def update_promotion(svc: Service, user: Shop, promotion_id: int,
                     key: Annotated[dto.ApiKey, writer(Permission.MANAGE_PROMOTIONS)],
                     data: Annotated[PromotionUpdateBody, Depends(body(PromotionUpdateBody))]) -> JSONResponse:
    changed = svc.update_promotion(user, promotion_id, data.model_dump(exclude_unset=True), actor=key)
    return JSONResponse({"data": encoding.promotion(changed)})


@router.post("/promotions/{promotion_id}/end", summary="End a promotion now (again: no change)",
             responses=WRITE_ERRORS)
def end_promotion(svc: Service, user: Shop, promotion_id: int,
                  key: Annotated[dto.ApiKey, writer(Permission.MANAGE_PROMOTIONS)]) -> JSONResponse:
    return JSONResponse({"data": encoding.promotion(svc.end_promotion(user, promotion_id, actor=key))})
