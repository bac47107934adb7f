"""What a program counts in, named in one place: points, on a stamp card stamps, and on a cash
back card money.

A stamp is one point in the ledger (README, "Earning"), and a cash back point one cent (one minor
unit), so every figure is the same number; only the words, the card's picture (●●●○○○○○○○) and
the money differ. Every counter text that names the unit asks here, so a points program reads
exactly as before.
"""
from __future__ import annotations

from typing import Any

from ...domain.ledger_rules import discount_value
from ...domain.vocabulary import ProgramType
from ...services.earning import currency_places
from ..i18n import plural, tr
from . import formatting as fmt

FILLED, EMPTY = "●", "○"
# A card with more spaces than this is shown as a count ("12 / 40"): a line of forty dots reads as none.
MOST_SPACES = 20


def is_stamps(program: Any) -> bool:
    """The program (a Program, or anything with its `program_type`) runs a stamp card."""
    return getattr(program, "program_type", None) == ProgramType.STAMPS


def is_cash_back(program: Any) -> bool:
    return getattr(program, "program_type", None) == ProgramType.CASH_BACK


def money(program: Any, n: int) -> str:
    """A cash back balance or change of `n` points as the money it is (a point is one minor unit)."""
    places = currency_places(program.currency)
    return fmt.money(discount_value(n, 10 ** places, places), program.currency)


def word(program: Any, points: str, stamps: str, cash_back: str | None = None) -> str:
    """One of the translated words: `tr("Points used")`, on a stamp card `tr("Stamps used")`, and
    on a cash back card `cash_back` when given."""
    if cash_back is not None and is_cash_back(program):
        return cash_back
    return stamps if is_stamps(program) else points


def count(program: Any, n: int) -> str:
    """A number with its unit: "25 points", or "1 stamp", "3 stamps", or on cash back "$2.50"."""
    if is_cash_back(program):
        return money(program, n)
    if is_stamps(program):
        return plural(abs(n), tr("{n} stamp"), tr("{n} stamps")).format(n=fmt.points(n))
    return tr("{points} points").format(points=fmt.points(n))


def signed_count(program: Any, n: int) -> str:
    """A change with its sign and unit: "+25 points", "-1 stamp", "+$2.50"."""
    if is_cash_back(program):
        return ("+" if n > 0 else "-" if n < 0 else "") + money(program, abs(n))
    if is_stamps(program):
        return plural(abs(n), tr("{n} stamp"), tr("{n} stamps")).format(n=fmt.signed_points(n))
    return tr("{points} points").format(points=fmt.signed_points(n))


def figure(program: Any, n: int, *, signed: bool = False) -> str:
    """A bare figure beside a label that names the unit ("Points: +25", "Stamps: +1"); on cash
    back the money it is ("Cash back: +$2.50")."""
    if is_cash_back(program):
        return ("+" if signed and n > 0 else "-" if n < 0 else "") + money(program, abs(n))
    return fmt.signed_points(n) if signed else fmt.points(n)


def balance(program: Any, n: int) -> str:
    """A balance after a change: the bare number for points ("1,340"), "3 stamps" on a stamp card,
    "$13.40" on cash back."""
    return count(program, n) if is_stamps(program) or is_cash_back(program) else fmt.points(n)


def stamp_card(held: int, size: int) -> str:
    """The card as it is stamped: ●●●○○○○○○○ for 3 of 10; stamps beyond a full card as "+2"."""
    if size > MOST_SPACES:
        return f"{fmt.points(held)} / {fmt.points(size)}"
    filled = max(0, min(held, size))
    card = FILLED * filled + EMPTY * (size - filled)
    return card + (f" +{fmt.points(held - size)}" if held > size else "")
