"""The outbox seen from the back office and from the sender (README, "Messages").

Messages are rendered when they are sent, not when they are queued: the event's facts (the
points given, the tier left, the expiry date, the reward) are kept in the outbox row as they
were, and the member's standing (balance, tier, next tier) and details are read at sending.
So the counter's transaction only adds a small row; a member who corrects their name or email,
or opts out, before the message goes is written to as they are now; an owner who fixes a
template fixes the messages still waiting; and no copy of a member's details sits in the
outbox before it is needed.

Sending is at least once: a sender claims a few due messages (`claim_due`), sends them, and
records each outcome (`record_outcome`). A sender that dies between the server's "accepted"
and the record leaves its claim behind; the next sender takes the message again (at once when
the dead one ran on this computer, after the claim's lease otherwise), so the message may go
twice, never zero times. Its Message-ID is the same on every try.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any

from sqlalchemy import or_, select

from ..domain.messages import MAX_ATTEMPTS, retry_delay
from ..errors import NotEligible, ValidationError
from ..models import Member, MessageTemplate, OutboxMessage, Program, Shop
from ..models.enums import MessageKind, MessageStatus
from . import dto, message_templates, unsubscribe
from .message_templates import Text
from .outbox import may_receive
from .tiers import outlook, period_of, program_tier_rows
from .uow import Ctx
from .validation import as_enum, as_text

LEASE = dt.timedelta(minutes=10)    # how long a claim keeps other senders (of other computers) off
FOOTER = "\n--\nTo stop receiving these emails, reply STOP to this message."
LINK_FOOTER = "\n--\nTo stop receiving these emails, open this link: {link}"
ONE_CLICK = "List-Unsubscribe=One-Click"     # RFC 8058's List-Unsubscribe-Post
OUTCOMES = ("sent", "retry", "failed", "released")


# --- templates ------------------------------------------------------------------------------


def _saved(ctx: Ctx, kind: MessageKind) -> MessageTemplate | None:
    return ctx.session.scalar(select(MessageTemplate).where(MessageTemplate.user_id == ctx.user_id,
                                                            MessageTemplate.kind == kind.value))


def _text_of(saved: MessageTemplate | None, kind: MessageKind) -> Text:
    return Text(saved.subject, saved.body_text, saved.body_html) if saved else message_templates.DEFAULTS[kind]


def template_list(ctx: Ctx) -> list[dto.MessageText]:
    saved = {t.kind: t for t in ctx.session.scalars(select(MessageTemplate).where(
        MessageTemplate.user_id == ctx.user_id))}
    return [_text_dto(kind, saved.get(kind.value)) for kind in MessageKind]


def _text_dto(kind: MessageKind, saved: MessageTemplate | None) -> dto.MessageText:
    text = _text_of(saved, kind)
    return dto.MessageText(kind.value, text.subject, text.body_text, text.body_html, saved is not None,
                           saved.updated_at if saved else None, dict(message_templates.VARIABLES))


def as_message_kind(kind: object) -> MessageKind:
    return as_enum(kind, MessageKind, "kind")


def checked_text(kind: object, subject: object, body_text: object, body_html: object) -> tuple[MessageKind, Text]:
    """A template as typed, checked before any database work (ValidationError naming the line)."""
    which = as_message_kind(kind)
    checked = Text(message_templates.check("subject", subject) or "",
                   message_templates.check("body_text", body_text) or "",
                   message_templates.check("body_html", body_html, required=False))
    return which, checked


def save_template(ctx: Ctx, kind: MessageKind, text: Text) -> dto.MessageText:
    default = message_templates.DEFAULTS[kind]
    if text.body_html == default.body_html and text.body_text != default.body_text:
        # The owner reworded the text and left the default's HTML as it came: the HTML follows
        # the new text, or mail programs that show HTML would still say the default's words.
        text = message_templates.with_html(Text(text.subject, text.body_text, None))
    saved = _saved(ctx, kind)
    if saved is None:
        saved = MessageTemplate(user_id=ctx.user_id, kind=kind.value)
        ctx.session.add(saved)
    saved.subject, saved.body_text, saved.body_html, saved.updated_at = (text.subject, text.body_text,
                                                                         text.body_html, ctx.now)
    ctx.session.flush()
    return _text_dto(kind, saved)


# --- rendering ------------------------------------------------------------------------------


class _Renderer:
    """Renders outbox rows of one shop, reading each program's tiers and each template once."""

    def __init__(self, ctx: Ctx, override: Text | None = None) -> None:
        self.ctx = ctx
        self.shop = ctx.session.get(Shop, ctx.user_id)
        self.override = override
        self.templates: dict[str, Text] = {}
        self.tiers: dict[int, list[Any]] = {}

    def standing(self, member: Member, program: Program) -> dict[str, Any]:
        tiers = self.tiers.get(program.id)
        if tiers is None:
            tiers = self.tiers[program.id] = program_tier_rows(self.ctx, program.id)
        current = next((t for t in tiers if t.id == member.current_tier_id), None)
        ahead = outlook(self.ctx, member, program, tiers)
        # A hybrid program's tiers are reached by spend, which the points templates do not speak of.
        upcoming = None if period_of(program).on_spend else ahead.next_tier
        return {"balance": member.current_points, "tier": current.tier_name if current else "",
                "next_tier": upcoming.tier_name if upcoming else "",
                "points_to_next_tier": int(ahead.to_next or 0) if upcoming else 0}

    def text(self, kind: MessageKind) -> Text:
        if self.override is not None:
            return self.override
        if kind.value not in self.templates:
            self.templates[kind.value] = _text_of(_saved(self.ctx, kind), kind)
        return self.templates[kind.value]

    def render(self, kind: MessageKind, member: Member, program: Program, facts: dict[str, Any]) -> Text:
        shop = self.shop
        values = message_templates.values(
            name=member.customer_name, card_number=member.card_number, shop_name=shop.shop_name if shop else "",
            shop_address=shop.address if shop else "", program_name=program.program_name,
            locale=shop.locale if shop else None, standing=self.standing(member, program), facts=facts)
        return message_templates.render(self.text(kind), values)

    def outgoing(self, row: OutboxMessage, member: Member, program: Program, *,
                 recipient: str | None = None, link: str | None = None) -> dto.OutgoingMessage:
        """The email of `row`; with `link` (a one-click unsubscribe link), its footer and its
        List-Unsubscribe header name the link, else "reply STOP"."""
        text = self.render(MessageKind(row.kind), member, program, row.facts)
        sender = (self.shop.smtp_from if self.shop else None) or ""
        reply_to = self.shop.smtp_reply_to if self.shop else None
        stop = f"<mailto:{reply_to or sender}?subject=STOP>"
        footer = LINK_FOOTER.format(link=link) if link else FOOTER
        return dto.OutgoingMessage(
            id=row.id, user_id=row.user_id, kind=row.kind, recipient=recipient or member.email or "",
            subject=text.subject,
            body_text=text.body_text.rstrip("\n") + "\n" + footer + "\n",
            body_html=_with_html_footer(text.body_html, link),
            message_id=message_id(row, sender), sender=sender, reply_to=reply_to,
            list_unsubscribe=f"<{link}>, {stop}" if link else stop, attempts=row.attempts,
            list_unsubscribe_post=ONE_CLICK if link else None)

    def link(self, member: Member) -> str | None:
        """A new one-click unsubscribe link for `member`, when the shop says where its HTTP API is."""
        base = self.shop.unsubscribe_base_url if self.shop else None
        return unsubscribe.new_link(self.ctx, member.id, base) if base else None


