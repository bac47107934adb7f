"""One member's data: erase it, or merge a duplicate into the member kept (README, "A member's data").

Erasing removes what identifies the person and keeps the books: the ledger's points, amounts
and links stay, so balances and the shop's totals still explain themselves. Merging moves a
duplicate's points lot by lot with `member_merge` ledger rows that refer to the rows they
continue, so every point stays traceable and keeps its expiry date.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update

from ..domain import ledger_messages
from ..domain.ledger_messages import ERASED_NAME, ERASED_TEXT
from ..errors import NotEligible, ValidationError
from ..models import Member, MemberActivity, PointLot, PointsTransaction, Redemption, RetiredCard
from ..models.enums import ActivityType, MembershipStatus, TransactionStatus, TransactionType
from . import codes, outbox, unsubscribe
from .activity import log_activity
from .changes import record_change
from .ledger import lock_member, post
from .members import unused_card, unused_code
from .programs import get_program
from .settlement import settle_member
from .tiers import evaluate_tier
from .uow import Ctx
from .validation import as_text

# What erasure removes (the README's list); the card number and referral code are replaced too.
ERASED_FIELDS = ("customer_name", "email", "phone", "birthday", "customer_id", "member_metadata")
_SHORTEST_NAME_PART = 2


# --- erase ---------------------------------------------------------------------------------------


def erase(ctx: Ctx, member_id: int, reason: object) -> Member:
    """Remove the member's personal data everywhere it is written, and record who, when and why."""
    why = as_text(reason, "reason", max_len=500)
    assert why is not None
    if not why.strip():
        raise ValidationError("Say why the member's data is erased", field="reason")
    member = lock_member(ctx, member_id)
    if member.erased_at is not None:
        raise NotEligible(f"Member #{member.id}'s personal data was already erased")
    scrub = _scrubber(member)
    _scrub_history(ctx, member, scrub)
    old_card = member.card_number
    member.customer_name, member.name_key, member.surname_key = ERASED_NAME, "", ""
    member.email = member.phone = member.customer_id = None
    member.birthday = member.birthday_key = None
    member.member_metadata = {}
    # The referral code is made from the name: a new one, from no name.
    member.referral_code = unused_code(ctx, Member.referral_code, lambda: codes.new_referral_code(""))
    # The card stops working: a fresh number nobody holds; the old one is retired, so it is never
    # given again, and a scan of it finds nobody (members.retired_card skips erased members).
    member.card_number = unused_card(ctx)
    ctx.session.add(RetiredCard(user_id=member.user_id, member_id=member.id, card_number=old_card,
                                replaced_at=ctx.now))
    previous_status = member.membership_status
    member.membership_status = MembershipStatus.INACTIVE.value
    member.erased_at = ctx.now
    outbox.forget_member(ctx, member.id)
    unsubscribe.forget_member(ctx, member.id)
    why = scrub(why)
    log_activity(ctx, member, ActivityType.MEMBER_UPDATED, ledger_messages.erased_activity(why), erased=True,
                 previous_status=previous_status)
    record_change(ctx, "member", member.id, "erased", ERASED_FIELDS, note=why)
    ctx.session.flush()
    return member


def _scrubber(member: Member) -> Any:
    """A function that blanks the member's personal data out of a text: the whole name and each
    of its words, email, phone, customer id, birthday and the metadata's text values."""
    whole = [v for v in (member.customer_name, member.email, member.phone, member.customer_id,
                         member.birthday.isoformat() if member.birthday else None) if v]
    whole += [v for v in _strings(member.member_metadata) if len(v) >= _SHORTEST_NAME_PART]
    words = [w for w in re.split(r"\W+", member.customer_name) if len(w) >= _SHORTEST_NAME_PART]
    # Whole values and words alike are matched where they stand alone: "no" is blanked, not "now".
    parts = sorted({rf"(?<!\w){re.escape(v)}(?!\w)" for v in [*whole, *words]}, key=len, reverse=True)
    pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def scrub(text: str) -> str:
        return pattern.sub(ERASED_TEXT, text) if pattern is not None and text else text
    return scrub


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _scrubbed_json(value: Any, scrub: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrubbed_json(item, scrub) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed_json(item, scrub) for item in value]
    return value


def _scrub_history(ctx: Ctx, member: Member, scrub: Any) -> None:
    """Blank the member's data out of every text that may quote it: the member's own ledger and
    activity rows and redemptions, and the referrer's rows that name the member they referred.
    The one change erasure makes to ledger rows: their description text (never points, amounts,
    references or links)."""
    # By the exactly-once key (program, reference): an index lookup, where the shop alone scanned
    # the whole ledger (9 s at 100k members).
    referral_rows = select(PointsTransaction).where(
        PointsTransaction.user_id == ctx.user_id, PointsTransaction.program_id == member.program_id,
        PointsTransaction.reference_type == "referral", PointsTransaction.reference_id == str(member.id))
    own_rows = select(PointsTransaction).where(PointsTransaction.member_id == member.id)
    for rows in (own_rows, referral_rows):
        for tx in ctx.session.scalars(rows):
            tx.description = scrub(tx.description)
    activity = list(ctx.session.scalars(select(MemberActivity).where(MemberActivity.member_id == member.id)))
    if member.referred_by is not None:
        activity += [a for a in ctx.session.scalars(select(MemberActivity).where(
            MemberActivity.member_id == member.referred_by,
            MemberActivity.activity_type == ActivityType.REFERRAL_MADE.value))
            if (a.activity_metadata or {}).get("referred_member_id") == member.id]
    for row in activity:
        row.activity_description = scrub(row.activity_description)
        metadata = dict(row.activity_metadata or {})
        if isinstance(metadata.get("changes"), dict):
            # An edit's new values: every one of them was the member's data.
            metadata["changes"] = {key: ERASED_TEXT for key in metadata["changes"]}
        row.activity_metadata = _scrubbed_json(metadata, scrub)
    for redemption in ctx.session.scalars(select(Redemption).where(Redemption.member_id == member.id)):
        redemption.shipping_address = None
        if redemption.redemption_notes:
            redemption.redemption_notes = scrub(redemption.redemption_notes)


