"""A manager's approval, asked in place: the action that needed it then completes.

The dialog only collects who approves and their PIN; the service checks both inside the very
call it approves (a wrong PIN, one's own approval or a cashier's are refused there, nothing is
written, and the dialog opens again with the reason).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import FieldErrors, error_label
from .pin import pin_field


class ApprovalDialog(QDialog):
    def __init__(self, session: ShopSession, reason: str, parent: QWidget | None = None, *,
                 refusal: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(tr("Manager approval"))
        self.setModal(True)
        self.reason = build.label("approvalReason", f"<b>{reason}</b>", wrap=True)
        self.approver = build.combo("approvalApprover", {
            staff_id: name for staff_id, name in session.svc.sign_in_names(session.user_id)
            if staff_id != session.actor}, accessible=tr("Approved by"))
        self.pin = pin_field("approvalPin", tr("Approver's PIN"))
        self.errors = FieldErrors(error_label("approvalError"))
        form = QFormLayout()
        self.errors.add_row(form, tr("Approved by"), self.approver, "approver")
        self.errors.add_row(form, tr("Their PIN"), self.pin, "approver_pin")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Approve"))
        buttons.accepted.connect(self.approve)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(build.label("approvalHint", tr("A manager or the owner approves with their own PIN."),
                                     wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        if refusal:
            self.errors.show_text(refusal, "approver_pin")
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def grant(self) -> dict[str, Any]:
        """The keywords the approved call takes."""
        return {"approver": self.approver.currentData(), "approver_pin": self.pin.text()}

    def approve(self) -> None:
        if self.approver.currentData() is None:
            self.errors.show_text(tr("Nobody else can approve: add a manager in Settings ▸ Staff"), "approver")
            return
        if len(self.pin.text()) < 4:
            self.errors.show_text(tr("Type the approver's PIN (4 to 8 digits)"), "approver_pin")
            return
        self.accept()
