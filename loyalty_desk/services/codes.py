"""Member card numbers, referral codes and reward codes.

Card numbers use 32 symbols with no look-alikes (no 0/O, no 1/I) and end in a
Luhn mod 32 check character, which catches every single mistyped character
and most swaps of neighbours.
"""
from __future__ import annotations

import re
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
assert len(ALPHABET) == 32  # _random_symbols relies on it
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
CARD_BODY_LENGTH = 9
CARD_LENGTH = CARD_BODY_LENGTH + 1
_SEPARATORS = re.compile(r"[\s\-_.]")
# A card's shape: its length in the alphabet's symbols, with a digit among them (one regex: the
# counter asks it of every lookup).
_CARD_SYMBOLS = re.compile(f"[{ALPHABET}]{{{CARD_LENGTH}}}")
_CARD_SHAPE = re.compile(f"(?=.*[0-9]){_CARD_SYMBOLS.pattern}")


def _random_symbols(count: int) -> str:
    """`count` symbols from the OS's secure random source, in one read of it.

    The alphabet has 32 symbols and 256 is a multiple of 32, so the low five bits of each
    random byte pick a symbol with no bias (secrets.choice would read the source per symbol).
    """
    return "".join(ALPHABET[byte & 31] for byte in secrets.token_bytes(count))


def _luhn_check_symbol(body: str) -> str:
    n = len(ALPHABET)
    total = 0
    factor = 2
    for ch in reversed(body):
        addend = factor * _INDEX[ch]
        addend = addend // n + addend % n
        total += addend
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def new_card_number() -> str:
    """A fresh card number: 9 random symbols (45 bits) plus the check symbol."""
    while True:
        body = _random_symbols(CARD_BODY_LENGTH)
        # At least one digit, so a card number is never mistaken for a name.
        if any(ch.isdigit() for ch in body):
            return body + _luhn_check_symbol(body)


def normalize_card_text(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def looks_like_card_number(text: str) -> bool:
    """Shaped like a card number (length, symbols, a digit), whatever its check symbol."""
    return _CARD_SHAPE.fullmatch(normalize_card_text(text)) is not None


def is_valid_card_number(text: str) -> bool:
    s = normalize_card_text(text)
    return _CARD_SYMBOLS.fullmatch(s) is not None and _luhn_check_symbol(s[:-1]) == s[-1]


def format_card_number(card: str) -> str:
    """For print and screen: two groups of five, easy to read out."""
    return f"{card[:5]} {card[5:]}"


def new_referral_code(name: str) -> str:
    """Shareable and readable: up to four letters of the name, a dash, five random symbols."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    letters = "".join(ch for ch in ascii_name if ch.isalpha())[:4] or "MBR"
    return f"{letters}-" + _random_symbols(5)


def new_reward_code() -> str:
    """60 random bits, grouped for reading: RW-XXXX-XXXX-XXXX."""
    raw = _random_symbols(12)
    return f"RW-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


REWARD_PREFIX = "RW"
REWARD_BODY_LENGTH = 12


def is_scan_code(text: str) -> bool:
    """What a scanner sends: a voucher code however typed, or a card number whose check symbol is right.
    (A phone number can be shaped like a card number; its check symbol is what tells them apart.)"""
    return parse_reward_code(text) is not None or is_valid_card_number(text)


def parse_reward_code(text: str) -> str | None:
    """A reward code as stored (`RW-XXXX-XXXX-XXXX`), from whatever a scanner or a person typed:
    any case, with or without the dashes, with spaces. None when the text is not shaped like one."""
    s = normalize_card_text(text)
    body = s[len(REWARD_PREFIX):]
    if not s.startswith(REWARD_PREFIX) or len(body) != REWARD_BODY_LENGTH or any(ch not in _INDEX for ch in body):
        return None
    return f"{REWARD_PREFIX}-{body[:4]}-{body[4:8]}-{body[8:]}"
