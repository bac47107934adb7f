"""The program editor's "Members over time" group (README, "Member lifecycle, milestones and
referrals"): when quiet members become inactive and then expired, the milestones celebrated, and
the referred friend's bonus. Stored as program rules; a rule left off is not written."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from ...domain.member_rules import (
    DEFAULT_VISIT_MILESTONES,
    EXPIRE_RULE,
    EXPIRE_WITH_POINTS_RULE,
    FRIEND_BONUS_RULE,
    LAPSE_RULE,
    MAX_MILESTONES,
    MILESTONES_RULE,
    thresholds,
)
from ..i18n import tr
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.fields import hint_label, spin
from ..widgets.forms import FieldErrors

RULES = (LAPSE_RULE, EXPIRE_RULE, EXPIRE_WITH_POINTS_RULE, MILESTONES_RULE, FRIEND_BONUS_RULE)


def parse_marks(text: str) -> list[int] | None:
    """ "10, 50, 100" as [10, 50, 100]; None when it is not a list of whole numbers above zero."""
    parts = [part.strip().replace(",", "").replace(".", "") for part in text.replace(";", " ").split()]
    parts = [part for part in parts if part]
    if not all(part.isdigit() and int(part) > 0 for part in parts) or len(parts) > MAX_MILESTONES:
        return None
    return sorted({int(part) for part in parts})


def marks_text(marks: Sequence[int]) -> str:
    return "  ".join(fmt.points(mark) for mark in marks)


class MemberRules(QGroupBox):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(tr("Members over time"), parent)
        self.setObjectName("programMemberRulesGroup")
        self.errors = errors
        form: QFormLayout = build.form_layout()
        self.setLayout(form)
        self.lapse_days = spin("lapseAfterDays", 3650, minimum=0, suffix=tr(" days quiet"), special=tr("Never"),
                               accessible=tr("Inactive after days without activity"))
        self.lapse_days.setToolTip(tr("A member without activity this long becomes inactive; their next purchase "
                                      "or redemption makes them active again"))
        errors.add_row(form, tr("Inactive after:"), self.lapse_days, LAPSE_RULE)
        self.expire_days = spin("expireAfterDays", 7300, minimum=0, suffix=tr(" days quiet"), special=tr("Never"),
                                accessible=tr("Expired after days without activity"))
        self.expire_days.setToolTip(tr("An inactive member still without activity this long becomes expired: "
                                       "only a person can reactivate them"))
        errors.add_row(form, tr("Expired after:"), self.expire_days, EXPIRE_RULE)
        self.expire_with_points = QCheckBox(tr("Also when an inactive member's last points expire"))
        self.expire_with_points.setObjectName("expireWhenPointsExpire")
        errors.add_row(form, "", self.expire_with_points, EXPIRE_WITH_POINTS_RULE)
        self.visit_marks = build.line_edit("visitMilestones", placeholder=marks_text(DEFAULT_VISIT_MILESTONES),
                                           accessible=tr("Visit milestones"))
        self.points_marks = build.line_edit("lifetimeMilestones", placeholder=tr("e.g. 1000  5000"),
                                            accessible=tr("Lifetime points milestones"))
        for edit in (self.visit_marks, self.points_marks):
            edit.setToolTip(tr("Whole numbers, separated by spaces; the counter celebrates each once per member"))
        errors.add_row(form, tr("Celebrate visits:"), self.visit_marks, MILESTONES_RULE)
        form.addRow(tr("Celebrate lifetime points:"), self.points_marks)
        self.friend_bonus = spin("refereeBonusPoints", 1_000_000, suffix=tr(" points"), special=tr("None"),
                                 accessible=tr("Referred friend's bonus"))
        self.friend_bonus.setToolTip(tr("A member who joined with a referral code gets this on their first "
                                        "purchase, once"))
        errors.add_row(form, tr("Referred friend's bonus:"), self.friend_bonus, FRIEND_BONUS_RULE)
        self.example = hint_label("memberRulesExample")
        form.addRow("", self.example)
        self.lapse_days.valueChanged.connect(self._update)
        self.expire_days.valueChanged.connect(self._update)
        self.expire_with_points.toggled.connect(self._update)
        self.visit_marks.textChanged.connect(self._update)
        self.points_marks.textChanged.connect(self._update)
        self.friend_bonus.valueChanged.connect(self._update)

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [self.lapse_days, self.expire_days, self.expire_with_points, self.visit_marks, self.points_marks,
                self.friend_bonus]

    def fill(self, rules: Mapping[str, Any] | None) -> None:
        rules = rules or {}
        self.lapse_days.setValue(int(rules.get(LAPSE_RULE) or 0))
        self.expire_days.setValue(int(rules.get(EXPIRE_RULE) or 0))
        self.expire_with_points.setChecked(bool(rules.get(EXPIRE_WITH_POINTS_RULE)))
        self.visit_marks.setText(marks_text(thresholds(rules, "visits")))
        self.points_marks.setText(marks_text(thresholds(rules, "lifetime_points")))
        self.friend_bonus.setValue(int(rules.get(FRIEND_BONUS_RULE) or 0))
        self._update()

    def rules(self) -> dict[str, Any]:
        """The rules as stored; a milestone list that does not read is passed on as typed, for the
        service to refuse next to this group."""
        out: dict[str, Any] = {}
        if self.lapse_days.value():
            out[LAPSE_RULE] = self.lapse_days.value()
        if self.expire_days.value():
            out[EXPIRE_RULE] = self.expire_days.value()
        if self.expire_with_points.isChecked():
            out[EXPIRE_WITH_POINTS_RULE] = True
        milestones: dict[str, Any] = {}
        for kind, edit in (("visits", self.visit_marks), ("lifetime_points", self.points_marks)):
            marks = parse_marks(edit.text())
            if marks is None:
                milestones[kind] = edit.text()
            elif marks:
                milestones[kind] = marks
        if milestones:
            out[MILESTONES_RULE] = milestones
        if self.friend_bonus.value():
            out[FRIEND_BONUS_RULE] = self.friend_bonus.value()
        return out

    def _update(self) -> None:
        """The live example, and the one check the form can make as it is typed: the milestones read."""
        bad = [edit for edit in (self.visit_marks, self.points_marks) if parse_marks(edit.text()) is None]
        label = self.errors.labels.get(MILESTONES_RULE)
        if label is not None:
            label.setText(tr("Write whole numbers above zero, separated by spaces (at most {n})").format(
                n=MAX_MILESTONES) if bad else "")
            label.setVisible(bool(bad))
        self.example.setText(self._example())

    def _example(self) -> str:
        lapse, expire = self.lapse_days.value(), self.expire_days.value()
        parts: list[str] = []
        if lapse:
            parts.append(tr("A member who has not come in for {days} days becomes inactive until their next "
                            "visit.").format(days=fmt.points(lapse)))
            if expire:
                parts.append(tr("After {days} days, they expire.").format(days=fmt.points(expire)))
        visits = parse_marks(self.visit_marks.text())
        if visits:
            parts.append(tr("The counter celebrates visit {marks}.").format(
                marks=", ".join(fmt.points(mark) for mark in visits)))
        return " ".join(parts) or tr("Members stay active however long they are away.")


def normal(rules: Mapping[str, Any]) -> dict[str, Any]:
    """The rules of this group as `rules()` writes them (for telling whether a program differs)."""
    return {key: rules[key] for key in RULES if rules.get(key)}

