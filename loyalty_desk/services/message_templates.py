"""Message templates: Jinja2 in its sandbox, cut down to what an email needs (README, "Messages").

A template may print the documented variables (`{{ member.first_name }}`), pass them through a
few filters (`{{ points | number }}`) and choose with `{% if %}`. Nothing else: no loops (so
none can run forever), no calls, no includes or imports (so none reads a file), no attribute
but the documented ones (so `{{ ''.__class__ }}` is refused), no multiplication (so none
makes a gigabyte of text). A template is checked when saved, against this list and by
rendering it with sample values under StrictUndefined; a refusal names the line.
"""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from ..domain.vocabulary import MessageKind
from ..errors import ValidationError

MAX_SUBJECT = 300
MAX_BODY = 20_000

# Every variable a template may use, with what it holds (shown in the editor and the README).
VARIABLES: dict[str, str] = {
    "member.first_name": "the member's first name",
    "member.name": "the member's full name",
    "member.card_number": "the member's card number",
    "shop.name": "the shop's name",
    "shop.address": "the shop's address",
    "program.name": "the loyalty program's name",
    "balance": "the member's points balance",
    "tier": "the member's tier (empty without tiers)",
    "next_tier": "the next tier up (empty at the top)",
    "points_to_next_tier": "points still needed for the next tier (0 at the top)",
    "points": "points given: the welcome bonus or the birthday bonus",
    "previous_tier": "tier_changed: the tier before the change",
    "direction": "tier_changed: \"up\" or \"down\"",
    "expiring_points": "points_expiring: the points that expire",
    "expiry_date": "points_expiring: the day they expire",
    "reward": "redemption_update: the reward's name",
    "reward_code": "redemption_update: the voucher code",
    "update": "redemption_update: \"approved\", \"ready_for_pickup\", \"shipped\" or \"cancelled\"",
    "tracking_number": "redemption_update: the parcel's tracking number (when shipped)",
    "last_visit": "reactivation: the day of the member's last visit",
    "days_inactive": "reactivation: days since that visit",
    "announcement_subject": "campaign: the subject written for this email to a segment",
    "announcement": "campaign: the message written for this email to a segment",
}
_OBJECTS: dict[str, frozenset[str]] = {}
for _name in VARIABLES:
    if "." in _name:
        _top, _attr = _name.split(".")
        _OBJECTS[_top] = _OBJECTS.get(_top, frozenset()) | {_attr}
_PLAIN = frozenset(name for name in VARIABLES if "." not in name)
FILTERS = ("number", "upper", "lower", "title", "capitalize", "trim", "default")
# What a template is made of: everything else is refused with its line.
_ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Const, nodes.If,
            nodes.CondExpr, nodes.Filter, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not,
            nodes.Concat, nodes.Add, nodes.Sub, nodes.Neg, nodes.Keyword)
_WHAT = {nodes.For: "a loop", nodes.Call: "a call", nodes.Macro: "a macro", nodes.CallBlock: "a call block",
         nodes.Include: "an include", nodes.Import: "an import", nodes.FromImport: "an import",
         nodes.Extends: "extends", nodes.Block: "a block", nodes.Assign: "set", nodes.AssignBlock: "set",
         nodes.With: "with", nodes.Mul: "multiplication", nodes.Pow: "a power", nodes.Getitem: "indexing",
         nodes.Test: "a test (is ...)", nodes.Mod: "% (remainder)", nodes.FloorDiv: "// (division)",
         nodes.Div: "/ (division)", nodes.List: "a list [...]", nodes.Tuple: "a tuple (..., ...)",
         nodes.Dict: "a dictionary {...}", nodes.FilterBlock: "a filter block", nodes.Slice: "slicing",
         nodes.CondExpr: "an inline if (... if ... else ...)", nodes.Scope: "a scope", nodes.Neg: "a minus sign",
         nodes.Pos: "a plus sign", nodes.Concat: "~ (joining)", nodes.Break: "break", nodes.Continue: "continue"}
# Anything else refused is named by Jinja's own word, in lower case ("ExprStmt" reads "exprstmt").


@dataclass(frozen=True, slots=True)
class Text:
    subject: str
    body_text: str
    body_html: str | None


def _number(value: object, locale: str = "en_US") -> str:
    return format_decimal(value, locale=locale) if isinstance(value, int | float) else str(value)


def _environment(autoescape: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=autoescape, keep_trailing_newline=True)
    env.globals.clear()                 # no range(), lipsum(), dict(), cycler()...
    env.filters = {name: env.filters[name] for name in FILTERS if name in env.filters}
    env.filters["number"] = _number
    return env


_TEXT_ENV = _environment(False)
_HTML_ENV = _environment(True)


