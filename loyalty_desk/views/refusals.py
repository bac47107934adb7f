"""A refusal of the layers below the views, in the desktop's language.

The services write their refusals in English (the HTTP API and the logs keep them so);
scripts/refusals.py collects each as a template (`refusal_catalog.py`, `{placeholders}` where the
message carries values) and the .ts translates them like any other string of the views. Here a
refusal's English is matched against the templates and shown as the template's translation with
the values put back: "Not enough points: 40 of 100 needed" → "Nicht genug Punkte: 40 von 100
nötig". A value that is itself a whole refusal ("Line 3 of the file: …") is translated too, and
so is a field the checkers name ("The points must be a whole number"). A text that matches no
template is shown as it is: English beats nothing.
"""
from __future__ import annotations

import functools
import re
import string

from . import i18n
from .refusal_catalog import TEMPLATES, WORDS


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every template as an anchored regex (a placeholder is a non-greedy group), those with the
    most words of their own first: "No member #{id}" is tried before "No {what} #{value}"."""
    compiled = []
    for template in TEMPLATES:
        pattern, literal = [], 0
        for text, name, _spec, _conversion in string.Formatter().parse(template):
            pattern.append(re.escape(text))
            literal += len(text)
            if name is not None:
                pattern.append(f"(?P<{name}>.+?)")
        compiled.append((literal, re.compile(r"\A" + "".join(pattern) + r"\Z", re.DOTALL), template))
    compiled.sort(key=lambda item: (-item[0], item[2]))
    return tuple((pattern, template) for _literal, pattern, template in compiled)


def template_of(text: str) -> tuple[str, dict[str, str]] | None:
    """The template `text` was written from, with the values it carries (None: none matches)."""
    for pattern, template in _patterns():
        found = pattern.match(text)
        if found is not None:
            return template, found.groupdict()
    return None


_WORDS = frozenset(WORDS)


def _translated(text: str, depth: int = 0) -> str:
    found = template_of(text) if depth < 3 else None
    if found is None:
        return i18n.tr(text) if text in _WORDS else text    # a field a checker names: "points"
    template, values = found
    words = i18n.tr(template)
    if words == template:
        return text         # no translation of this one: its English as written
    return words.format(**{name: _translated(value, depth + 1) for name, value in values.items()})


def refusal_words(error: BaseException | str) -> str:
    """What to show of a refusal (a LoyaltyError, a MemberFileError, or its text): `str(error)`,
    in the desktop's language when that is not English."""
    text = str(error)
    return text if i18n.language() == "en" else _translated(text)
