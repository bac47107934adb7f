"""Keys of the HTTP API (README, "HTTP API"): one shop's each, read or write, shown once.

A key is `ld_` and 32 random bytes from `secrets` (URL-safe base64). Only its SHA-256 is
stored. A fast hash is right here, unlike for PINs (staff.py, argon2): a PIN has about
10^4..10^8 values, so a stolen hash is cracked by trying them all unless each try is slow;
a key has 2^256, which no number of fast tries can search, and a fast hash lets every
request find its key by one indexed lookup. The lookup by hash also needs no constant-time
compare: a caller cannot steer the hash of what they send towards a stored one.

A key acts as itself: every row it writes records `actor_kind` "api" and the key's id, and
the audit log and member history name it ("by API key 'web shop'").
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from ..domain.permissions import DESCRIPTIONS, ActorKind, ApiScope, Permission, scope_allows
from ..errors import InvalidApiKey, PermissionDenied, RateLimited
from ..models import MemberActivity, StoredApiKey
from ..models.enums import ActivityType
from ..models.shop import API_ENROLLMENTS_PER_MINUTE
from . import dto
from .changes import record_change
from .uow import Acting, Ctx
from .validation import as_enum, as_text, check_mapping

PREFIX = "ld_"
SHOWN_PREFIX = len(PREFIX) + 6        # what the key list shows of a key, to tell keys apart
KEY_FIELDS = ("name", "scope")
RATE_WINDOW = dt.timedelta(minutes=1)
TOUCH_EVERY = dt.timedelta(minutes=1)  # `last_used_at` is written at most this often
UNKNOWN = "Unknown or revoked API key"


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def to_dto(row: StoredApiKey) -> dto.ApiKey:
    return dto.ApiKey(id=row.id, user_id=row.user_id, name=row.name, scope=row.scope, key_prefix=row.key_prefix,
                      created_at=row.created_at, revoked_at=row.revoked_at, last_used_at=row.last_used_at)


def create(ctx: Ctx, data: Mapping[str, Any], secret: str) -> StoredApiKey:
    check_mapping(data, KEY_FIELDS, "API key", required=("scope",))
    scope = as_enum(data["scope"], ApiScope, "scope")
    name = " ".join((as_text(data.get("name") or f"{scope.value} key", "name", max_len=60) or "").split())
    row = StoredApiKey(user_id=ctx.user_id, name=name, scope=scope.value, key_hash=digest(secret),
                       key_prefix=secret[:SHOWN_PREFIX], created_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    record_change(ctx, "api_key", row.id, "created", KEY_FIELDS)
    return row


def key_list(ctx: Ctx) -> list[dto.ApiKey]:
    query = select(StoredApiKey).where(StoredApiKey.user_id == ctx.user_id).order_by(StoredApiKey.id)
    return [to_dto(row) for row in ctx.session.scalars(query)]


def revoke(ctx: Ctx, key_id: int) -> StoredApiKey:
    """Revoked at once: the next request with the key gets 401. Revoking again changes nothing."""
    row = ctx.owned(StoredApiKey, key_id, "API key")
    if row.revoked_at is None:
        row.revoked_at = ctx.now
        ctx.session.flush()
        record_change(ctx, "api_key", row.id, "deleted")
    return row


def find(ctx: Ctx, secret: str) -> dto.ApiKey | None:
    """The live key with this secret, of any shop (the key says which shop it is)."""
    row = ctx.session.scalar(select(StoredApiKey).where(StoredApiKey.key_hash == digest(secret)))
    return to_dto(row) if row is not None and row.revoked_at is None else None


def touch(ctx: Ctx, key_id: int) -> None:
    row = ctx.session.get(StoredApiKey, key_id)
    if row is not None:
        row.last_used_at = ctx.now


def needs_touch(key: dto.ApiKey, now: dt.datetime) -> bool:
    return key.last_used_at is None or now - key.last_used_at >= TOUCH_EVERY


def authorize(ctx: Ctx, permission: Permission, key: dto.ApiKey) -> Acting:
    """The key acting in this unit of work: still live and of this shop (checked in the same
    transaction, so a key revoked a moment ago writes nothing), with a scope that allows
    `permission`, and within its enrollment rate."""
    query = select(StoredApiKey).where(StoredApiKey.id == key.id, StoredApiKey.user_id == ctx.user_id)
    if permission == Permission.ENROLL_MEMBER:
        query = query.with_for_update()     # one enrollment of a key at a time: the count holds
    row = ctx.session.scalar(query)
    if row is None or row.revoked_at is not None:
        raise InvalidApiKey(UNKNOWN)
    if not scope_allows(row.scope, permission):
        raise PermissionDenied(f"A {row.scope} API key cannot {DESCRIPTIONS[permission]}")
    if permission == Permission.ENROLL_MEMBER:
        check_enrollment_rate(ctx, row.id)
    return Acting(ActorKind.API, api_key_id=row.id)


def check_enrollment_rate(ctx: Ctx, key_id: int) -> None:
    """At most the shop's `api_enrollments_per_minute` enrollments by one key in any minute
    (a sliding window over the key's enrollment activity rows)."""
    most = ctx.shop.api_enrollments_per_minute if ctx.shop is not None else API_ENROLLMENTS_PER_MINUTE
    recent = list(ctx.session.scalars(
        select(MemberActivity.activity_date).where(
            MemberActivity.actor_api_key_id == key_id,
            MemberActivity.activity_date > ctx.now - RATE_WINDOW,
            MemberActivity.activity_type == ActivityType.MEMBER_ENROLLED.value)
        .order_by(MemberActivity.activity_date.desc()).limit(most)))
    if len(recent) < most:
        return
    oldest = recent[-1]
    wait = max(1, math.ceil((oldest + RATE_WINDOW - ctx.now).total_seconds()))
    raise RateLimited(f"This API key enrolled {most} members in the last minute: try again in {wait} s",
                      retry_after=wait)


def names(ctx: Ctx, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(StoredApiKey.id, StoredApiKey.name).where(StoredApiKey.id.in_(ids))
    return {key_id: name for key_id, name in ctx.session.execute(query)}
