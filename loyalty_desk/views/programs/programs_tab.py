"""The Programs tab: the shop's programs on the left, the selected one's settings and tiers on the right.

The tab talks to the engine only through `LoyaltyService`. After each successful
write it announces the change (`session.notify`), and, as a `Tab`, it reloads whenever a
change touches programs (its reload never announces, so there is no loop). A half-edited
form is never overwritten by a reload.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...errors import LoyaltyError
from ..shell.changes import PROGRAM, PROGRAMS, SHOP
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..shell.theme import accent, paint
from ..widgets.forms import Confirm
from ..widgets.tables import Index, RowsModel, read_only_table, select_row
from .program_editor import STATUS_LABELS, TYPE_LABELS, ProgramEditor
from .tier_editor import TierEditor


class ProgramListModel(RowsModel):
    """The shop's programs, oldest first: name, type and status."""

    COLUMNS = ("Program", "Type", "Status")
    IdRole = Qt.ItemDataRole.UserRole

    @property
    def programs(self) -> list[Any]:
        return self.rows

    def set_programs(self, programs: list[Any]) -> None:
        self.replace_rows(programs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.programs):
            return None
        program, column = self.programs[index.row()], index.column()
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
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

        # The list ------------------------------------------------------------------------------
        self.model = ProgramListModel(self)
        self.list = read_only_table("programsList", "Programs", self.model)
        self.list.setShowGrid(False)
        self.list.verticalHeader().setVisible(False)
        header = self.list.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)

        self.new_button = QPushButton("&New program")
        self.new_button.setObjectName("newProgramButton")
        self.new_button.setToolTip("Set up a new program (Ctrl+N)")
        self.new_button.clicked.connect(self.new_program)

        list_title = QLabel("Programs")
        list_title.setObjectName("programsListTitle")
        title_font = QFont(list_title.font())
        title_font.setBold(True)
        list_title.setFont(title_font)
        left = QWidget()
        left.setObjectName("programsListPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(list_title)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        left.setMinimumWidth(220)

        # The editor --------------------------------------------------------------------------------
        self.title = QLabel()
        self.title.setObjectName("programTitle")
        big = QFont(self.title.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        self.title.setFont(big)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = QLabel()
        self.badge.setObjectName("programStatusBadge")
        self.activate_button = QPushButton("&Activate")
        self.activate_button.setObjectName("activateProgramButton")
        self.activate_button.setToolTip("Members earn and redeem points again")
        self.activate_button.clicked.connect(lambda: self.set_status("active"))
        self.deactivate_button = QPushButton("Deac&tivate")
        self.deactivate_button.setObjectName("deactivateProgramButton")
        self.deactivate_button.setToolTip("Stop earning and redeeming in this program; members and points are kept")
        self.deactivate_button.clicked.connect(lambda: self.set_status("inactive"))
        # The heading keeps its height when the activate/deactivate buttons hide (a new program has neither).
        self.title.setMinimumHeight(self.activate_button.sizeHint().height())
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(8)
        heading.addWidget(self.badge)
        heading.addStretch(1)
        heading.addWidget(self.activate_button)
        heading.addWidget(self.deactivate_button)

        self.editor = ProgramEditor(session)
        self.editor.written.connect(self._program_written)
        self.tiers = TierEditor(session)
        self.tiers.written.connect(self._tier_written)
        self.pages = QTabWidget()
        self.pages.setObjectName("programEditorTabs")
        self.pages.addTab(self.editor, "&Settings")
        self.pages.addTab(self.tiers, "T&iers")
        self.pages.setTabToolTip(0, "Every setting of the program")
        self.pages.setTabToolTip(1, "The tiers of the program: ranges, multipliers and benefits")

        right = QWidget()
        right.setObjectName("programEditorPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addLayout(heading)
        right_layout.addWidget(self.pages, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("programsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save_current)
        self.new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self.new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_shortcut.activated.connect(self.new_program)

        QWidget.setTabOrder(self.list, self.new_button)
        QWidget.setTabOrder(self.new_button, self.activate_button)
        QWidget.setTabOrder(self.activate_button, self.deactivate_button)
        QWidget.setTabOrder(self.deactivate_button, self.pages)

        self.refresh()

    # --- what is shown ------------------------------------------------------------------------

    def current_program(self) -> Any:
        row = self.model.row_of(self._current_id)
        return self.model.programs[row] if row >= 0 else None

    def refresh(self) -> None:
        """Reload from the service. Never announces a change; leaves unsaved edits alone."""
        super().refresh()
        programs = self.session.svc.get_loyalty_programs(self.session.user_id)
        self._selecting = True
        try:
            self.model.set_programs(programs)
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
        self._update_heading()

    def _show(self, program: Any) -> None:
        self._current_id = program.id if program is not None else None
        self._creating = False
        self._select_row(self.model.row_of(self._current_id))
        self.editor.fill(program)
        self.tiers.show_program(program)
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
            self.title.setText("New program")
            self.badge.clear()
            self.activate_button.setVisible(False)
            self.deactivate_button.setVisible(False)
            self.pages.setTabEnabled(1, False)
            self.pages.setTabToolTip(1, "Save the program first, then add its tiers")
            if self.pages.currentIndex() == 1:
                self.pages.setCurrentIndex(0)
            return
        active = program.status == "active"
        self.title.setText(program.program_name)
        self.badge.setText(STATUS_LABELS.get(program.status, program.status))
        paint(self.badge, "good" if active else "muted", "color: {}; font-weight: bold;")
        self.activate_button.setVisible(not active)
        self.deactivate_button.setVisible(active)
        self.pages.setTabEnabled(1, True)
        self.pages.setTabToolTip(1, "The tiers of the program: ranges, multipliers and benefits")

    def _unsaved(self) -> bool:
        return self.editor.is_dirty() or self.tiers.is_dirty()

    def _may_leave(self) -> bool:
        return not self._unsaved() or Confirm.ask(self, "Unsaved changes",
                                                  "Discard the changes you have not saved?")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        program = self.model.programs[current.row()]
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
        return self.editor.save()

    def set_status(self, status: str) -> bool:
        """Activate or deactivate the selected program, keeping any other edits in the form."""
        program = self.current_program()
        if program is None:
            return False
        try:
            result = self.session.svc.update_loyalty_program(self.session.user_id, program.id, {"status": status})
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
