"""Form helpers shared by every dialog and editor: errors shown next to the field they concern."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QMessageBox, QPlainTextEdit, QWidget

from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.theme import paint
from .workers import report_unexpected


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setVisible(False)
    paint(label, "bad")
    label.setAccessibleName(tr("error"))
    return label


class FieldErrors:
    """Puts an error message under the field it concerns, or in a general label.

    Add fields with `add_row(form, "Label", widget, "field_name")`; a LoyaltyError whose
    `field` matches is shown under that widget, any other in the general label.
    """

    def __init__(self, general: QLabel, *, clear_on_edit: bool = True) -> None:
        self.general = general
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        # False for a form that re-checks every field as it is typed and shows or hides each error itself.
        self._clear_on_edit = clear_on_edit

    def add_row(self, form: QFormLayout, text: str, widget: QWidget, field: str) -> None:
        label = error_label(f"{field}Error")
        self.labels[field] = label
        self.widgets[field] = widget
        form.addRow(text, widget)
        form.addRow("", label)
        if self._clear_on_edit:
            self.clear_on_edit(widget, label)

    @staticmethod
    def clear_on_edit(widget: QWidget, label: QLabel) -> None:
        """An error goes away as soon as the person changes the field it is about."""
        for name in ("textEdited", "valueChanged", "currentIndexChanged", "toggled", "dateChanged"):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_args, label=label: label.setVisible(False))
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(lambda label=label: label.setVisible(False))

    def clear(self) -> None:
        for label in [*self.labels.values(), self.general]:
            label.clear()
            label.setVisible(False)

    def show_text(self, message: str, field: str | None = None, *, focus: bool = True) -> None:
        """The message next to its field (or in the general label); with focus, that field gets the focus."""
        label = self.labels.get(field or "", self.general)
        label.setText(message)
        label.setVisible(True)
        grow_to_fit(label.window())
        widget = self.widgets.get(field or "")
        if widget is not None and focus:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show(self, error: LoyaltyError) -> None:
        self.show_text(refusal_words(error), error.field)

    def show_refusal(self, error: BaseException) -> None:
        """A refusal of the service next to its field; anything else to the crash reporter."""
        if isinstance(error, LoyaltyError):
            self.show(error)
        else:
            report_unexpected(error)

    def message(self, field: str | None = None) -> str:
        label = self.labels.get(field or "", self.general)
        return label.text() if not label.isHidden() else ""


def grow_to_fit(window: QWidget) -> None:
    """A dialog grows to show a message that wraps onto a second line, instead of clipping it."""
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
    if needed > window.height():
        window.resize(window.width(), needed)


class Confirm:
    """Yes/no questions, behind a classmethod that tests can patch."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A non-blocking information message."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("infoMessage")
    box.open()
    return box
