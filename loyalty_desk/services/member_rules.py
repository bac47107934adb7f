"""The lifecycle, milestone and referred-friend keys of program_rules, checked (README, "Member
lifecycle, milestones and referrals"); services/programs.py checks the rest."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.member_rules import (
    EXPIRE_RULE,
    EXPIRE_WITH_POINTS_RULE,
    FRIEND_BONUS_RULE,
    LAPSE_RULE,
    MAX_MILESTONES,
    MILESTONE_KINDS,
    MILESTONES_RULE,
)
from ..errors import ValidationError
from .validation import as_bool, as_int, as_json_dict


def checked_member_rules(rules: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if rules.get(LAPSE_RULE) is not None:
        clean[LAPSE_RULE] = as_int(rules[LAPSE_RULE], LAPSE_RULE, minimum=7, maximum=3650)
    if rules.get(EXPIRE_RULE) is not None:
        clean[EXPIRE_RULE] = as_int(rules[EXPIRE_RULE], EXPIRE_RULE, minimum=8, maximum=7300)
    if rules.get(EXPIRE_WITH_POINTS_RULE) is not None:
        clean[EXPIRE_WITH_POINTS_RULE] = as_bool(rules[EXPIRE_WITH_POINTS_RULE], EXPIRE_WITH_POINTS_RULE)
    if (EXPIRE_RULE in clean or clean.get(EXPIRE_WITH_POINTS_RULE)) and LAPSE_RULE not in clean:
        raise ValidationError("Members expire only after they lapse: set the days without activity before a "
                              "member becomes inactive first", field=LAPSE_RULE)
    if EXPIRE_RULE in clean and clean[EXPIRE_RULE] <= clean[LAPSE_RULE]:
        raise ValidationError(f"A member expires after they became inactive: more than {clean[LAPSE_RULE]:,} days",
                              field=EXPIRE_RULE)
    if rules.get(MILESTONES_RULE) is not None:
        clean[MILESTONES_RULE] = _milestones(rules[MILESTONES_RULE])
    if rules.get(FRIEND_BONUS_RULE) is not None:
        clean[FRIEND_BONUS_RULE] = as_int(rules[FRIEND_BONUS_RULE], FRIEND_BONUS_RULE, minimum=0, maximum=1_000_000)
    return clean


def _milestones(value: object) -> dict[str, list[int]]:
    kinds = as_json_dict(value, MILESTONES_RULE)
    unknown = sorted(set(kinds) - set(MILESTONE_KINDS))
    if unknown:
        raise ValidationError(f"Unknown milestone kind(s): {', '.join(map(str, unknown))}. Known kinds: "
                              f"{', '.join(MILESTONE_KINDS)}", field=MILESTONES_RULE)
    clean: dict[str, list[int]] = {}
    for kind, marks in kinds.items():
        if not isinstance(marks, list) or len(marks) > MAX_MILESTONES:
            raise ValidationError(f"The {kind.replace('_', ' ')} milestones must be a list of at most "
                                  f"{MAX_MILESTONES} numbers", field=MILESTONES_RULE)
        numbers = [as_int(mark, MILESTONES_RULE, minimum=1, maximum=1_000_000_000) for mark in marks]
        if len(set(numbers)) != len(numbers):
            raise ValidationError(f"The {kind.replace('_', ' ')} milestones repeat a number", field=MILESTONES_RULE)
        if numbers:
            clean[kind] = sorted(numbers)
    return clean
