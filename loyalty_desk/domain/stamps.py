"""Stamp cards (README, "Earning"): how big a member's card is.

A stamp is one point in the ledger, so the ledger's rules hold unchanged; what a stamp card
adds is only its size, the number of spaces printed and shown at the counter.
"""
from __future__ import annotations

from collections.abc import Iterable

# A program without an active reward yet still shows a card: the usual "10th coffee free".
DEFAULT_CARD_SIZE = 10


def card_size(active_reward_costs: Iterable[int]) -> int:
    """A full card buys the cheapest active reward: the card has as many spaces as it costs."""
    return min((cost for cost in active_reward_costs if cost > 0), default=DEFAULT_CARD_SIZE)
