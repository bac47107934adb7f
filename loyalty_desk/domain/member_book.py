"""One member's books: what appending a ledger row does to the balance, lifetime points and earn lots.

Pure Python. The service's posting path (services/ledger.py) and the demo's in-memory replay
(demo/book.py) both keep a member's books with these two functions, so the two cannot drift:
the service over rows it reads from the database, the demo over rows it holds in memory.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from .ledger_rules import lifetime_after, row_effect
from .vocabulary import TransactionStatus


class Posting(NamedTuple):
    """What one row does to a member's books, before anything is written.

    (A named tuple: the demo makes one for each of millions of rows, and a tuple is made fastest.)
    """

    balance: int                         # the row's points_balance_after; below zero, the row must be refused
    lifetime: int                        # lifetime points after the row
    completed: bool                      # the row moves points now (a pending or failed hold moves none)
    expiration_date: dt.datetime | None  # the row's expiration_date: only a completed credit's
    opens_lot: bool                      # a completed credit opens an earn lot of its points
    debit: int                           # points the row takes from open lots (0: none)


def posting(balance: int, lifetime: int, transaction_type: str, points: int, status: str, *, shortfall: int = 0,
            expires_at: dt.datetime | None = None, qualifying: int | None = None) -> Posting:
    """The member's books after appending a row of `points` (ledger rules 2 and 4)."""
    effect = row_effect(transaction_type, status, points, None, shortfall, qualifying)
    completed = status == TransactionStatus.COMPLETED
    credit = completed and points > 0
    return Posting(
        balance + effect.outstanding,
        # A row that qualifies for nothing leaves lifetime as it is (and saves a second look-up).
        lifetime_after(lifetime, transaction_type, points, shortfall, qualifying) if effect.qualifying else lifetime,
        completed,
        expires_at if credit else None,
        credit,
        -points if completed and points < 0 else 0,
    )


def consumption(lots: Sequence[tuple[int, int]], points: int, spend_first: Sequence[int] = (),
                spend_only: int | None = None) -> tuple[list[tuple[int, int]], int]:
    """Which open lots a debit of `points` takes from, and how much (ledger rule 4).

    `lots` are the open lots as (lot_id, points_remaining), oldest first (as they were opened).
    The oldest goes first, except that the lots named in `spend_first` go before all others, in
    that order (a return takes back the points of its own purchase first); with `spend_only`,
    only that lot is taken from (its expiry). Returns [(index into `lots`, points taken)] in the
    order taken, and the points no lot could give: anything but 0 means the balance and the lots
    disagree.
    """
    order: Sequence[int] = range(len(lots))
    if spend_only is not None:
        order = [i for i in order if lots[i][0] == spend_only]
    if spend_first:
        preferred = {lot_id: i for i, lot_id in enumerate(spend_first)}
        order = sorted(order, key=lambda i: preferred.get(lots[i][0], len(preferred)))   # stable: oldest first
    takes: list[tuple[int, int]] = []
    left = points
    for i in order:
        if not left:
            break
        take = min(left, lots[i][1])
        takes.append((i, take))
        left -= take
    return takes, left
