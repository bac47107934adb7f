"""Help ▸ Keyboard shortcuts: every shortcut, read from the window's own actions, so the sheet is never stale."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QMenuBar, QVBoxLayout, QWidget

from ..i18n import tr
from ..widgets import build
from ..widgets.tables import RowsModel, read_only_table


@dataclass(frozen=True)
class ShortcutRow:
    id: int
    keys: str        # as this platform writes them ("Ctrl+F", "⌘F" on a Mac)
    action: str
    menu: str


def shortcut_rows(bar: QMenuBar) -> list[ShortcutRow]:
    """Each menu action that has a key, in menu order, with the path of menus above it."""
    rows: list[ShortcutRow] = []

    def walk(actions: list[QAction], path: str) -> None:
        for action in actions:
            title = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu.actions(), f"{path} ▸ {title}" if path else title)
            elif not action.isSeparator():
                keys = "; ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())
                if keys:
                    rows.append(ShortcutRow(len(rows), keys, title, path))

    walk(bar.actions(), "")
    return rows


class ShortcutModel(RowsModel):
    COLUMNS = ("Keys", "Action", "Menu")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Keys"), tr("Action"), tr("Menu"))

    def cell(self, row: ShortcutRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.keys, row.action, row.menu)[column]
        return None


class ShortcutSheet(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.model = ShortcutModel(self)
        self.model.replace_rows(shortcut_rows(bar))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = build.line_edit("shortcutFilter", placeholder=tr("Filter: a key or an action"),
                                      accessible=tr("Filter the shortcuts"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = read_only_table("shortcutTable", tr("Keyboard shortcuts"), self.proxy, plain=True)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column in range(self.model.columnCount() - 1):     # room between a key and its action
            self.table.setColumnWidth(column, self.table.sizeHintForColumn(column) + 24)
        note = build.label("shortcutNote", tr("Every key works while a text field has focus. A scanner's code, "
                                              "typed fast and ended by Enter, opens the member wherever the cursor "
                                              "is."), wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 560)
