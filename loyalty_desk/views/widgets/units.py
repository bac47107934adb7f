"""What a program counts in, named in one place: points, or on a stamp card stamps.

A stamp is one point in the ledger (README, "Earning"), so every figure is the same number;
only the words and the card's picture (●●●○○○○○○○) differ. Every counter text that names the
unit asks here, so a points program reads exactly as before.
"""
from __future__ import annotations

from typing import Any

from ...domain.vocabulary import ProgramType
from ..i18n import plural, tr
from . import formatting as fmt

FILLED, EMPTY = "●", "○"
# A card with more spaces than this is shown as a count ("12 / 40"): a line of forty dots reads as none.
MOST_SPACES = 20


def is_stamps(program: Any) -> bool:
    """The program (a Program, or anything with its `program_type`) runs a stamp card."""
    return getattr(program, "program_type", None) == ProgramType.STAMPS


def word(program: Any, points: str, stamps: str) -> str:
    """One of two translated words: `tr("Points used")` or, on a stamp card, `tr("Stamps used")`."""
    return stamps if is_stamps(program) else points


def count(program: Any, n: int) -> str:
    """A number with its unit: "25 points", or "1 stamp", "3 stamps"."""
    if is_stamps(program):
        return plural(abs(n), tr("{n} stamp"), tr("{n} stamps")).format(n=fmt.points(n))
    return tr("{points} points").format(points=fmt.points(n))


def signed_count(program: Any, n: int) -> str:
    """A change with its sign and unit: "+25 points", "-1 stamp"."""
    if is_stamps(program):
        return plural(abs(n), tr("{n} stamp"), tr("{n} stamps")).format(n=fmt.signed_points(n))
    return tr("{points} points").format(points=fmt.signed_points(n))


def balance(program: Any, n: int) -> str:
    """A balance after a change: the bare number for points ("1,340"), "3 stamps" on a stamp card."""
    return count(program, n) if is_stamps(program) else fmt.points(n)


def stamp_card(held: int, size: int) -> str:
    """The card as it is stamped: ●●●○○○○○○○ for 3 of 10; stamps beyond a full card as "+2"."""
    if size > MOST_SPACES:
        return f"{fmt.points(held)} / {fmt.points(size)}"
    filled = max(0, min(held, size))
    card = FILLED * filled + EMPTY * (size - filled)
    return card + (f" +{fmt.points(held - size)}" if held > size else "")
