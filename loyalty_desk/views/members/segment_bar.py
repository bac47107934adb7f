"""The Members tab's segment row (README, "Segments"): pick a kind of segment or a saved one, set
its number or period, save it under a name, delete a saved one, export its members, email them.

The bar only says which rule is chosen (`ruleChanged`); the tab filters, counts and exports by it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

from ...domain.permissions import Permission
from ...domain.segments import ENROLLED_DEFAULT_DAYS, PARAMETERS, SegmentKind
from ...errors import LoyaltyError
from ...services.dto import SavedSegment, SegmentRule
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.fields import date_edit, spin
from ..widgets.forms import Confirm

EDIT_DELAY_MS = 300


def kind_names() -> dict[SegmentKind, str]:
    return {SegmentKind.INACTIVE: tr("Inactive for"), SegmentKind.BIRTHDAY_MONTH: tr("Birthday this month"),
            SegmentKind.NEAR_NEXT_TIER: tr("Near their next tier"), SegmentKind.EXPIRING: tr("Points expiring within"),
            SegmentKind.TOP_SPENDERS: tr("Top spenders"), SegmentKind.ENROLLED: tr("Enrolled between")}


def suffixes() -> dict[SegmentKind, str]:
    """What the number of each kind counts, after the number."""
    return {SegmentKind.INACTIVE: tr(" days or more"), SegmentKind.NEAR_NEXT_TIER: tr(" points or fewer away"),
            SegmentKind.EXPIRING: tr(" days"), SegmentKind.TOP_SPENDERS: tr(" members")}


class NameQuestion:
    """The name a segment is saved under, behind a classmethod that tests can patch."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        name, ok = QInputDialog.getText(parent, tr("Save segment"), tr("Name of the segment:"))
        return name.strip() or None if ok else None