def _with_html_footer(html: str | None, link: str | None) -> str | None:
    if html is None:
        return None
    how = (f"<a href=\"{escape(link)}\">unsubscribe with one click</a>" if link
           else "reply STOP to this message")
    footer = f"<p style=\"font-size:small;color:#666\">To stop receiving these emails, {how}.</p>"
    return html.replace("</body>", footer + "</body>") if "</body>" in html else html + footer


def message_id(row: OutboxMessage, sender: str) -> str:
    """The same on every try of one outbox row, and unique to it: the shop, the row and when it
    was queued (a restored backup reusing ids gives other ones)."""
    domain = sender.rpartition("@")[2] or "loyalty-desk.invalid"
    shop = hashlib.sha256(row.user_id.encode()).hexdigest()[:10]
    return f"<outbox.{row.id}.{row.created_at:%Y%m%d%H%M%S}.{shop}@{domain}>"


def preview(ctx: Ctx, kind: MessageKind, member_id: int, override: Text | None) -> dto.OutgoingMessage:
    """A message of this kind for a real member, with sample facts, as it would go now."""
    member = ctx.owned(Member, member_id, "member")
    program = ctx.owned(Program, member.program_id, "program")
    row = OutboxMessage(id=0, user_id=ctx.user_id, kind=kind.value, facts=message_templates.SAMPLE_FACTS,
                        created_at=ctx.now, attempts=0)
    renderer = _Renderer(ctx, override)
    base = renderer.shop.unsubscribe_base_url if renderer.shop else None
    link = f"{base}{unsubscribe.PATH}(a link of the member's own, made when sent)" if base else None
    return renderer.outgoing(row, member, program, recipient=member.email or "(no email address)", link=link)


