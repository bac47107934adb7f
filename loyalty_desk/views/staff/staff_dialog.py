"""Settings ▸ Staff (the owner): add, edit, deactivate and reactivate staff, and reset a PIN.

The first person added must be an owner; they are signed in at once, since they have just
typed their PIN. The service keeps the rules (unique names, the last active owner stays).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ...domain.permissions import Role
from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import Changes
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import FieldErrors, error_label
from ..widgets.tables import RowsModel, read_only_table, select_row
from .pin import pin_field

STAFF_CHANGED = Changes(staff=True)


def role_names() -> dict[str, str]:
    """Each role's name, by its value (made when asked: the translation is loaded by then)."""
    return {Role.CASHIER.value: tr("Cashier"), Role.MANAGER.value: tr("Manager"), Role.OWNER.value: tr("Owner")}


class StaffModel(RowsModel):
    COLUMNS = ("Name", "Role", "Status", "Since")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Name"), tr("Role"), tr("Status"), tr("Since"))
        self.roles = role_names()

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (row.name, self.roles.get(row.role, row.role), tr("active") if row.active else tr("deactivated"),
                fmt.date(row.created_at.date()))[column]


class StaffEditor(QDialog):
    """One person: name, role and PIN (for someone already there, a new PIN resets theirs)."""

    def __init__(self, session: ShopSession, person: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.person = person
        self.saved: Any = None
        self.setObjectName("staffEditor")
        self.setWindowTitle(tr("Edit staff member") if person else tr("Add staff member"))
        self.setModal(True)
        first = person is None and not session.has_staff
        self.name = build.line_edit("staffName", person.name if person else "", accessible=tr("Name"), max_length=60)
        self.role = build.combo("staffRole", role_names(), accessible=tr("Role"))
        self.role.setCurrentIndex(self.role.findData(person.role if person else
                                                     (Role.OWNER.value if first else Role.CASHIER.value)))
        self.role.setEnabled(not first)   # the first person is the owner
        self.pin = pin_field("staffPin", tr("PIN"))
        if person is not None:
            self.pin.setPlaceholderText(tr("leave empty to keep the PIN"))
        self.errors = FieldErrors(error_label("staffEditorError"))
        form = QFormLayout()
        self.errors.add_row(form, tr("Name"), self.name, "name")
        self.errors.add_row(form, tr("Role"), self.role, "role")
        self.errors.add_row(form, tr("New PIN") if person else tr("PIN"), self.pin, "pin")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if first:
            layout.addWidget(build.label("staffFirstHint", tr("The first staff member is the shop's owner. From now "
                                            "on everyone signs in with a PIN."), wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name.text().strip(), "role": self.role.currentData()}
        if self.pin.text() or self.person is None:
            data["pin"] = self.pin.text()
        if self.person is not None:
            data = {key: value for key, value in data.items() if key == "pin" or getattr(self.person, key) != value}
        return data

    def save(self) -> None:
        self.errors.clear()
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        data = self.values()
        if not data:
            self.accept()
            return
        first = not self.session.has_staff
        try:
            if self.person is None:
                self.saved = svc.create_staff(user, data, actor=actor)
            else:
                self.saved = svc.update_staff(user, self.person.id, data, actor=actor)
            if first:   # the new owner has just typed their PIN: they are the one at the keyboard
                self.session.set_person(svc.sign_in(user, self.saved.id, data["pin"]))
        except LoyaltyError as error:
            self.errors.show(error)
            return
        self.session.notify(STAFF_CHANGED, self)
        self.accept()


class StaffDialog(QDialog):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("staffDialog")
        self.setWindowTitle(tr("Staff"))
        self.model = StaffModel(self)
        self.table = read_only_table("staffTable", tr("Staff"), self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.error = error_label("staffError")
        self.add_button = build.button(tr("Add…"), "staffAdd", self.add)
        self.edit_button = build.button(tr("Edit or reset PIN…"), "staffEdit", self.edit)
        self.active_button = build.button(tr("Deactivate"), "staffActive", self.toggle_active)
        close = build.button(tr("Close"), "staffClose", self.accept)
        build.column(build.label("staffIntro", tr("Everyone who works the till signs in with their own PIN. "
                                    "Cashiers sell, redeem and enroll; managers also approve, fulfil and see the "
                                    "audit log; owners change everything."), wrap=True),
                     (self.table, 1), self.error,
                     build.row(self.add_button, self.edit_button, self.active_button, None, close, margins=False),
                     parent=self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._selection_changed())
        self.resize(560, 380)
        self.reload()

    def chosen(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def reload(self, keep: int | None = None) -> None:
        try:
            rows = self.session.svc.list_staff(self.session.user_id, actor=self.session.actor)
        except LoyaltyError as error:
            self.error.setText(refusal_words(error))
            self.error.setVisible(True)
            rows = []
        self.model.replace_rows(rows)
        select_row(self.table, max(0, self.model.row_of(keep)) if rows else -1)
        self._selection_changed()

    def _selection_changed(self) -> None:
        person = self.chosen()
        self.edit_button.setEnabled(person is not None)
        self.active_button.setEnabled(person is not None)
        self.active_button.setText(tr("Reactivate") if person is not None and not person.active else tr("Deactivate"))

    def add(self) -> None:
        self._open(StaffEditor(self.session, None, self))

    def edit(self) -> None:
        if self.chosen() is not None:
            self._open(StaffEditor(self.session, self.chosen(), self))

    def _open(self, editor: StaffEditor) -> None:
        self.editor = editor
        editor.accepted.connect(lambda: self.reload(editor.saved.id if editor.saved else None))
        editor.open()

    def toggle_active(self) -> None:
        person = self.chosen()
        if person is None:
            return
        self.error.setVisible(False)
        try:
            self.session.svc.update_staff(self.session.user_id, person.id, {"active": not person.active},
                                          actor=self.session.actor)
        except LoyaltyError as error:
            self.error.setText(refusal_words(error))
            self.error.setVisible(True)
            return
        self.session.notify(STAFF_CHANGED, self)
        self.reload(person.id)
