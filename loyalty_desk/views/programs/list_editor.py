"""What the tier and promotion editors share: a table of one program's rows above a form for one
of them. Selecting a row fills the form; a half-edited form asks before it is left."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import formatting as fmt
from ..widgets.form_cycle import FormCycle
from ..widgets.forms import Confirm, FieldErrors, error_label
from ..widgets.tables import RowsModel, select_row


class ListEditor(FormCycle, QWidget):
    """A subclass builds `table`, `model` and `name` (the form's first field), and says what
    `discard_question` asks. `written` fires after every stored change."""

    written = Signal(object)
    table: QTableView
    model: RowsModel
    name: QLineEdit

    def __init__(self, session: ShopSession, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(name)
        self.program: Any = None
        self.current: Any = None          # the stored row being edited; None while adding one
        self._selecting = False
        self._filling = False
        self.number_locale = fmt.locale()  # the one its rates are written in
        self.general = error_label(name.removesuffix("Editor") + "Error")
        self.errors = FieldErrors(self.general)

    @property
    def stored(self) -> Any:
        return self.current

    def discard_question(self) -> str:  # pragma: no cover - every editor overrides it
        raise NotImplementedError

    def may_leave(self) -> bool:
        """No unsaved change, or the person agreed to throw it away."""
        return not self.is_dirty() or Confirm.ask(self, tr("Unsaved changes"), self.discard_question())

    def is_dirty(self) -> bool:  # pragma: no cover - every editor overrides it
        raise NotImplementedError

    def start_new(self) -> None:
        """A blank form for a new row, the focus in its first field."""
        if not self.may_leave():
            return
        self.fill(None)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_row(self, row: int) -> None:
        """Select a row (-1: none) without treating it as the person's choice."""
        self._selecting = True
        try:
            select_row(self.table, row)
        finally:
            self._selecting = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.model.rows[current.row()]
        if self.current is not None and row.id == self.current.id:
            return
        if not self.may_leave():
            self._select_row(self.model.row_of(self.current.id) if self.current is not None else -1)
            return
        self.fill(row)


__all__ = ["ListEditor"]
