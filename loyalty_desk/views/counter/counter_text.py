"""The counter's words: why a member cannot buy, how a search result reads, what a code is."""
from __future__ import annotations

from typing import Any

from ...services.codes import format_card_number, is_scan_code
from ..i18n import tr
from ..widgets import formatting as fmt


def blocked_reason(member: Any, program: Any) -> str | None:
    """Why this member cannot earn or redeem now (None: they can). A member the program's lapse
    rule made inactive can: their purchase or redemption makes them active again."""
    status = member.membership_status
    if status != "active" and not (status == "inactive" and member.lapsed_at is not None):
        sentences = {
            "inactive": tr("This membership is inactive: no purchases or redemptions until it is reactivated"),
            "suspended": tr("This membership is suspended: no purchases or redemptions until it is reactivated"),
            "expired": tr("This membership is expired: no purchases or redemptions until it is reactivated")}
        return sentences.get(status) or tr("This membership is {status}: no purchases or redemptions until it is "
                                           "reactivated").format(status=status)
    if program is not None and program.status != "active":
        return tr("The program {name} is inactive: no purchases or redemptions").format(name=program.program_name)
    return None


def no_discount_on_stamps() -> str:
    return tr("A stamp card's stamps are spent on rewards, not as money off")


def lapsed_note(member: Any) -> str:
    """What the panel says of a lapsed member (made inactive by the program's rule)."""
    return tr("Inactive since {date}, after a long spell without visits: a purchase or a redemption makes "
              "the membership active again").format(date=fmt.date(fmt.local_day(member.lapsed_at)))


def status_chip_text(status: str) -> str:
    """A membership status on the member's chip ("Suspended"); a status without a word of its own
    is shown as it is stored, capitalised."""
    words = {"inactive": tr("Inactive"), "suspended": tr("Suspended"), "expired": tr("Expired")}
    return words.get(status) or status.capitalize()


def mask_phone(phone: str | None) -> str:
    """Enough of the number to tell namesakes apart, not enough to read it out."""
    digits = [ch for ch in phone or "" if ch.isdigit()]
    return "••• " + "".join(digits[-4:]) if len(digits) >= 4 else ""


def result_text(member: Any, program_name: str) -> str:
    parts = [member.customer_name]
    if member.tier_name:
        parts.append(member.tier_name)
    if program_name:
        parts.append(program_name)
    phone = mask_phone(member.phone)
    if phone:
        parts.append(phone)
    parts.append(tr("card {number}").format(number=format_card_number(member.card_number)))
    parts.append(tr("{points} pts").format(points=fmt.points(member.current_points)))
    return " · ".join(parts)


def looks_like_code(text: str) -> bool:
    """A voucher or a card number typed into the lookup: handled as a scan would be."""
    return is_scan_code(text)


def next_tier_text(summary: Any) -> str:
    """"260 points to Gold", or in a hybrid program "€49.50 to Gold" (tiers reached by spend);
    empty at the top or without tiers."""
    if not summary.next_tier_name:
        return ""
    if summary.spend_to_next_tier is not None:
        return tr("{money} to {tier}").format(money=fmt.money(summary.spend_to_next_tier, summary.program.currency),
                                              tier=summary.next_tier_name)
    if summary.points_to_next_tier is None:
        return ""
    return tr("{points} points to {tier}").format(points=fmt.points(summary.points_to_next_tier),
                                                  tier=summary.next_tier_name)


def keep_tier_text(summary: Any) -> str:
    """"Keep your tier by 31/12/2027: 600 more points" when the next reset would move the member
    down (README, "Tier periods"); empty otherwise."""
    if summary.keep_tier_by is None:
        return ""
    if summary.keep_tier_spend is not None:
        need = fmt.money(summary.keep_tier_spend, summary.program.currency)
        return tr("Keep your tier by {date}: {money} more").format(date=fmt.date(summary.keep_tier_by), money=need)
    return tr("Keep your tier by {date}: {points} more points").format(date=fmt.date(summary.keep_tier_by),
                                                                       points=fmt.points(summary.keep_tier_points))