# --- the outbox view ----------------------------------------------------------------------


def outbox_list(ctx: Ctx, status: object, limit: int) -> list[dto.OutboxMessage]:
    wanted = None if status is None else as_enum(status, MessageStatus, "status")
    query = select(OutboxMessage, Member, Program).join(Member, Member.id == OutboxMessage.member_id) \
        .join(Program, Program.id == OutboxMessage.program_id).where(OutboxMessage.user_id == ctx.user_id)
    if wanted is not None:
        query = query.where(OutboxMessage.status == wanted.value)
    renderer = _Renderer(ctx)
    return [_outbox_dto(renderer, row, member, program)
            for row, member, program in ctx.session.execute(query.order_by(OutboxMessage.id.desc()).limit(limit))]


def _outbox_dto(renderer: _Renderer, row: OutboxMessage, member: Member, program: Program) -> dto.OutboxMessage:
    """A row as the outbox view shows it: a pending one with the address and subject it would go with now."""
    extra: dict[str, Any] = {}
    if row.status == MessageStatus.PENDING and may_receive(member, MessageKind(row.kind)) is None:
        extra = {"recipient": member.email,
                 "subject": renderer.render(MessageKind(row.kind), member, program, row.facts).subject}
    return replace(dto.to_dto(dto.OutboxMessage, row), **extra)


def retry(ctx: Ctx, message_id_: int) -> dto.OutboxMessage:
    """A failed message back in the queue, due now, its tries counted afresh."""
    row = ctx.owned(OutboxMessage, message_id_, "message")
    if row.status != MessageStatus.FAILED:
        raise NotEligible(f"Only a failed message can be sent again; message #{row.id} is {row.status}")
    row.status, row.next_attempt_at, row.attempts = MessageStatus.PENDING.value, ctx.now, 0
    row.claimed_by = row.claimed_until = row.sent_at = None
    ctx.session.flush()
    member = ctx.session.get(Member, row.member_id)
    program = ctx.session.get(Program, row.program_id)
    assert member is not None and program is not None
    return _outbox_dto(_Renderer(ctx), row, member, program)


# --- the sender's side ------------------------------------------------------------------------


