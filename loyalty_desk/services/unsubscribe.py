"""One-click unsubscribe links (RFC 8058; README, "Messages").

Random tokens stored hashed, not an HMAC of the member's id: an HMAC needs a long-lived secret
kept in the database anyway (whoever copies the database could then make links for anyone), and
changing that secret would break every link already sent at once. A random token (128 bits from
`secrets`) needs no secret; only its SHA-256 is kept, so a copy or a backup of the database holds
no working link (a fast hash is enough for 2^128 values, as for the API's keys), finding it is one
indexed lookup, and erasing the member deletes their links. A fresh token is made each time a
message is rendered for sending: every link a member was sent works.
"""
from __future__ import annotations

import hashlib
import re
import secrets

from sqlalchemy import delete

from ..errors import NotFound
from ..models import Member, Shop, UnsubscribeToken
from . import dto
from .members import update_member
from .uow import Ctx

TOKEN_BYTES = 16
PATH = "/unsubscribe/"
INVALID = "This unsubscribe link is not valid (it may be incomplete: copy the whole link from the email)"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}", re.ASCII)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(ctx: Ctx, member_id: int, base_url: str) -> str:
    """A new link that opts `member_id` out: `base_url`/unsubscribe/<token>."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    ctx.session.add(UnsubscribeToken(token_hash=_hash(token), user_id=ctx.user_id, member_id=member_id,
                                     created_at=ctx.now))
    return f"{base_url}{PATH}{token}"


def _found(ctx: Ctx, token: object) -> UnsubscribeToken:
    row = None
    if isinstance(token, str) and _TOKEN.fullmatch(token):
        row = ctx.session.get(UnsubscribeToken, _hash(token))
    if row is None or (ctx.user_id and row.user_id != ctx.user_id):
        raise NotFound(INVALID, field="token")
    return row


def shop_of(ctx: Ctx, token: object) -> str:
    """The shop a link belongs to (read with any shop's context: the link is the credential)."""
    return _found(ctx, token).user_id


def _member(ctx: Ctx, row: UnsubscribeToken) -> Member:
    """The link's member, or the member they were merged into (who now gets their emails)."""
    member = ctx.session.get(Member, row.member_id)
    if member is not None and member.merged_into_id is not None:
        member = ctx.session.get(Member, member.merged_into_id) or member
    if member is None or member.user_id != row.user_id:
        raise NotFound(INVALID, field="token")
    return member


def _page(ctx: Ctx, member: Member) -> dto.UnsubscribePage:
    shop = ctx.session.get(Shop, ctx.user_id)
    return dto.UnsubscribePage(shop_name=shop.shop_name if shop else "", opted_out=member.email_opt_out)


def page(ctx: Ctx, token: object) -> dto.UnsubscribePage:
    """What the link's confirmation page says: the shop, and whether the member is out already."""
    return _page(ctx, _member(ctx, _found(ctx, token)))


def opt_out(ctx: Ctx, token: object) -> dto.UnsubscribePage:
    """The member opts out of every email (their messages not yet sent are dropped)."""
    member = _member(ctx, _found(ctx, token))
    if not member.email_opt_out:
        member = update_member(ctx, member.id, {"email_opt_out": True})
    return _page(ctx, member)


def forget_member(ctx: Ctx, member_id: int) -> None:
    """An erasure: the member's links stop working."""
    ctx.session.execute(delete(UnsubscribeToken).where(UnsubscribeToken.member_id == member_id)
                        .execution_options(synchronize_session=False))