# --- merge ---------------------------------------------------------------------------------------


def merge(ctx: Ctx, keep_id: int, merge_id: int) -> Member:
    """Merge member `merge_id` into `keep_id` (same program): points lot by lot with their expiry
    dates, lifetime points, spending and redemptions; the merged member is left inactive, pointing
    to the kept one. Returns the kept member."""
    if keep_id == merge_id:
        raise ValidationError("A member cannot be merged into itself", field="merge_id")
    # Lock in id order, as two merges of the same pair from two registers would.
    first, second = sorted((keep_id, merge_id))
    locked = {first: lock_member(ctx, first), second: lock_member(ctx, second)}
    keep, gone = locked[keep_id], locked[merge_id]
    if keep.program_id != gone.program_id:
        raise ValidationError("Only members of the same program can be merged", field="merge_id")
    for member, field in ((keep, "keep_id"), (gone, "merge_id")):
        if member.merged_into_id is not None:
            raise NotEligible(f"Member #{member.id} was already merged into member #{member.merged_into_id}",
                              field=field)
        if member.erased_at is not None:
            raise NotEligible(f"Member #{member.id}'s data was erased; it cannot be merged", field=field)
    program = get_program(ctx, keep.program_id)
    settle_member(ctx, gone, program)
    settle_member(ctx, keep, program)
    held = ctx.session.scalar(select(PointsTransaction.id).where(
        PointsTransaction.member_id == gone.id, PointsTransaction.status == TransactionStatus.PENDING.value).limit(1))
    if held is not None:
        raise NotEligible(f"Member #{gone.id} has points on hold for a return window; merge them once "
                          "they are released", field="merge_id")
    _move_points(ctx, keep, gone)
    keep.total_spent += gone.total_spent
    keep.redemption_count += gone.redemption_count
    # The duplicate's visits are the kept member's too (unknown if either was not counted yet).
    both = (keep.visit_count, gone.visit_count)
    keep.visit_count = None if None in both else sum(n for n in both if n is not None)
    gone.total_spent, gone.redemption_count, gone.visit_count = Decimal(0), 0, 0
    ctx.session.execute(update(Redemption).where(Redemption.member_id == gone.id).values(member_id=keep.id)
                        .execution_options(synchronize_session=False))
    keep.last_activity_date = max(keep.last_activity_date, gone.last_activity_date)
    previous_status = gone.membership_status
    gone.membership_status = MembershipStatus.INACTIVE.value
    gone.merged_into_id = keep.id
    evaluate_tier(ctx, keep, program, allow_demotion=False)
    evaluate_tier(ctx, gone, program, allow_demotion=True)
    log_activity(ctx, gone, ActivityType.STATUS_CHANGED, ledger_messages.merged_out_text(keep.id),
                 previous=previous_status, new=gone.membership_status, merged_into_id=keep.id)
    log_activity(ctx, keep, ActivityType.MEMBER_UPDATED, ledger_messages.merged_in_text(gone.id),
                 merged_member_id=gone.id)
    record_change(ctx, "member", keep.id, "merged", ("merged_member_id",), note=f"#{gone.id} into #{keep.id}")
    ctx.session.flush()
    return keep


def _move_points(ctx: Ctx, keep: Member, gone: Member) -> None:
    """The merge's ledger rows: a pair carrying the lifetime points (and nothing spendable), then for
    each open lot of the merged member a debit of exactly that lot and a credit to the kept member
    with the lot's expiry date, each row referring to the one it continues."""
    kind = TransactionType.MEMBER_MERGE
    out_text, in_text = ledger_messages.merged_out_text(keep.id), ledger_messages.merged_in_text(gone.id)
    lifetime = gone.lifetime_points
    out = post(ctx, gone, kind, 0, source="merge", description=out_text, reference=("merge", str(gone.id)),
               qualifying=-lifetime)
    post(ctx, keep, kind, 0, source="merge", description=in_text, reference=("merge_in", str(gone.id)),
         related_id=out.id, qualifying=lifetime)
    lots = [(lot.lot_id, lot.points_remaining, lot.expires_at) for lot in ctx.session.scalars(
        select(PointLot).where(PointLot.member_id == gone.id, PointLot.points_remaining > 0)
        .order_by(PointLot.lot_id))]
    for lot_id, points, expires_at in lots:
        debit = post(ctx, gone, kind, -points, source="merge", description=out_text,
                     reference=("merge_lot", str(lot_id)), related_id=lot_id, spend_only=lot_id)
        post(ctx, keep, kind, points, source="merge", description=in_text, reference=("merge_lot_in", str(lot_id)),
             related_id=debit.id, expires_at=expires_at)