def claim_due(ctx: Ctx, claimer: str, limit: int, gone: Callable[[str], bool] | None) -> list[dto.OutgoingMessage]:
    """Take up to `limit` due messages for `claimer` and render them. A message claimed by a
    sender whose lease ran out, or that `gone` says has died, is due again. A message its member
    may no longer receive (opted out, no email, no consent) is marked failed with the reason."""
    claimer_text = as_text(claimer, "claimer", max_len=80)
    assert claimer_text is not None
    base = (OutboxMessage.user_id == ctx.user_id, OutboxMessage.status == MessageStatus.PENDING.value,
            OutboxMessage.next_attempt_at <= ctx.now)
    held = set(ctx.session.scalars(select(OutboxMessage.claimed_by).where(
        *base, OutboxMessage.claimed_until >= ctx.now).distinct()))
    dead = [c for c in held if c is not None and gone is not None and gone(c)]
    free = or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < ctx.now,
               OutboxMessage.claimed_by.in_(dead))
    rows = list(ctx.session.scalars(select(OutboxMessage).where(*base, free).order_by(
        OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)))
    renderer = _Renderer(ctx)
    taken = []
    for row in rows:
        member = ctx.session.get(Member, row.member_id)
        program = ctx.session.get(Program, row.program_id)
        assert member is not None and program is not None
        reason = may_receive(member, MessageKind(row.kind))
        if reason is not None:
            _finish(ctx, row, MessageStatus.FAILED, f"Not sent: {reason}")
            continue
        row.claimed_by, row.claimed_until = claimer_text, ctx.now + LEASE
        taken.append(renderer.outgoing(row, member, program, link=renderer.link(member)))
    ctx.session.flush()
    return taken


def record_outcome(ctx: Ctx, message_id_: int, claimer: str, outcome: str, error: str | None,
                   recipient: str | None, subject: str | None) -> str | None:
    """What became of a claimed message: "sent", "retry" (a temporary failure: tried again after a
    wait, failed after MAX_ATTEMPTS tries), "failed" (refused for good) or "released" (not tried).
    Returns the message's status now ("pending", "sent" or "failed": a retry may have given up);
    None when the claim is no longer this sender's (another took it over): nothing changes."""
    if outcome not in OUTCOMES:
        raise ValidationError(f"The outcome must be one of {', '.join(OUTCOMES)}", field="outcome")
    row = ctx.session.scalar(select(OutboxMessage).where(
        OutboxMessage.id == message_id_, OutboxMessage.user_id == ctx.user_id).with_for_update())
    if row is None or row.claimed_by != claimer or row.status != MessageStatus.PENDING:
        return None
    error_text = (error or "")[:2000] or None
    if outcome == "released":
        row.claimed_by = row.claimed_until = None
    elif outcome == "sent":
        row.attempts += 1
        row.recipient, row.subject, row.last_error = recipient, (subject or "")[:300], None
        _finish(ctx, row, MessageStatus.SENT, None)
    elif outcome == "failed" or row.attempts + 1 >= MAX_ATTEMPTS:
        row.attempts += 1
        row.recipient, row.subject = recipient, (subject or "")[:300]
        _finish(ctx, row, MessageStatus.FAILED, error_text if outcome == "failed"
                else f"Gave up after {row.attempts} tries: {error_text}")
    else:
        row.attempts += 1
        row.last_error = error_text
        row.next_attempt_at = ctx.now + retry_delay(row.attempts)
        row.claimed_by = row.claimed_until = None
    ctx.session.flush()
    return str(row.status)


def _finish(ctx: Ctx, row: OutboxMessage, status: MessageStatus, error: str | None) -> None:
    row.status, row.last_error, row.sent_at = status.value, error, ctx.now
    row.claimed_by = row.claimed_until = None


def shops_with_mail(ctx: Ctx) -> list[str]:
    """The shops that have a mail server set, and so something to send through."""
    return list(ctx.session.scalars(select(Shop.user_id).where(Shop.smtp_host.is_not(None)).order_by(Shop.user_id)))

