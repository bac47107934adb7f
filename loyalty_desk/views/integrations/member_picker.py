"""Pick a member with the counter's lookup (card, phone, email or name) and its result lines:
for a web order no member took (Settings ▸ Integrations… ▸ Web shops)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QListWidget, QListWidgetItem, QWidget

from ...errors import LoyaltyError
from ..counter.counter import result_text
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import error_label


class MemberPicker(QDialog):
    """Find the member a web order is theirs, with the counter's lookup (card, phone, email or
    name) and its result lines."""

    def __init__(self, session: ShopSession, clue: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("memberPicker")
        self.setWindowTitle(tr("Whose order is it?"))
        self.setModal(True)
        self.search = build.line_edit("pickerSearch", clue, accessible=tr("Find a member"),
                                      placeholder=tr("card, phone, email or name"))
        self.results = QListWidget()
        self.results.setObjectName("pickerResults")
        self.results.setAccessibleName(tr("Members found"))
        self.error = error_label("pickerError")
        buttons, self.ok_button = build.dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("&Record as theirs"))
        form = QFormLayout()
        form.addRow(tr("&Find"), self.search)
        build.column(form, (self.results, 1), self.error, buttons, parent=self)
        self.search.textChanged.connect(lambda _text: self.look_up())
        self.results.currentRowChanged.connect(lambda _row: self.ok_button.setEnabled(self.member_id is not None))
        self.results.itemActivated.connect(lambda _item: self.accept())
        self.resize(520, 360)
        self.look_up()

    @property
    def member_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def look_up(self) -> None:
        self.results.clear()
        self.error.setVisible(False)
        text = self.search.text().strip()
        found: list[Any] = []
        if text:
            try:
                found = self.session.svc.find_members(self.session.user_id, text, limit=20)
            except LoyaltyError as error:
                self.error.setText(refusal_words(error))
                self.error.setVisible(True)
        programs = {p.id: p.program_name for p in self.session.programs()} if found else {}
        for member in found:
            item = QListWidgetItem(result_text(member, programs.get(member.program_id, "")))
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.results.addItem(item)
        self.results.setCurrentRow(0 if found else -1)
        self.ok_button.setEnabled(self.member_id is not None)
