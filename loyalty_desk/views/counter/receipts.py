"""What the counter says after an action, and what its slip prints: one place for both.

Every figure comes from the rows the service returned and the member summary read
after the write, never from what the dialog believed before it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..i18n import tr
from ..widgets import formatting as fmt
from ..widgets import units


@dataclass(frozen=True)
class Receipt:
    """One counter transaction: the slip's heading, its time (the ledger's) and its lines."""

    kind: str  # "Sale", "Return", "Void", "Redemption", "Adjustment" (in the language chosen)
    when: dt.datetime
    lines: list[tuple[str, str]] = field(default_factory=list)


def _money(amount: Decimal | None, currency: str) -> str:
    return fmt.money(amount, currency) if amount is not None else ""


def balance_lines(summary: Any) -> list[tuple[str, str]]:
    """The balance, the points (or stamps) to the next reward, and what expires soon."""
    program = summary.program
    lines = [(tr("New balance"), units.balance(program, summary.member.current_points))]
    if summary.stamp_card_size:
        lines.append((tr("Card"), units.stamp_card(summary.member.current_points, summary.stamp_card_size)))
    if summary.next_reward_name is not None:
        lines.append((tr("To {reward}").format(reward=summary.next_reward_name),
                      units.count(program, summary.points_to_next_reward)))
    if summary.expiring_points:
        lines.append((tr("Expiring soon"), tr("{points} from {date}").format(points=fmt.points(summary.expiring_points),
                                                                             date=fmt.date(summary.expiring_on))))
    return lines


def sale(tx: Any, currency: str, program: Any = None, promotion: str | None = None) -> Receipt:
    """A sale's slip; `promotion`: the name of the promotion its points were earned under."""
    lines = [(tr("Amount"), _money(tx.amount, currency)), (tr("Order"), tx.reference_id or "")]
    if tx.status == "pending":
        lines.append((units.word(program, tr("Points pending"), tr("Stamps pending"), tr("Cash back pending")),
                      units.figure(program, tx.pending_points or 0)))
    else:
        lines.append((units.word(program, tr("Points"), tr("Stamps"), tr("Cash back")),
                      units.figure(program, tx.points_amount, signed=True)))
    if promotion:
        lines.append((tr("Promotion"), promotion))
    return Receipt(tr("Sale"), tx.created_at, lines)


def sale_message(tx: Any, replayed: bool, currency: str, balance: int, program: Any = None) -> str:
    if replayed:
        return tr("Already recorded at {when} ({amount}, order {order}), nothing added").format(
            when=fmt.date_time(tx.created_at), amount=_money(tx.amount, currency), order=tx.reference_id)
    if tx.status == "pending":
        return tr("{amount} → {earned} pending · balance {balance}").format(
            amount=_money(tx.amount, currency), earned=units.count(program, tx.pending_points or 0),
            balance=units.balance(program, balance))
    return tr("{amount} → {earned} · balance {balance}").format(
        amount=_money(tx.amount, currency), earned=units.signed_count(program, tx.points_amount),
        balance=units.balance(program, balance))


def discount(taken: Any, program: Any = None) -> Receipt:
    """Points taken as money off an order (redeem_points_for_discount); on cash back, money."""
    return Receipt(units.word(program, tr("Points used"), tr("Points used"), tr("Cash back used")),
                   taken.transaction.created_at, [
        (tr("Order"), taken.order_ref), (tr("Money off"), _money(taken.discount, taken.currency)),
        (units.word(program, tr("Points"), tr("Points"), tr("Cash back")),
         units.figure(program, -taken.points, signed=True))])


def discount_message(taken: Any, balance: int, program: Any = None) -> str:
    values = {"points": fmt.points(taken.points), "money": _money(taken.discount, taken.currency),
              "order": taken.order_ref, "balance": units.balance(program, balance)}
    if units.is_cash_back(program):      # the balance is money: no points to name
        if taken.replayed:
            return tr("Already used on order {order}: {money} off, nothing more taken").format(**values)
        return tr("{money} off order {order} · balance {balance}").format(**values)
    if taken.replayed:
        return tr("Already used on order {order}: {points} points = {money} off, nothing more taken").format(**values)
    return tr("{points} points = {money} off order {order} · balance {balance}").format(**values)


def is_void(tx: Any) -> bool:
    return bool(tx.source == "void")  # the service marks a void's return row by its source


def giving_back(tx: Any, order_ref: str, currency: str, program: Any = None) -> Receipt:
    """A return or a void."""
    kind = tr("Void") if is_void(tx) else tr("Return")
    lines = [(tr("Amount returned"), _money(tx.amount, currency)), (tr("Order"), order_ref),
             (units.word(program, tr("Points"), tr("Stamps"), tr("Cash back")),
              units.figure(program, tx.points_amount, signed=True))]
    if tx.shortfall_points:
        lines.append((tr("Already spent"), units.count(program, tx.shortfall_points)))
    return Receipt(kind, tx.created_at, lines)


def giving_back_message(tx: Any, order_ref: str, currency: str, balance: int, program: Any = None) -> str:
    void = is_void(tx)
    values = {"amount": _money(tx.amount, currency), "order": order_ref,
              "taken": units.signed_count(program, tx.points_amount), "balance": units.balance(program, balance)}
    if tx.points_amount == 0 and not tx.shortfall_points and not units.is_stamps(program):
        # The sale's points were still held (its return window): nothing had been credited to take back.
        # (On a stamp card, taking nothing is the usual partial return: it reads "0 stamps".)
        text = (tr("Void of {amount} on order {order}: its pending points were cancelled · balance {balance}") if void
                else tr("Return of {amount} on order {order}: its pending points were cancelled · balance {balance}"))
    else:
        text = (tr("Void of {amount} on order {order}: {taken} · balance {balance}") if void
                else tr("Return of {amount} on order {order}: {taken} · balance {balance}"))
    text = text.format(**values)
    if tx.shortfall_points:
        text += tr(". {spent} had already been spent and could not be taken back").format(
            spent=units.count(program, tx.shortfall_points))
    return text


def redemption(row: Any, program: Any = None) -> Receipt:
    return Receipt(tr("Redemption"), row.redemption_date, [
        (tr("Reward"), row.reward_name or ""),
        (units.word(program, tr("Points used"), tr("Stamps used"), tr("Cash back used")),
         units.figure(program, -row.points_redeemed, signed=True)),
        (tr("Code"), row.reward_code_generated)])


def adjustment(tx: Any, program: Any = None) -> Receipt:
    return Receipt(tr("Adjustment"), tx.created_at, [
        (units.word(program, tr("Points"), tr("Stamps"), tr("Cash back")),
         units.figure(program, tx.points_amount, signed=True)),
                                                     (tr("Reason"), tx.description or "")])