def _check_tree(tree: nodes.Node, field: str) -> None:
    for node in tree.find_all(nodes.Node):
        line = getattr(node, "lineno", 1)
        if not isinstance(node, _ALLOWED):
            what = next((w for t, w in _WHAT.items() if isinstance(node, t)), type(node).__name__.lower())
            raise ValidationError(f"Line {line} of the {_LABEL[field]}: {what} is not allowed in a message template",
                                  field=field)
        if isinstance(node, nodes.Getattr):
            base = node.node
            if node.attr.startswith("_") or not isinstance(base, nodes.Name) or base.name not in _OBJECTS:
                raise ValidationError(f"Line {line} of the {_LABEL[field]}: {node.attr!r} cannot be read in a "
                                      "message template", field=field)
            if node.attr not in _OBJECTS[base.name]:
                raise ValidationError(f"Line {line} of the {_LABEL[field]}: unknown variable "
                                      f"{base.name}.{node.attr}; known: {', '.join(VARIABLES)}", field=field)
        elif isinstance(node, nodes.Name) and node.name not in _PLAIN and node.name not in _OBJECTS:
            raise ValidationError(f"Line {line} of the {_LABEL[field]}: unknown variable {node.name}; known: "
                                  f"{', '.join(VARIABLES)}", field=field)
        elif isinstance(node, nodes.Name) and node.name in _OBJECTS and not _is_getattr_base(tree, node):
            raise ValidationError(f"Line {line} of the {_LABEL[field]}: use {node.name}.<attribute>, e.g. "
                                  f"{next(n for n in VARIABLES if n.startswith(node.name + '.'))}", field=field)
        elif isinstance(node, nodes.Filter) and node.name not in FILTERS:
            raise ValidationError(f"Line {line} of the {_LABEL[field]}: unknown filter {node.name}; known: "
                                  f"{', '.join(FILTERS)}", field=field)


def _is_getattr_base(tree: nodes.Node, name: nodes.Name) -> bool:
    return any(g.node is name for g in tree.find_all(nodes.Getattr))


_LABEL = {"subject": "subject", "body_text": "text", "body_html": "HTML"}


def _template_line() -> int | None:
    """The template line of the error being handled (Jinja rewrites tracebacks to show it)."""
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def check(field: str, source: object, *, required: bool = True) -> str | None:
    """A template as saved: parsed, checked against what templates may hold, and rendered once with
    sample values; a ValidationError names the line of any fault, and nothing is saved."""
    if source is None and not required:
        return None
    if not isinstance(source, str) or (required and not source.strip()):
        raise ValidationError(f"Enter the {_LABEL[field]} of the message", field=field)
    limit = MAX_SUBJECT if field == "subject" else MAX_BODY
    if len(source) > limit:
        raise ValidationError(f"The {_LABEL[field]} is longer than {limit:,} characters", field=field)
    if field == "subject" and "\n" in source.strip():
        raise ValidationError("The subject is one line", field=field)
    env = _HTML_ENV if field == "body_html" else _TEXT_ENV
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise ValidationError(f"Line {exc.lineno} of the {_LABEL[field]}: {exc.message}", field=field) from exc
    _check_tree(tree, field)
    try:
        env.from_string(source).render(SAMPLE)
    except Exception as exc:  # noqa: BLE001 - any fault of the template is the author's to fix
        line = _template_line()
        where = f"Line {line} of the {_LABEL[field]}" if line else f"The {_LABEL[field]}"
        raise ValidationError(f"{where}: {exc}", field=field) from exc
    return source


def render(template: Text, values: Mapping[str, Any]) -> Text:
    """The message for these values (checked templates render; the subject is one line)."""
    subject = " ".join(_TEXT_ENV.from_string(template.subject).render(values).split())
    text = _TEXT_ENV.from_string(template.body_text).render(values)
    html = _HTML_ENV.from_string(template.body_html).render(values) if template.body_html else None
    return Text(subject[:MAX_SUBJECT], text, html)


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def values(*, name: str, card_number: str, shop_name: str, shop_address: str, program_name: str,
           locale: str | None, standing: Mapping[str, Any], facts: Mapping[str, Any]) -> dict[str, Any]:
    """What a template sees: every documented variable, empty where this kind has no value. The
    event's facts win over the standing read at sending (a tier change names the tier it went to)."""
    lang = locale or "en_US"
    found: dict[str, Any] = {"points": 0, "previous_tier": "", "direction": "", "expiring_points": 0,
                             "expiry_date": "", "reward": "", "reward_code": facts.get("code", ""), "update": "",
                             "tracking_number": "", "last_visit": "", "days_inactive": 0,
                             "announcement_subject": "", "announcement": "", **standing}
    found.update({k: v for k, v in facts.items() if k in found})
    for key in ("expiry_date", "last_visit"):
        if found[key]:
            found[key] = format_date(dt.date.fromisoformat(found[key]), format="long", locale=lang)
    return {**found, "member": {"first_name": first_name(name), "name": name, "card_number": card_number},
            "shop": {"name": shop_name, "address": shop_address}, "program": {"name": program_name}}


