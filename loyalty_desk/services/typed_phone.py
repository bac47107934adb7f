"""A typed phone number read without `phonenumbers.parse`, for the shapes the counter types most.

`parse` is a third of a find by phone: it normalises any script's digits, strips extensions,
RFC 3966 contexts, international dialling prefixes and letters. What a cashier types is nearly
always ASCII digits in groups, separated by spaces, dashes, dots or parentheses, perhaps after one
"+". For those this module does `parse`'s remaining steps, with the same phonenumbers metadata,
compiled once per region: the country code, then the national prefix (stripped only when parse
would). Anything it is not sure of (an international dialling prefix, a number starting with the
shop's own country code, a national prefix that is rewritten rather than stripped) returns None,
and the caller asks phonenumbers. tests/test_typed_phone.py checks the two agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, PhoneNumberDesc

# ASCII digits grouped by spaces, dashes, dots or parentheses, perhaps after one "+": none of these
# can start an extension, a second number or an RFC 3966 part, so parse reads only the digits.
_SHAPE = re.compile(r"\+?[0-9 ().-]{1,40}")
_SEPARATORS = str.maketrans("", "", " ().-")
_MAX_NATIONAL = 17          # phonenumbers' longest national number (longer: not a number)


@dataclass(frozen=True)
class _Plan:
    """What parse uses of one region's metadata."""

    code: str                            # the country calling code, "1"
    idd: re.Pattern[str] | None          # its international dialling prefix ("011")
    prefix: re.Pattern[str] | None       # its national prefix as parse reads it ("1", "0")
    rewrites: bool                       # the national prefix is rewritten rather than stripped
    national: re.Pattern[str] | None     # any national number of the region
    lengths: tuple[int, ...]             # its possible lengths
    local: tuple[int, ...]               # lengths only dialable locally

    def strip_prefix(self, digits: str) -> str | None:
        """The national number without its national prefix where parse strips one; None if unsure."""
        if self.prefix is None:
            return digits
        match = self.prefix.match(digits)
        if match is None:
            return digits
        if self.rewrites:
            return None
        rest = digits[match.end():]
        if self._is_national(digits) and not self._is_national(rest):
            return digits
        # parse keeps the prefix when the rest is too short, local-only or of no possible length.
        return rest if self._possible_length(len(rest)) else digits

    def _is_national(self, digits: str) -> bool:
        return self.national is not None and self.national.fullmatch(digits) is not None

    def _possible_length(self, length: int) -> bool:
        """Not too short, local-only or of an impossible length (phonenumbers' _test_number_length)."""
        if length in self.local:
            return False
        shortest = self.lengths[0]
        return length >= shortest and (length == shortest or length > self.lengths[-1]
                                       or length in self.lengths[1:])


def _compile(metadata: PhoneMetadata | None) -> _Plan | None:
    if metadata is None or metadata.general_desc is None or not metadata.general_desc.possible_length:
        return None
    general: PhoneNumberDesc = metadata.general_desc
    return _Plan(code=str(metadata.country_code),
                 idd=re.compile(metadata.international_prefix) if metadata.international_prefix else None,
                 prefix=re.compile(metadata.national_prefix_for_parsing)
                 if metadata.national_prefix_for_parsing else None,
                 rewrites=bool(metadata.national_prefix_transform_rule),
                 national=re.compile(general.national_number_pattern) if general.national_number_pattern else None,
                 lengths=tuple(general.possible_length), local=tuple(general.possible_length_local_only or ()))


# Compiled metadata per region, and per country calling code (for numbers typed with "+").
_BY_REGION: dict[str, _Plan | None] = {}
_BY_CODE: dict[int, _Plan | None] = {}


def _region_plan(region: str) -> _Plan | None:
    if region not in _BY_REGION:
        # parse needs a known region for a number without "+" (it takes the upper case of a known one).
        known = region in phonenumbers.SUPPORTED_REGIONS
        _BY_REGION[region] = _compile(PhoneMetadata.metadata_for_region(region.upper(), None)) if known else None
    return _BY_REGION[region]


def _code_plan(code: int) -> _Plan | None:
    """The metadata parse reads a number with this country code in: its main region's."""
    if code not in _BY_CODE:
        main = phonenumbers.region_code_for_country_code(code)
        _BY_CODE[code] = _compile(PhoneMetadata.metadata_for_region_or_calling_code(code, main))
    return _BY_CODE[code]


def fast_e164(text: str, region: str) -> str | None:
    """What `format_number(parse(text, region), E164)` returns, for the common shapes; None when
    this reading is not sure (the caller then asks phonenumbers)."""
    read = fast_parts(text, region)
    return None if read is None else f"+{read[0]}{read[1]}"


def fast_number(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    """What `parse(text, region)` returns, for the common shapes without a leading zero in the
    national number (parse marks those with flags of its own); None when not sure."""
    read = fast_parts(text, region)
    if read is None or read[1][0] == "0":
        return None
    return phonenumbers.PhoneNumber(country_code=int(read[0]), national_number=int(read[1]))


def fast_parts(text: str, region: str) -> tuple[str, str] | None:
    """The country calling code and the national number `parse(text, region)` reads, for the
    common shapes; None when this reading is not sure."""
    if _SHAPE.fullmatch(text) is None:
        return None
    digits = text.translate(_SEPARATORS).removeprefix("+")
    if len(digits) < 6:         # not read as a phone number at all (contacts.phone_candidate)
        return None
    if text[0] == "+":
        if digits[0] == "0":
            return None
        code = next((int(digits[:n]) for n in (1, 2, 3) if int(digits[:n]) in COUNTRY_CODE_TO_REGION_CODE), None)
        plan = _code_plan(code) if code is not None else None
        if plan is None:
            return None
        national = digits[len(plan.code):]
    else:
        plan = _region_plan(region)
        # An international dialling prefix, or the shop's own country code typed without "+": parse's
        # own rules decide whether that is what they are.
        if plan is None or (plan.idd is not None and plan.idd.match(digits)) or digits.startswith(plan.code):
            return None
        national = digits
    read = plan.strip_prefix(national)
    if read is None or not 2 <= len(read) <= _MAX_NATIONAL:
        return None
    return plan.code, read
