"""The Programs tab: the shop's programs on the left, the selected one's settings and tiers on the right.

The tab talks to the engine only through `LoyaltyService`. After each successful
write it announces the change (`session.notify`), and, as a `Tab`, it reloads whenever a
change touches programs (its reload never announces, so there is no loop). A half-edited
form is never overwritten by a reload.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QTabWidget,
    QWidget,
)

from ...errors import LoyaltyError
from ..i18n import tr
from ..shell.changes import PROGRAM, PROGRAMS, SHOP
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..shell.theme import accent, paint
from ..widgets import build
from ..widgets.forms import Confirm
from ..widgets.tables import RowsModel, read_only_table, select_row
from .program_editor import STATUS_LABELS, TYPE_LABELS, ProgramEditor
from .promotion_editor import PromotionEditor
from .tier_editor import TierEditor


class ProgramListModel(RowsModel):
    """The shop's programs, oldest first: name, type and status."""

    IdRole = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Program"), tr("Type"), tr("Status"))

    def cell(self, program: Any, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (program.program_name, TYPE_LABELS.get(program.program_type, program.program_type),
                    STATUS_LABELS.get(program.status, program.status))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{program.program_name} — {TYPE_LABELS.get(program.program_type, program.program_type)}, " \
                   f"{STATUS_LABELS.get(program.status, program.status).lower()}"
            return text + (f"\n{program.description}" if program.description else "")
        if role == Qt.ItemDataRole.ForegroundRole and program.status != "active":
            return accent("muted")
        if role == Qt.ItemDataRole.FontRole and column == 0 and program.status == "active":
            font = QFont()
            font.setBold(True)
            return font
        if role == self.IdRole:
            return program.id
        return None


class ProgramsTab(Tab):
    """Programs, their settings, activation and tiers, for the owner."""

    CONCERNS = frozenset({PROGRAMS, SHOP})

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("programsTab")
        self._current_id: int | None = None
        self._creating = False            # the owner asked for a new program: keep its blank form
        self._selecting = False

        self.splitter = build.splitter("programsSplitter", self._build_list(), self._build_editor(session),
                                       stretch=(0, 1), sizes=(300, 900))
        build.column(self.splitter, parent=self).setContentsMargins(6, 6, 6, 6)
        self.save_shortcut = build.shortcut(self, QKeySequence.StandardKey.Save, self.save_current)
        self.new_shortcut = build.shortcut(self, QKeySequence.StandardKey.New, self.new_program)
        build.tab_order(self.list, self.new_button, self.activate_button, self.deactivate_button, self.pages)
        self.refresh()

    def _build_list(self) -> QWidget:
        self.model = ProgramListModel(self)
        self.list = read_only_table("programsList", tr("Programs"), self.model, plain=True)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.new_button = build.button(tr("&New program"), "newProgramButton", self.new_program,
                                       tooltip=tr("Set up a new program (Ctrl+N)"))
        left = build.pane("programsListPane", build.label("programsListTitle", tr("Programs"), bold=True),
                          (self.list, 1), self.new_button, margins=(0, 0, 4, 0))
        left.setMinimumWidth(220)
        return left

    def _build_editor(self, session: ShopSession) -> QWidget:
        self.title = build.label("programTitle", scale=1.35, bold=True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = build.label("programStatusBadge")
        self.activate_button = build.button(tr("&Activate"), "activateProgramButton",
                                            lambda: self.set_status("active"),
                                            tooltip=tr("Members earn and redeem points again"))
        self.deactivate_button = build.button(
            tr("Deac&tivate"), "deactivateProgramButton", lambda: self.set_status("inactive"),
            tooltip=tr("Stop earning and redeeming in this program; members and points are kept"))
        # The heading keeps its height when the activate/deactivate buttons hide (a new program has neither).
        self.title.setMinimumHeight(self.activate_button.sizeHint().height())
        self.editor = ProgramEditor(session)
        self.editor.written.connect(self._program_written)
        self.tiers = TierEditor(session)
        self.tiers.written.connect(self._tier_written)
        self.pages = QTabWidget()
        self.pages.setObjectName("programEditorTabs")
        self.promotions = PromotionEditor(session)
        self.promotions.written.connect(self._tier_written)
        self.pages.addTab(self.editor, tr("&Settings"))
        self.pages.addTab(self.tiers, tr("T&iers"))
        self.pages.addTab(self.promotions, tr("&Promotions"))
        self.pages.setTabToolTip(0, tr("Every setting of the program"))
        self.pages.setTabToolTip(1, tr("The tiers of the program: ranges, multipliers and benefits"))
        self.pages.setTabToolTip(2, tr("Bonus events: double points on Tuesdays, a bonus over an amount"))
        right = build.pane("programEditorPane", build.row(self.title, 8, self.badge, None, self.activate_button,
                                                          self.deactivate_button),
                           (self.pages, 1), margins=(4, 0, 0, 0))
        return right

    # --- what is shown ------------------------------------------------------------------------

    def current_program(self) -> Any:
        row = self.model.row_of(self._current_id)
        return self.model.rows[row] if row >= 0 else None

    def refresh(self) -> None:
        """Reload from the service. Never announces a change; leaves unsaved edits alone."""
        super().refresh()
        self.editor.follow_formats()  # first, so a locale change does not make the editor look edited
        self.tiers.follow_formats()
        self.promotions.follow_formats()
        programs = self.session.svc.get_loyalty_programs(self.session.user_id)
        self._selecting = True
        try:
            self.model.replace_rows(programs)
        finally:
            self._selecting = False
        program = self.current_program()
        if program is None and self._current_id is not None:
            self._current_id = None            # gone (another register): fall back below
        if program is None and self.editor.program is None and (self._creating or self.editor.is_dirty()):
            self._select_row(-1)               # a new program being set up: keep its form
        elif program is None:
            if programs:
                self._show(programs[0])
            else:
                self._show(None)
        else:
            self._select_row(self.model.row_of(program.id))
            if not self.editor.is_dirty() and program != self.editor.program:
                self.editor.fill(program)
            self.tiers.show_program(program)
            self.promotions.show_program(program)
        self._update_heading()

    def _show(self, program: Any) -> None:
        self._current_id = program.id if program is not None else None
        self._creating = False
        self._select_row(self.model.row_of(self._current_id))
        self.editor.fill(program)
        self.tiers.show_program(program)
        self.promotions.show_program(program)
        self._update_heading()

    def _select_row(self, row: int) -> None:
        self._selecting = True
        try:
            select_row(self.list, row)
        finally:
            self._selecting = False

    def _update_heading(self) -> None:
        program = self.current_program()
        if program is None:
            self.title.setText(tr("New program"))
            self.badge.clear()
            self.activate_button.setVisible(False)
            self.deactivate_button.setVisible(False)
            self.pages.setTabEnabled(1, False)
            self.pages.setTabEnabled(2, False)
            self.pages.setTabToolTip(1, tr("Save the program first, then add its tiers"))
            if self.pages.currentIndex() != 0:
                self.pages.setCurrentIndex(0)
            return
        active = program.status == "active"
        self.title.setText(program.program_name)
        self.badge.setText(STATUS_LABELS.get(program.status, program.status))
        paint(self.badge, "good" if active else "muted", "color: {}; font-weight: bold;")
        self.activate_button.setVisible(not active)
        self.deactivate_button.setVisible(active)
        self.pages.setTabEnabled(1, True)
        # A stamp card takes no promotion (README, "Promotions"): one stamp per visit, whatever happens.
        stamps = program.program_type == "stamps"
        self.pages.setTabEnabled(2, not stamps)
        self.pages.setTabToolTip(2, tr("A stamp card earns one stamp per visit: promotions do not apply") if stamps
                                 else tr("Bonus events: double points on Tuesdays, a bonus over an amount"))
        self.pages.setTabToolTip(1, tr("The tiers of the program: ranges, multipliers and benefits"))

    def _unsaved(self) -> bool:
        return self.editor.is_dirty() or self.tiers.is_dirty() or self.promotions.is_dirty()

    def _may_leave(self) -> bool:
        return not self._unsaved() or Confirm.ask(self, tr("Unsaved changes"),
                                                  tr("Discard the changes you have not saved?"))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        program = self.model.rows[current.row()]
        if program.id == self._current_id:
            return
        if not self._may_leave():
            self._select_row(self.model.row_of(self._current_id))
            return
        self._show(program)

    # --- actions ------------------------------------------------------------------------------------

    def new_program(self) -> None:
        if not self._may_leave():
            return
        self._show(None)
        self._creating = True
        self.pages.setCurrentIndex(0)
        self.editor.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_current(self) -> bool:
        """Ctrl+S: save whichever editor is showing."""
        if self.pages.currentWidget() is self.tiers:
            return self.tiers.save()
        if self.pages.currentWidget() is self.promotions:
            return self.promotions.save()
        return self.editor.save()

    def set_status(self, status: str) -> bool:
        """Activate or deactivate the selected program, keeping any other edits in the form."""
        program = self.current_program()
        if program is None:
            return False
        try:
            result = self.session.svc.update_loyalty_program(self.session.user_id, program.id, {"status": status},
                                                             actor=self.session.actor)
        except LoyaltyError as error:
            self.editor.errors.show(error)
            return False
        self.editor.set_status(result)
        self.session.notify(PROGRAM, self)
        return True

    def _program_written(self, program: Any) -> None:
        self._current_id = program.id
        self._creating = False
        self.session.notify(PROGRAM, self)

    def _tier_written(self, _tier: Any) -> None:
        self.session.notify(PROGRAM, self)


__all__ = ["ProgramListModel", "ProgramsTab"]