SAMPLE_FACTS = {"points": 50, "previous_tier": "Bronze", "direction": "up", "expiring_points": 120,
                "expiry_date": "2026-12-31", "reward": "Free coffee", "code": "RW-ABCD-EFGH-JKLM", "update": "shipped",
                "tracking_number": "1Z999", "last_visit": "2026-09-01", "days_inactive": 64,
                "announcement_subject": "Double points this weekend",
                "announcement": "Every purchase earns double points on Saturday and Sunday."}
SAMPLE = values(name="Ada Lovelace", card_number="7K3MQ2WX9D", shop_name="Corner Shop", shop_address="1 Main St",
                program_name="Rewards", locale=None,
                standing={"balance": 1278, "tier": "Silver", "next_tier": "Gold", "points_to_next_tier": 260},
                facts=SAMPLE_FACTS)


_SIGN_OFF = "\n\nSee you soon,\n{{ shop.name }}\n"


def with_html(text: Text) -> Text:
    """The default's HTML body: its text, a paragraph per blank line and a <br> per line break.
    The defaults open and close each {% if %} at a paragraph's end, so the tags stay balanced
    whichever way it goes; the values are escaped when rendered (autoescape)."""
    paragraphs = text.body_text.strip().split("\n\n")
    html = "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs)
    return Text(text.subject, text.body_text, html)


DEFAULTS: dict[MessageKind, Text] = {
    MessageKind.WELCOME: Text(
        "Welcome to {{ program.name }}, {{ member.first_name }}",
        "Hello {{ member.first_name }},\n\nThank you for joining {{ program.name }} at {{ shop.name }}. "
        "Your card number is {{ member.card_number }}: show it at the till and every purchase earns points."
        "{% if points %}\n\nTo start you off, we have added {{ points | number }} welcome points."
        "{% endif %}\n\nYour balance is {{ balance | number }} points.{% if tier %} You are a {{ tier }} member."
        "{% endif %}" + _SIGN_OFF, None),
    MessageKind.TIER_CHANGED: Text(
        "{% if direction == 'up' %}You are now a {{ tier }} member{% else %}Your membership is now "
        "{{ tier or 'without a tier' }}{% endif %}",
        "Hello {{ member.first_name }},\n\n{% if direction == 'up' %}Congratulations: you have moved up to "
        "{{ tier }}.{% else %}Your membership has moved from {{ previous_tier }} to {{ tier or 'no tier' }}."
        "{% endif %}{% if next_tier %} Earn {{ points_to_next_tier | number }} more points to reach "
        "{{ next_tier }}.{% endif %}\n\nYour balance is {{ balance | number }} points." + _SIGN_OFF, None),
    MessageKind.POINTS_EXPIRING: Text(
        "{{ expiring_points | number }} of your points expire on {{ expiry_date }}",
        "Hello {{ member.first_name }},\n\n{{ expiring_points | number }} of your {{ program.name }} points "
        "expire on {{ expiry_date }}. Use them before then: your balance is {{ balance | number }} points."
        + _SIGN_OFF, None),
    MessageKind.BIRTHDAY: Text(
        "Happy birthday, {{ member.first_name }}",
        "Hello {{ member.first_name }},\n\nHappy birthday from all of us at {{ shop.name }}! We have added "
        "{{ points | number }} points to your account as a present. Your balance is now "
        "{{ balance | number }} points." + _SIGN_OFF, None),
    MessageKind.REDEMPTION_UPDATE: Text(
        "{% if update == 'shipped' %}Your {{ reward }} is on its way{% elif update == 'ready_for_pickup' %}"
        "Your {{ reward }} is ready for pickup{% elif update == 'cancelled' %}Your {{ reward }} was cancelled"
        "{% else %}Your {{ reward }} is approved{% endif %}",
        "Hello {{ member.first_name }},\n\n{% if update == 'shipped' %}We have sent your {{ reward }}."
        "{% if tracking_number %} The tracking number is {{ tracking_number }}.{% endif %}"
        "{% elif update == 'ready_for_pickup' %}Your {{ reward }} is ready: collect it at {{ shop.name }} with "
        "the code {{ reward_code }}.{% elif update == 'cancelled' %}Your {{ reward }} ({{ reward_code }}) was "
        "cancelled, and its points are back in your account.{% else %}Your {{ reward }} ({{ reward_code }}) "
        "is approved.{% endif %}\n\nYour balance is {{ balance | number }} points." + _SIGN_OFF, None),
    MessageKind.REACTIVATION: Text(
        "We miss you at {{ shop.name }}",
        "Hello {{ member.first_name }},\n\nWe have not seen you since {{ last_visit }}. Your "
        "{{ balance | number }} points are waiting for you at {{ shop.name }}." + _SIGN_OFF, None),
    # The owner writes the subject and the message of each one; the template frames them.
    MessageKind.CAMPAIGN: Text(
        "{{ announcement_subject }}",
        "Hello {{ member.first_name }},\n\n{{ announcement }}\n\nYour balance is {{ balance | number }} points."
        + _SIGN_OFF, None),
}
DEFAULTS = {kind: with_html(text) for kind, text in DEFAULTS.items()}
