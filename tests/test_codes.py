"""Card numbers: the check character catches every single mistyped character."""
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty_desk.services.codes import (
    ALPHABET,
    CARD_LENGTH,
    format_card_number,
    is_valid_card_number,
    looks_like_card_number,
    new_card_number,
    new_referral_code,
    normalize_card_text,
)


def test_every_single_substitution_is_rejected():
    for _ in range(50):
        card = new_card_number()
        assert is_valid_card_number(card)
        for position in range(CARD_LENGTH):
            for symbol in ALPHABET:
                if symbol != card[position]:
                    typo = card[:position] + symbol + card[position + 1:]
                    assert not is_valid_card_number(typo), (card, typo)


def test_look_alikes_are_not_in_the_alphabet():
    assert not set("01OI") & set(ALPHABET)
    assert len(set(ALPHABET)) == 32


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=400))
def test_generated_numbers_are_valid_unique_and_card_shaped(count):
    cards = [new_card_number() for _ in range(count)]
    assert len(set(cards)) == count
    for card in cards:
        assert is_valid_card_number(card) and looks_like_card_number(card)
        assert len(card) == CARD_LENGTH and set(card) <= set(ALPHABET)


@given(st.text(alphabet=ALPHABET, min_size=CARD_LENGTH, max_size=CARD_LENGTH))
def test_separators_and_case_do_not_matter(text):
    spaced = format_card_number(text).lower().replace(" ", " - ")
    assert normalize_card_text(spaced) == text
    assert is_valid_card_number(spaced) == is_valid_card_number(text)


def test_referral_codes_never_look_like_card_numbers():
    for name in ("Ada Lovelace", "Zoë", "李雷", "", "X"):
        code = new_referral_code(name)
        assert "-" in code and not is_valid_card_number(code.replace("-", "")[:CARD_LENGTH] + "!")
        assert not looks_like_card_number(code) or "-" in code


def test_random_symbols_use_the_whole_alphabet_evenly():
    from collections import Counter

    from loyalty_desk.services.codes import new_reward_code

    counts = Counter(ch for _ in range(2000) for ch in new_reward_code()[3:].replace("-", ""))
    # 24,000 symbols, 750 expected each: 600..900 is more than five standard deviations either side.
    assert set(counts) == set(ALPHABET)
    assert all(600 <= n <= 900 for n in counts.values()), counts
