"""The program editor's "Emails to members" group: which kinds of email the program sends, and
the two day counts they use (README, "Messages"). Stored as program rules; every kind is on
unless turned off, so only the kinds turned off are written."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from ...domain.messages import (
    DEFAULT_EXPIRY_REMINDER_DAYS,
    DEFAULT_REACTIVATION_DAYS,
    EXPIRY_REMINDER_RULE,
    MESSAGES_RULE,
    REACTIVATION_RULE,
    kind_enabled,
    rule_days,
)
from ...domain.vocabulary import MessageKind
from ..i18n import tr
from ..widgets import build
from ..widgets.fields import spin
from ..widgets.forms import FieldErrors


def kind_labels() -> dict[str, str]:
    """Each kind of email, as its check box says it. No mnemonics here: the editor's other fields
    hold most letters already (Tab reaches these)."""
    return {
        "welcome": tr("Welcome, on enrolling"),
        "tier_changed": tr("Tier changes, up or down"),
        "points_expiring": tr("Points expiring soon"),
        "birthday": tr("Birthday bonus (needs marketing consent)"),
        "redemption_update": tr("Reward updates: approved, shipped, ready, cancelled"),
        "reactivation": tr("We miss you, after a quiet spell (needs marketing consent)"),
        "campaign": tr("Emails you write to a segment (needs marketing consent)"),
    }


RULES = (MESSAGES_RULE, EXPIRY_REMINDER_RULE, REACTIVATION_RULE)
DEFAULT_DAYS = {EXPIRY_REMINDER_RULE: DEFAULT_EXPIRY_REMINDER_DAYS, REACTIVATION_RULE: DEFAULT_REACTIVATION_DAYS}


class MessageRules(QGroupBox):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(tr("Emails to members"), parent)
        self.setObjectName("programMessagesGroup")
        form: QFormLayout = build.form_layout()
        self.setLayout(form)
        self.switches: dict[str, QCheckBox] = {}
        for kind, text in kind_labels().items():
            box = QCheckBox(text)
            box.setObjectName(f"sends_{kind}")
            box.setToolTip(tr("Sent through Settings ▸ Messages; untick to never send this kind for the program"))
            self.switches[kind] = box
        switches = build.pane("programMessageKinds", *self.switches.values())
        errors.add_row(form, "", switches, MESSAGES_RULE)
        self.expiry_days = spin("expiryReminderDays", 365, minimum=1, suffix=tr(" days before"),
                                accessible=tr("Expiry reminder days"))
        self.expiry_days.setToolTip(tr("The reminder goes this many days before a member's points expire"))
        errors.add_row(form, tr("Expiry reminder:"), self.expiry_days, EXPIRY_REMINDER_RULE)
        self.reactivation_days = spin("reactivationDays", 3650, minimum=7, suffix=tr(" days quiet"),
                                      accessible=tr("Reactivation after days"))
        self.reactivation_days.setToolTip(tr("A member without activity this long hears from the shop once"))
        errors.add_row(form, tr("We miss you after:"), self.reactivation_days, REACTIVATION_RULE)
        self.switches["points_expiring"].toggled.connect(self.expiry_days.setEnabled)
        self.switches["reactivation"].toggled.connect(self.reactivation_days.setEnabled)

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [*self.switches.values(), self.expiry_days, self.reactivation_days]

    def fill(self, rules: Mapping[str, Any] | None) -> None:
        for kind, box in self.switches.items():
            box.setChecked(kind_enabled(rules, MessageKind(kind)))
        self.expiry_days.setValue(rule_days(rules, EXPIRY_REMINDER_RULE, DEFAULT_EXPIRY_REMINDER_DAYS))
        self.reactivation_days.setValue(rule_days(rules, REACTIVATION_RULE, DEFAULT_REACTIVATION_DAYS))
        self.expiry_days.setEnabled(self.switches["points_expiring"].isChecked())
        self.reactivation_days.setEnabled(self.switches["reactivation"].isChecked())

    def rules(self) -> dict[str, Any]:
        """The rules as stored: the kinds turned off, and day counts other than the defaults."""
        return normal({MESSAGES_RULE: {kind: box.isChecked() for kind, box in self.switches.items()},
                       EXPIRY_REMINDER_RULE: self.expiry_days.value(),
                       REACTIVATION_RULE: self.reactivation_days.value()})


def normal(rules: Mapping[str, Any]) -> dict[str, Any]:
    """The message rules as `rules()` writes them, for telling whether a stored program differs:
    kinds left on and day counts at their default mean the same as no rule."""
    out: dict[str, Any] = {}
    off = {kind: False for kind, on in (rules.get(MESSAGES_RULE) or {}).items() if not on}
    if off:
        out[MESSAGES_RULE] = off
    for key, default in DEFAULT_DAYS.items():
        if rules.get(key) is not None and int(rules[key]) != default:
            out[key] = int(rules[key])
    return out

