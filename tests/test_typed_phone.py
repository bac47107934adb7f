"""The counter's reading of a typed phone number (contacts.phone_candidate) returns exactly what
phonenumbers returns, for every region's example numbers written every way people write them.

phone_candidate reads the common shapes without phonenumbers.parse (services/typed_phone.py);
`by_phonenumbers` below is what it did before, the oracle."""
from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from loyalty_desk.errors import ValidationError
from loyalty_desk.services import typed_phone
from loyalty_desk.services.contacts import display_phone, normalize_phone, phone_candidate

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
         PhoneNumberType.PREMIUM_RATE, PhoneNumberType.VOIP, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN)
FORMATS = (PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164,
           PhoneNumberFormat.RFC3966)


def by_phonenumbers(text: str, region: str) -> str | None:
    """phone_candidate as it was: no letters, six digits or more, then phonenumbers' E.164 form."""
    if len([ch for ch in text if ch.isdigit()]) < 6 or any(ch.isalpha() for ch in text):
        return None
    try:
        return phonenumbers.format_number(phonenumbers.parse(text, region), PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return None


def _examples() -> list[phonenumbers.PhoneNumber]:
    found = []
    for region in REGIONS:
        for kind in TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                found.append(number)
    return found


EXAMPLES = _examples()
SEPARATORS = st.sampled_from(["", " ", "-", ".", "  ", " - ", "(", ")", "/", "\u00a0", "\t", "~", "#", "x", ","])


@st.composite
def typed(draw: st.DrawFn) -> tuple[str, str]:
    """A region's shop, and a number as someone might type it there."""
    number = draw(st.sampled_from(EXAMPLES))
    shop = draw(st.sampled_from(REGIONS))
    text = phonenumbers.format_number(number, draw(st.sampled_from(FORMATS)))
    digits = "".join(ch for ch in text if ch.isdigit())
    # Regroup the digits: random separators (mostly the common ones), perhaps parentheses around a group.
    if draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, max(1, len(digits) - 1)), max_size=5)))
        groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
        seps = [draw(st.sampled_from([" ", "-", ".", ""]) if draw(st.integers(0, 9)) else SEPARATORS)
                for _ in groups]
        if groups and draw(st.booleans()):
            groups[0] = f"({groups[0]})"
        text = "".join(s + g for s, g in zip(seps, groups, strict=True)).strip()
    # What goes before: a "+" or an international dialling prefix, the country code, a national prefix.
    lead = draw(st.sampled_from(["", "", "", "+", "00", "011", "0", "1", "8", "+0", "++", "+ ", "(+", "tel:"]))
    if draw(st.integers(0, 3)) == 0:
        lead += str(number.country_code) + draw(st.sampled_from(["", " ", "-", " (0) ", "0"]))
    text = lead + text if not text.startswith("+") or not lead else text
    # Digits added or removed at the end: too short, too long.
    cut = draw(st.integers(-4, 4))
    text = text[:cut] if cut < 0 else text + "9" * cut
    return text, shop


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed())
def test_typed_numbers_read_as_phonenumbers_reads_them(case: tuple[str, str]) -> None:
    text, shop = case
    assert phone_candidate(text, shop) == by_phonenumbers(text, shop), case


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0123456789 ()-.+", min_size=0, max_size=30), st.sampled_from(REGIONS))
def test_any_string_of_digits_and_separators_reads_as_phonenumbers_reads_it(text: str, shop: str) -> None:
    assert phone_candidate(text, shop) == by_phonenumbers(text, shop), (text, shop)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_example_number_in_every_format_in_its_own_region_and_in_another(fmt: PhoneNumberFormat) -> None:
    for number in EXAMPLES:
        home = phonenumbers.region_code_for_number(number) or "US"
        text = phonenumbers.format_number(number, fmt)
        for shop in (home, "US", "FR", "DE", "GB", "IT", "BR", "AR", "MX", "JP"):
            assert phone_candidate(text, shop) == by_phonenumbers(text, shop), (text, shop)


def test_what_the_counter_shows_is_read_without_phonenumbers_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """The common shapes take the quick reading (else the lookup is slow again, silently)."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("phonenumbers.parse was asked")

    for shop, stored in (("US", "+14155552671"), ("FR", "+33612345678"), ("GB", "+447911123456"),
                         ("DE", "+4930123456"), ("US", "+442079460958")):
        shown = display_phone(stored, shop)
        digits = "".join(ch for ch in shown if ch.isdigit() or ch == "+")
        with monkeypatch.context() as patch:
            patch.setattr(phonenumbers, "parse", refuse)
            assert typed_phone.fast_e164(shown, shop) == stored, shown
            assert phone_candidate(shown, shop) == stored and phone_candidate(digits, shop) == stored, shown


def stored_by_phonenumbers(text: str, region: str) -> str | None:
    """contacts.normalize_phone as it was, all by phonenumbers: None for a number it refuses."""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def stored(text: str, region: str) -> str | None:
    try:
        return normalize_phone(text, region)
    except ValidationError:
        return None


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed())
def test_a_typed_number_is_stored_and_refused_as_phonenumbers_would(case: tuple[str, str]) -> None:
    """What enrolment and the import store (normalize_phone) reads the common shapes without
    phonenumbers.parse too: the same numbers kept, the same refused."""
    text, shop = case
    if text.strip():
        assert stored(text, shop) == stored_by_phonenumbers(text, shop), case


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_example_number_is_stored_as_phonenumbers_stores_it(fmt: PhoneNumberFormat) -> None:
    for number in EXAMPLES:
        home = phonenumbers.region_code_for_number(number) or "US"
        text = phonenumbers.format_number(number, fmt)
        for shop in (home, "US", "FR", "IT", "GB"):
            assert stored(text, shop) == stored_by_phonenumbers(text, shop), (text, shop)
