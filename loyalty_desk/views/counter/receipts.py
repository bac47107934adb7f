"""What the counter says after an action, and what its slip prints: one place for both.

Every figure comes from the rows the service returned and the member summary read
after the write, never from what the dialog believed before it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..widgets import formatting as fmt


@dataclass(frozen=True)
class Receipt:
    """One counter transaction: the slip's heading, its time (the ledger's) and its lines."""

    kind: str  # "Sale", "Return", "Void", "Redemption", "Adjustment"
    when: dt.datetime
    lines: list[tuple[str, str]] = field(default_factory=list)


def _money(amount: Decimal | None, currency: str) -> str:
    return fmt.money(amount, currency) if amount is not None else ""


def balance_lines(summary: Any) -> list[tuple[str, str]]:
    """The balance, the points to the next reward, and what expires soon."""
    lines = [("New balance", fmt.points(summary.member.current_points))]
    if summary.next_reward_name is not None:
        lines.append((f"To {summary.next_reward_name}", f"{fmt.points(summary.points_to_next_reward)} points"))
    if summary.expiring_points:
        lines.append(("Expiring soon", f"{fmt.points(summary.expiring_points)} from {fmt.date(summary.expiring_on)}"))
    return lines


def sale(tx: Any, currency: str) -> Receipt:
    lines = [("Amount", _money(tx.amount, currency)), ("Order", tx.reference_id or "")]
    if tx.status == "pending":
        lines.append(("Points pending", fmt.points(tx.pending_points)))
    else:
        lines.append(("Points", fmt.signed_points(tx.points_amount)))
    return Receipt("Sale", tx.created_at, lines)


def sale_message(tx: Any, replayed: bool, currency: str, balance: int) -> str:
    if replayed:
        return (f"Already recorded at {fmt.date_time(tx.created_at)} ({_money(tx.amount, currency)}, "
                f"order {tx.reference_id}), nothing added")
    if tx.status == "pending":
        return (f"{_money(tx.amount, currency)} → {fmt.points(tx.pending_points)} points pending · "
                f"balance {fmt.points(balance)}")
    return (f"{_money(tx.amount, currency)} → {fmt.signed_points(tx.points_amount)} points · "
            f"balance {fmt.points(balance)}")


def is_void(tx: Any) -> bool:
    return bool(tx.source == "void")  # the service marks a void's return row by its source


def giving_back(tx: Any, order_ref: str, currency: str) -> Receipt:
    """A return or a void."""
    kind = "Void" if is_void(tx) else "Return"
    lines = [("Amount returned", _money(tx.amount, currency)), ("Order", order_ref),
             ("Points", fmt.signed_points(tx.points_amount))]
    if tx.shortfall_points:
        lines.append(("Already spent", f"{fmt.points(tx.shortfall_points)} points"))
    return Receipt(kind, tx.created_at, lines)


def giving_back_message(tx: Any, order_ref: str, currency: str, balance: int) -> str:
    kind = "Void" if is_void(tx) else "Return"
    text = (f"{kind} of {_money(tx.amount, currency)} on order {order_ref}: "
            f"{fmt.signed_points(tx.points_amount)} points · balance {fmt.points(balance)}")
    if tx.points_amount == 0 and not tx.shortfall_points:
        # The sale's points were still held (its return window): nothing had been credited to take back.
        text = (f"{kind} of {_money(tx.amount, currency)} on order {order_ref}: its pending points were cancelled"
                f" · balance {fmt.points(balance)}")
    if tx.shortfall_points:
        text += f". {fmt.points(tx.shortfall_points)} points had already been spent and could not be taken back"
    return text


def redemption(row: Any) -> Receipt:
    return Receipt("Redemption", row.redemption_date, [
        ("Reward", row.reward_name or ""), ("Points used", fmt.signed_points(-row.points_redeemed)),
        ("Code", row.reward_code_generated)])


def adjustment(tx: Any) -> Receipt:
    return Receipt("Adjustment", tx.created_at, [("Points", fmt.signed_points(tx.points_amount)),
                                                 ("Reason", tx.description or "")])
