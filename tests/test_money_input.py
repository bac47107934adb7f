"""Money is exact, or it is refused (issue 9, part 1).

The service takes a Decimal, an int, or one canonical string ("12.50") and refuses anything
else with a ValidationError naming the argument, writing nothing. The counter's parser reads
what a person typed under their locale; together, the recorded amount is exactly what that
person meant, or nothing at all.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from loyalty_desk.services import LoyaltyService, ValidationError
from loyalty_desk.services.validation import MAX_AMOUNT, as_decimal
from loyalty_desk.views.widgets.formatting import THOUSANDS, AmountProblem, canonical_amount, read_amount

from .support import SHOP, database_state, enroll, make_program

# --- the service: one canonical form, nothing else -----------------------------------------

BAD_STRINGS = ["12,50", "1,234.56", "1_000", "1e3", "+5", "-5", "NaN", "Infinity", "１２", "٣", " 12.505", "",
               "12.", ".5", "12 50", "\u00a012", "0x10", "1.234,56"]
BAD_OBJECTS: list[Any] = [12.5, True, Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")]
GOOD = [(" 12.50 ", Decimal("12.50")), ("12", Decimal("12")), ("0.99", Decimal("0.99")),
        (Decimal("12.5"), Decimal("12.5")), (12, Decimal("12")), ("\t7.05\n", Decimal("7.05"))]

CALLS = {
    "record_purchase": lambda s, w, a: s.record_purchase(SHOP, w["program"], w["member"], a, "NEW-1"),
    "quote_purchase": lambda s, w, a: s.quote_purchase(SHOP, w["program"], w["member"], a),
    "reverse_purchase": lambda s, w, a: s.reverse_purchase(SHOP, w["program"], "ORD-1", a),
}


@pytest.fixture
def world(svc: LoyaltyService) -> dict[str, int]:
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "100.00", "ORD-1")  # 100 points at 1 point per dollar
    return {"program": program.id, "member": member.id}


def what_the_member_has(svc: LoyaltyService, member_id: int) -> tuple[Any, ...]:
    member = svc.get_loyalty_member(SHOP, member_id)
    return (svc.get_member_points_history(SHOP, member_id), member.current_points, member.total_spent)


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize("bad", BAD_STRINGS + BAD_OBJECTS, ids=repr)
def test_a_bad_amount_is_refused_naming_the_field_and_nothing_is_written(
        svc: LoyaltyService, world: dict[str, int], call: str, bad: Any) -> None:
    before, member_before = database_state(svc), what_the_member_has(svc, world["member"])
    with pytest.raises(ValidationError) as refused:
        CALLS[call](svc, world, bad)
    assert refused.value.field == "amount"
    assert what_the_member_has(svc, world["member"]) == member_before
    assert database_state(svc) == before


@pytest.mark.parametrize("text", ["12,50", "1,234.56"])
def test_a_comma_is_refused_in_words_a_cashier_can_act_on(svc: LoyaltyService, world: dict[str, int],
                                                          text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        svc.record_purchase(SHOP, world["program"], world["member"], text, "NEW-1")
    assert str(refused.value) == ("The amount must be written with digits and a point, like 12.50 (no commas)")


@pytest.mark.parametrize(("value", "exact"), GOOD, ids=repr)
def test_a_canonical_amount_is_recorded_exactly(svc: LoyaltyService, world: dict[str, int], value: Any,
                                                exact: Decimal) -> None:
    assert svc.quote_purchase(SHOP, world["program"], world["member"], value) == int(exact)  # 1 point per dollar
    tx = svc.record_purchase(SHOP, world["program"], world["member"], value, "NEW-1")
    assert tx.amount == exact
    assert tx.points_amount == int(exact)
    returned = svc.reverse_purchase(SHOP, world["program"], "NEW-1", value)
    assert returned.amount == exact
    assert svc.get_loyalty_member(SHOP, world["member"]).total_spent == Decimal("100.00")


def test_zero_decimal_currencies_take_no_cents(svc: LoyaltyService) -> None:
    program = make_program(svc, currency="JPY")
    member = enroll(svc, program.id)
    before = database_state(svc)
    with pytest.raises(ValidationError) as refused:
        svc.record_purchase(SHOP, program.id, member.id, "1200.50", "Y-1")
    assert refused.value.field == "amount" and "whole number" in str(refused.value)
    assert database_state(svc) == before
    assert svc.record_purchase(SHOP, program.id, member.id, "1200", "Y-1").amount == Decimal(1200)


@pytest.mark.parametrize("field", ["points_per_dollar", "point_value"])
@pytest.mark.parametrize("text", ["1,5", "1e1", "１"])
def test_rates_are_refused_under_their_own_field_name(svc: LoyaltyService, field: str, text: str) -> None:
    program = make_program(svc)
    with pytest.raises(ValidationError) as refused:
        svc.update_loyalty_program(SHOP, program.id, {field: text})
    assert refused.value.field == field
    assert svc.get_loyalty_program(SHOP, program.id).points_per_dollar == Decimal(1)


def test_a_negative_text_is_read_only_where_negatives_are_allowed() -> None:
    assert as_decimal("-1.25", "delta", minimum=Decimal("-10")) == Decimal("-1.25")
    with pytest.raises(ValidationError, match="cannot be negative"):
        as_decimal("-1.25", "delta")
    with pytest.raises(ValidationError):
        as_decimal("+1.25", "delta", minimum=Decimal("-10"))  # a plus sign is never the canonical form


# --- the counter's parser: the person's locale, no group separators, no guessing -------------

PARSER_CASES = [
    ("en_US", "1,234.56", THOUSANDS), ("en_US", "1.234,56", THOUSANDS), ("en_US", "1,234", THOUSANDS),
    ("de_DE", "1,234.56", THOUSANDS), ("de_DE", "1.234,56", THOUSANDS), ("de_DE", "1.234", THOUSANDS),
    ("fr_FR", "1\u202f234,56", THOUSANDS), ("fr_FR", "1 234", THOUSANDS), ("de_CH", "1'234.50", THOUSANDS),
    ("de_CH", "1\u2019234.50", THOUSANDS), ("en_IN", "1,23,456.00", THOUSANDS),
    ("en_US", "12,50", "Use a point for the cents, like 12.50"),
    ("de_DE", "12.50", "Use a comma for the cents, like 12,50"),
    ("fr_FR", "12.5", "Use a comma for the cents, like 12,50"),
    ("de_CH", "12,50", "Use a point for the cents, like 12.50"),
    ("en_US", "-5", "Use Return for a refund"), ("de_DE", "\u22125", "Use Return for a refund"),
    ("en_US", "1e3", "Type the amount with digits only"), ("en_US", "abc", "Type the amount with digits only"),
    ("en_US", "+5", "Type the amount with digits only"),
    ("en_US", "１２", "Type the amount with the digits 0 to 9 only"),
    ("de_DE", "٣", "Type the amount with the digits 0 to 9 only"),
    ("en_US", "12.505", "At most two decimals"), ("de_DE", "12,505", "At most two decimals"),
    ("en_US", "", "Enter the amount"), ("fr_FR", "   ", "Enter the amount"),
    ("en_US", "12.", "Type the cents after the point, like 12.50"),
    ("de_DE", ",5", "Type a 0 before the comma, like 0,50"),
]


@pytest.mark.parametrize(("name", "text", "reason"), PARSER_CASES, ids=repr)
def test_the_parser_refuses_with_a_reason(name: str, text: str, reason: str) -> None:
    with pytest.raises(AmountProblem) as refused:
        read_amount(text, QLocale(name))
    assert refused.value.message == reason


@pytest.mark.parametrize(("name", "text", "exact"), [
    ("en_US", " 12.50 ", "12.50"), ("de_DE", "12,50", "12.50"), ("fr_FR", "0,99", "0.99"),
    ("de_CH", "1234.5", "1234.5"), ("en_IN", "123456", "123456"), ("de_DE", "7", "7"),
])
def test_the_parser_reads_the_locales_own_form_exactly(name: str, text: str, exact: str) -> None:
    amount = read_amount(text, QLocale(name))
    assert canonical_amount(amount) == exact
    assert as_decimal(canonical_amount(amount), "amount") == Decimal(exact)


def test_cents_are_refused_for_a_currency_without_them() -> None:
    with pytest.raises(AmountProblem, match="without cents"):
        read_amount("1200,50", QLocale("de_DE"), places=0)
    assert read_amount("1200", QLocale("de_DE"), places=0) == Decimal(1200)


# --- the property: for every locale and every string, exact or refused ------------------------

LOCALES = ["en_US", "de_DE", "fr_FR", "de_CH", "en_IN"]
OTHER_DIGITS = "１２٣۴५๒"
ALPHABET = "0123456789" + "0123456789" + ",. \u00a0\u202f\u2019'-+e_\t\u2212" + OTHER_DIGITS


def recorded(text: str, locale: QLocale) -> Decimal | None:
    """What the till would record for this text: parser, canonical string, service check. None = refused."""
    try:
        amount = read_amount(text, locale)
    except AmountProblem as problem:
        assert problem.message, "a refusal must say why"
        return None
    try:
        return as_decimal(canonical_amount(amount), "amount")
    except ValidationError as refused:
        assert refused.field == "amount"
        return None


def typed_by_hand(whole: int, cents: str, point: str, pad: tuple[str, str]) -> str:
    """How a person of the locale types the amount: digits, their decimal separator, no grouping."""
    return pad[0] + str(whole) + (point + cents if cents else "") + pad[1]


WHOLE = st.integers(min_value=0, max_value=int(MAX_AMOUNT) - 1)
CENTS = st.text(alphabet="0123456789", min_size=0, max_size=2)
PADDING = st.tuples(st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["", " ", "\n"]))


@pytest.mark.parametrize("name", LOCALES)
@given(whole=WHOLE, cents=CENTS, pad=PADDING)
def test_an_amount_typed_the_locales_way_is_recorded_exactly(name: str, whole: int, cents: str,
                                                            pad: tuple[str, str]) -> None:
    locale = QLocale(name)
    meant = Decimal(f"{whole}.{cents}") if cents else Decimal(whole)
    assert recorded(typed_by_hand(whole, cents, locale.decimalPoint(), pad), locale) == meant


@pytest.mark.parametrize("name", LOCALES)
@given(whole=WHOLE, cents=CENTS)
@example(whole=1234, cents="56").via("the issue's example")
@example(whole=123456, cents="").via("lakh grouping in en_IN")
def test_an_amount_written_with_grouping_is_refused_or_exact(name: str, whole: int, cents: str) -> None:
    locale = QLocale(name)
    point, group = locale.decimalPoint(), locale.groupSeparator()
    text = locale.toString(whole) + (point + cents if cents else "")  # toString(int) groups the way the locale does
    meant = Decimal(f"{whole}.{cents}") if cents else Decimal(whole)
    got = recorded(text, locale)
    if group in text:
        assert got is None, f"{text!r} holds a group separator and must be refused"
    else:
        assert got == meant


@pytest.mark.parametrize("name", LOCALES)
@given(whole=WHOLE.filter(lambda n: n >= 1000), cents=st.text(alphabet="0123456789", min_size=1, max_size=2))
def test_an_amount_written_the_other_conventions_way_is_never_misread(name: str, whole: int, cents: str) -> None:
    """A shop whose people write 1.234,56 must not get 1,234.56 read as 1.23456 or 123456, and vice versa."""
    locale = QLocale(name)
    for other in ("en_US", "de_DE", "fr_FR", "de_CH", "en_IN"):
        foreign = QLocale(other)
        text = foreign.toString(whole) + foreign.decimalPoint() + cents
        meant = Decimal(f"{whole}.{cents}")
        assert recorded(text, locale) in (None, meant), (other, text)


@pytest.mark.parametrize("name", LOCALES)
@given(text=st.text(alphabet=ALPHABET, max_size=14))
@example(text="1,234").via("a comma that groups in en and is the cents in de")
@example(text="1.234").via("a point that groups in de and is the cents in en")
@example(text="12.50").via("the other convention's cents")
@example(text="1e3")
@example(text="١٢")
def test_any_string_is_recorded_exactly_as_written_or_refused(name: str, text: str) -> None:
    locale = QLocale(name)
    point = locale.decimalPoint()
    got = recorded(text, locale)
    if got is None:
        return
    written = text.strip()
    # Accepted only if it is exactly the locale's plain form: ASCII digits, at most one of the
    # locale's own decimal separators, one or two decimals after it, and nothing else at all.
    assert re.fullmatch(r"[0-9]+(" + re.escape(point) + r"[0-9]{1,2})?", written, re.ASCII), written
    assert got == Decimal(written.replace(point, "."))


@given(text=st.text(alphabet=ALPHABET + "NaInfinity", max_size=12))
@example(text="12,50")
@example(text="Infinity")
@example(text="１２")
def test_the_service_takes_only_the_canonical_string(text: str) -> None:
    try:
        got = as_decimal(text, "amount")
    except ValidationError as refused:
        assert refused.field == "amount"
        return
    written = text.strip(" \t\n\r\f\v")
    assert re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", written, re.ASCII), written
    assert got == Decimal(written)


@given(amount=st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False))
def test_the_canonical_string_of_an_amount_is_that_amount(amount: Decimal) -> None:
    assert as_decimal(canonical_amount(amount), "amount") == amount
