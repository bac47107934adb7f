"""Normalising what people type: names, emails, phone numbers.

`phonenumbers` and `email_validator` are imported by the functions that use them: together about
50 ms, which the desktop's start-up does not need to pay (the first number or address read does).
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import ValidationError
from .validation import check_clean

_SPACES = re.compile(r"\s+")
# The largest code point: a prefix range [key, key + TOP) holds every string starting with key.
PREFIX_TOP = "\U0010ffff"


def clean_name(name: object) -> str:
    if not isinstance(name, str):
        raise ValidationError("The name must be text", field="customer_name")
    cleaned = check_clean(_SPACES.sub(" ", name).strip(), "customer_name")
    if not cleaned:
        raise ValidationError("Enter the member's name", field="customer_name")
    if len(cleaned) > 200:
        raise ValidationError("The name is longer than 200 characters", field="customer_name")
    return cleaned


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zoë  Müller' -> 'zoe muller'."""
    if text.isascii():      # most of what the counter types: nothing to decompose
        return _SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def name_keys(name: str) -> tuple[str, str]:
    """The folded full name, and the folded last word (so 'smi' finds 'John Smith')."""
    key = fold(name)
    return key, key.rsplit(" ", 1)[-1]


def normalize_email(email: object) -> str | None:
    if email is None or (isinstance(email, str) and not email.strip()):
        return None
    if not isinstance(email, str):
        raise ValidationError("The email must be text", field="email")
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(f"That email address is not valid: {exc}", field="email") from exc
    return result.normalized.lower()


def normalize_phone(phone: object, region: str) -> str | None:
    """E.164, read in the shop's region when no country code is typed."""
    if phone is None or (isinstance(phone, str) and not phone.strip()):
        return None
    if not isinstance(phone, str):
        raise ValidationError("The phone number must be text", field="phone")
    import phonenumbers

    from .typed_phone import fast_number

    # The shapes people type most, read without phonenumbers.parse (half the cost: an import of
    # many members, the demo's build); the rest, and every check, by phonenumbers.
    parsed = fast_number(phone, region)
    if parsed is None:
        try:
            parsed = phonenumbers.parse(phone, region)
        except phonenumbers.NumberParseException as exc:
            raise ValidationError("That phone number could not be read", field="phone") from exc
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        raise ValidationError("That phone number is not valid", field="phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_candidate(text: str, region: str) -> str | None:
    """The E.164 form of a lookup query that looks like a phone number, else None.

    Not checked for validity (that is half the cost of the counter's find by phone): every stored
    number was valid when it was stored, so an invalid one typed here simply matches nobody."""
    from .typed_phone import fast_e164  # loads phonenumbers' metadata: not at start-up

    fast = fast_e164(text, region)     # the shapes cashiers type, read without phonenumbers.parse
    if fast is not None:
        return fast
    if any(map(str.isalpha, text)) or sum(map(str.isdigit, text)) < 6:
        return None
    import phonenumbers

    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str | None, region: str) -> str:
    """A stored number as people read it: the national format when it is of the shop's region
    ("06 12 34 56 78" in a French shop), the international one otherwise ("+33 6 12 34 56 78")."""
    if not e164:
        return ""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164  # not E.164 (an old row): shown as stored rather than hidden
    national = phonenumbers.region_code_for_number(parsed) == region.upper()
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)