class SegmentBar(QWidget):
    """Emits `ruleChanged` with the chosen SegmentRule (None: all members) and `failed` with a refusal."""

    ruleChanged = Signal(object)
    failed = Signal(str)
    exportRequested = Signal(object)
    emailRequested = Signal(object, str)

    def __init__(self, session: ShopSession, program_id: Callable[[], int | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentBar")
        self.session = session
        self._program_id = program_id
        self._saved: dict[int, SavedSegment] = {}
        self.choice = build.combo("membersSegment", {}, accessible=tr("Segment"))
        self.number = spin("membersSegmentNumber", 1, minimum=1, accessible=tr("Segment number"))
        self.first, self.last = (date_edit(name, text) for name, text in (
            ("membersSegmentFirst", tr("First day")), ("membersSegmentLast", tr("Last day"))))
        self.and_label = QLabel(tr("and"))
        self.save_button = build.button(tr("Save…"), "membersSegmentSave", self.save,
                                        tooltip=tr("Save this segment under a name"))
        self.delete_button = build.button(tr("Delete"), "membersSegmentDelete", self.delete,
                                          tooltip=tr("Delete this saved segment"))
        self.export_button = build.button(tr("Export…"), "membersSegmentExport",
                                          lambda: self.exportRequested.emit(self.rule()),
                                          tooltip=tr("Save the segment's members as a CSV file"))
        self.email_button = build.button(tr("Email…"), "membersSegmentEmail",
                                         lambda: self.emailRequested.emit(self.rule(), self.choice.currentText()),
                                         tooltip=tr("Write one email to the segment's members who agreed to it"))
        caption = QLabel(tr("Segment:"))
        caption.setBuddy(self.choice)
        build.row(caption, self.choice, self.number, self.first, self.and_label, self.last, self.save_button,
                  self.delete_button, self.export_button, self.email_button, None, margins=False, spacing=6,
                  parent=self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._announce)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.number.valueChanged.connect(lambda _v: self._timer.start(EDIT_DELAY_MS))
        for edit in (self.first, self.last):
            edit.dateChanged.connect(lambda _d: self._timer.start(EDIT_DELAY_MS))
        self.fill()

    # --- public --------------------------------------------------------------

    def fill(self) -> None:
        """The choices: all members, each kind, then the shop's saved segments (kept selected)."""
        try:
            saved = self.session.svc.list_segments(self.session.user_id)
        except LoyaltyError as error:
            self.failed.emit(refusal_words(error))
            saved = []
        self._saved = {s.id: s for s in saved}
        choices: dict[object, str] = {None: tr("All members")}
        choices.update({kind.value: text for kind, text in kind_names().items()})
        choices.update({segment.id: tr("Saved: {name}").format(name=segment.name) for segment in saved})
        build.refill(self.choice, choices, self.choice.currentData())
        self._show_fields()

    def rule(self) -> SegmentRule | None:
        """The rule the bar shows now (None: all members)."""
        data = self.choice.currentData()
        if data is None:
            return None
        if isinstance(data, int):
            saved = self._saved.get(data)
            return saved.rule if saved else None
        kind = SegmentKind(data)
        if kind == SegmentKind.ENROLLED:
            return SegmentRule(kind.value, first=fmt.day_of(self.first.date()), last=fmt.day_of(self.last.date()))
        return SegmentRule(kind.value, self.number.value() if PARAMETERS[kind] is not None else None)

    def save(self) -> None:
        rule = self.rule()
        if rule is None:
            return
        name = NameQuestion.ask(self)
        if name is None:
            return
        try:
            saved = self.session.svc.save_segment(self.session.user_id, name, rule, program_id=self._program_id(),
                                                  actor=self.session.actor)
        except LoyaltyError as error:
            self.failed.emit(refusal_words(error))
            return
        self.fill()
        self.choice.setCurrentIndex(self.choice.findData(saved.id))

    def delete(self) -> None:
        data = self.choice.currentData()
        if not isinstance(data, int) or not Confirm.ask(
                self, tr("Delete segment"), tr("Delete the saved segment {name}? Its members are not touched.")
                .format(name=self._saved[data].name if data in self._saved else "")):
            return
        try:
            self.session.svc.delete_segment(self.session.user_id, data, actor=self.session.actor)
        except LoyaltyError as error:
            self.failed.emit(refusal_words(error))
            return
        self.choice.setCurrentIndex(0)
        self.fill()

    # --- slots ---------------------------------------------------------------

    def _chosen(self, _index: int) -> None:
        self._show_fields()
        self._announce()

    def _show_fields(self) -> None:
        """The number or the period the chosen kind takes, at its default; a saved one shows its own."""
        data = self.choice.currentData()
        saved = self._saved.get(data) if isinstance(data, int) else None
        kind = SegmentKind(saved.rule.kind if saved else data) if data is not None else None
        parameter = PARAMETERS[kind] if kind is not None else None
        for widget in (self.number, self.first, self.last):
            widget.blockSignals(True)
        if parameter is not None and kind is not None:
            self.number.setRange(parameter.minimum, parameter.maximum)
            self.number.setSuffix(suffixes()[kind])
            self.number.setValue(saved.rule.number if saved and saved.rule.number else parameter.default)
        if kind == SegmentKind.ENROLLED:
            today = fmt.day_of(fmt.today())
            first = saved.rule.first if saved and saved.rule.first else today - dt.timedelta(days=ENROLLED_DEFAULT_DAYS)
            last = saved.rule.last if saved and saved.rule.last else today
            self.first.setDate(QDate(first.year, first.month, first.day))
            self.last.setDate(QDate(last.year, last.month, last.day))
        for widget in (self.number, self.first, self.last):
            widget.blockSignals(False)
        editable = saved is None        # a saved segment keeps its rule: save a new one to change it
        self.number.setVisible(parameter is not None)
        self.number.setEnabled(editable)
        for part in (self.first, self.and_label, self.last):
            part.setVisible(kind == SegmentKind.ENROLLED)
            part.setEnabled(editable)
        may_manage = self.session.may(Permission.MANAGE_SEGMENTS)
        self.save_button.setEnabled(may_manage and kind is not None and editable)
        self.delete_button.setEnabled(may_manage and saved is not None)
        self.export_button.setEnabled(kind is not None and self.session.exports is not None
                                      and self.session.may(Permission.IMPORT_EXPORT))
        self.email_button.setEnabled(kind is not None and self.session.may(Permission.EDIT_MESSAGES))

    def _announce(self) -> None:
        self._timer.stop()
        self.ruleChanged.emit(self.rule())
