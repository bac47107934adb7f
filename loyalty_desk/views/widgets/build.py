"""Builders for the widgets every screen makes the same way: a named label, line edit or
button, a row of widgets, a form layout. Each takes its object name first, because tests
and screenshots find widgets by it."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# What a row or column holds: a widget or layout, (either, its stretch), a spacing in pixels, or None
# for a stretch.
Item = QWidget | QLayout | tuple[QWidget | QLayout, int] | int | None


def label(name: str, text: str = "", *, scale: float = 1.0, bold: bool = False, wrap: bool = False,
          selectable: bool = False, visible: bool = True) -> QLabel:
    """A label; `scale` and `bold` make a heading, `selectable` lets a number or code be copied."""
    widget = QLabel(text)
    widget.setObjectName(name)
    if scale != 1.0 or bold:
        font = QFont(widget.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        widget.setFont(font)
    widget.setWordWrap(wrap)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if not visible:
        widget.setVisible(False)
    return widget


def line_edit(name: str, text: str = "", *, placeholder: str = "", accessible: str = "",
              max_length: int = 0) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if accessible:
        edit.setAccessibleName(accessible)
    if max_length:
        edit.setMaxLength(max_length)
    return edit


def text_area(name: str, *, placeholder: str = "", lines: int = 3, accessible: str = "") -> QPlainTextEdit:
    """A few lines of free text in a form: Tab moves on rather than typing a tab."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    if accessible:
        edit.setAccessibleName(accessible)
    return edit


def combo(name: str, choices: Mapping[Any, str], *, accessible: str = "", tooltip: str = "") -> QComboBox:
    """A drop-down of `choices` (value -> label), each item carrying its value as data."""
    box = QComboBox()
    box.setObjectName(name)
    for value, text in choices.items():
        box.addItem(text, value)
    if accessible:
        box.setAccessibleName(accessible)
    if tooltip:
        box.setToolTip(tooltip)
    return box


def refill(box: QComboBox, choices: Mapping[Any, str], keep: Any = None) -> None:
    """Replace a drop-down's items without signalling, keeping the value `keep` when it is still
    there (else the first item)."""
    box.blockSignals(True)
    try:
        box.clear()
        for value, text in choices.items():
            box.addItem(text, value)
        box.setCurrentIndex(max(box.findData(keep), 0))
    finally:
        box.blockSignals(False)


def button(text: str, name: str, slot: Callable[[], Any] | None = None, *, tooltip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    if tooltip:
        widget.setToolTip(tooltip)
    if slot is not None:
        widget.clicked.connect(lambda _checked=False: slot())
    return widget


def dialog_buttons(dialog: QDialog, ok: QDialogButtonBox.StandardButton) -> tuple[QDialogButtonBox, QPushButton]:
    """`ok` (Save, Ok...) and Cancel, wired to the dialog's accept and reject; returns the box and
    its `ok` button (to disable until the form is complete, or to name)."""
    box = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, box.button(ok)


def closing_tabs(dialog: QDialog, pages: QWidget, close_name: str) -> QDialogButtonBox:
    """A dialog of tabs (`pages`) with one Close button below (named `close_name`); Esc closes it too."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.rejected.connect(dialog.reject)
    box.button(QDialogButtonBox.StandardButton.Close).setObjectName(close_name)
    column((pages, 1), box, parent=dialog)
    return box


def tool_button(name: str, slot: Callable[[], Any], *, text: str = "", icon: QIcon | None = None,
                accessible: str = "", tooltip: str = "") -> QToolButton:
    """A small button of a sign or an icon, named for screen readers since it shows no words."""
    widget = QToolButton()
    widget.setObjectName(name)
    widget.setText(text)
    if icon is not None:
        widget.setIcon(icon)
    widget.setAccessibleName(accessible)
    widget.setToolTip(tooltip)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def row(*items: Item, margins: bool = True, spacing: int = -1,
        parent: QWidget | None = None) -> QHBoxLayout:
    """Widgets and layouts side by side (see `Item`)."""
    return _fill(QHBoxLayout(parent) if parent is not None else QHBoxLayout(), items, margins, spacing)


def column(*items: Item, margins: bool = True, spacing: int = -1,
           parent: QWidget | None = None) -> QVBoxLayout:
    """Widgets and layouts one above the other (see `Item`)."""
    return _fill(QVBoxLayout(parent) if parent is not None else QVBoxLayout(), items, margins, spacing)


def _fill(layout: Any, items: tuple[Item, ...], margins: bool, spacing: int) -> Any:
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    if spacing >= 0:
        layout.setSpacing(spacing)
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, tuple) and isinstance(item[0], QLayout):
            layout.addLayout(*item)
        elif isinstance(item, tuple):
            layout.addWidget(*item)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return layout


def boxed(*items: Item, name: str = "", focus: QWidget | None = None, vertical: bool = False,
          spacing: int = -1) -> QWidget:
    """Several widgets as one form field: no margins, the focus going to `focus` (or the first)."""
    box = QWidget()
    if name:
        box.setObjectName(name)
    (column if vertical else row)(*items, margins=False, spacing=spacing, parent=box)
    proxy = focus or next((item for item in items if isinstance(item, QWidget)), None)
    if proxy is not None:
        box.setFocusProxy(proxy)
    return box


def pane(name: str, *items: Item, margins: tuple[int, int, int, int] = (0, 0, 0, 0),
         vertical: bool = True) -> QWidget:
    """A named widget holding `items` (see `row`), e.g. one side of a splitter."""
    widget = QWidget()
    widget.setObjectName(name)
    layout = (column if vertical else row)(*items, parent=widget)
    layout.setContentsMargins(*margins)
    return widget


def splitter(name: str, *widgets: QWidget, vertical: bool = False, sizes: tuple[int, ...] = (),
             stretch: tuple[int, ...] = ()) -> QSplitter:
    """A named splitter whose panes never collapse; its state is remembered by name (main_window)."""
    split = QSplitter(Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
    split.setObjectName(name)
    split.setChildrenCollapsible(False)
    for widget in widgets:
        split.addWidget(widget)
    for index, factor in enumerate(stretch):
        split.setStretchFactor(index, factor)
    if sizes:
        split.setSizes(list(sizes))
    return split


def shortcut(parent: QWidget, key: QKeySequence | QKeySequence.StandardKey | str,
             slot: Callable[[], Any]) -> QShortcut:
    """A key that works while the focus is anywhere inside `parent` (and only there)."""
    keys = QShortcut(QKeySequence(key), parent)
    keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    keys.activated.connect(slot)
    return keys


def tab_order(*widgets: QWidget) -> None:
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def form_layout(*, grow: QFormLayout.FieldGrowthPolicy = QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow,
                spacing: int = 3, right_labels: bool = True) -> QFormLayout:
    """A form whose rows never wrap, with its labels right-aligned beside their fields."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(grow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    if right_labels:
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setVerticalSpacing(spacing)
    return form


__all__ = ["Item", "boxed", "button", "closing_tabs", "column", "combo", "dialog_buttons", "form_layout", "label",
           "line_edit", "pane", "row", "shortcut", "splitter", "refill", "tab_order", "text_area", "tool_button"]
