"""The counter's dialogs: purchase (F2), redeem (F3), enroll (F4), adjust, return, edit.

Each is opened with open() by the counter; the work is one service call, and
every refusal is shown next to the field it concerns.
"""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import DuplicateMember, LoyaltyError, ValidationError
from ..services.contacts import normalize_email, normalize_phone
from . import formatting as fmt
from .forms import FieldErrors, error_label
from .session import ShopSession

AMOUNT_PATTERN = QRegularExpression(r"^\d{0,7}([.,]\d{0,2})?$")


def new_order_ref() -> str:
    """A unique reference for a sale typed without one; made once per dialog, so a double
    confirmation replays instead of recording the sale twice."""
    return f"POS-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2).upper()}"


class CounterDialog(QDialog):
    """A form with OK/Cancel, a general error line, and errors next to fields."""

    done_with = Signal(object)

    def __init__(self, session: ShopSession, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.general = error_label(f"{name}Error")
        self.errors = FieldErrors(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}Heading")
        self.heading.setWordWrap(True)
        self.heading.setVisible(False)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def set_heading(self, text: str) -> None:
        """A line above the form, since window titles do not show everywhere (or in screenshots)."""
        self.heading.setText(f"<b>{text}</b>")
        self.heading.setVisible(True)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> None:
        self.errors.clear()
        try:
            result = self.save()
        except LoyaltyError as error:
            self.errors.show(error)
            return
        self.session.changed.emit()
        self.done_with.emit(result)
        self.accept()

    def save(self) -> Any:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError


class PurchaseDialog(CounterDialog):
    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Record purchase — {member.customer_name}", "purchaseDialog", parent)
        self.member = member
        self.set_heading(f"Purchase by {member.customer_name}")
        self.amount = QLineEdit()
        self.amount.setObjectName("purchaseAmount")
        self.amount.setValidator(QRegularExpressionValidator(AMOUNT_PATTERN, self.amount))
        self.amount.setPlaceholderText("0.00")
        self.order_ref = QLineEdit()
        self.order_ref.setObjectName("purchaseOrderRef")
        self.order_ref.setPlaceholderText("left empty: a new reference is made")
        self.preview = QLabel("Enter the amount")
        self.preview.setObjectName("purchasePreview")
        self.errors.add_row(self.form, f"Amount ({session.currency})", self.amount, "amount")
        self.errors.add_row(self.form, "Order reference", self.order_ref, "order_ref")
        self.form.addRow("Earns", self.preview)
        self.generated_ref = new_order_ref()
        self.amount.textChanged.connect(self._update_preview)
        self.ok_button.setDefault(True)
        self.amount.setFocus()

    def _update_preview(self, text: str) -> None:
        amount = fmt.parse_money(text)
        if amount is None or amount <= 0:
            self.preview.setText("Enter the amount")
            return
        try:
            points = self.session.svc.quote_purchase(self.session.user_id, self.member.program_id, self.member.id,
                                                     str(amount))
        except LoyaltyError as error:
            self.preview.setText(str(error))
            return
        self.preview.setText(f"{fmt.signed_points(points)} points")

    def save(self) -> Any:
        amount = fmt.parse_money(self.amount.text())
        if amount is None or amount <= 0:
            raise ValidationError("Enter the amount of the purchase", field="amount")
        ref = self.order_ref.text().strip() or self.generated_ref
        return self.session.svc.record_purchase(self.session.user_id, self.member.program_id, self.member.id,
                                                str(amount), ref)


class RedeemDialog(CounterDialog):
    voucherRequested = Signal(object)

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Redeem a reward — {member.customer_name}", "redeemDialog", parent)
        self.member = member
        self.set_heading(f"Rewards for {member.customer_name} · {fmt.points(member.current_points)} points")
        self.pages = QStackedWidget()
        self.rewards = QListWidget()
        self.rewards.setObjectName("redeemRewards")
        self.rewards.setMinimumHeight(220)
        self.rewards.itemDoubleClicked.connect(lambda _item: self.submit())
        self.code = QLabel()
        self.code.setObjectName("rewardCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.code.font())
        font.setPointSize(26)
        font.setBold(True)
        font.setFamily("monospace")
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result = QLabel()
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.addWidget(self.result)
        done_layout.addWidget(self.code)
        self.pages.addWidget(self.rewards)
        self.pages.addWidget(done_page)
        self.form.addRow(self.pages)
        self.redemption: Any = None
        self._load()
        self.rewards.setFocus()

    def _load(self) -> None:
        self.rewards.clear()
        choices = self.session.svc.reward_eligibility(self.session.user_id, self.member.id)
        first_ok = None
        for reward, reason in choices:
            text = f"{reward.reward_name} — {fmt.points(reward.points_cost)} points"
            item = QListWidgetItem(text if reason is None else f"{text}  ({reason})")
            item.setData(Qt.ItemDataRole.UserRole, reward.id)
            item.setData(Qt.ItemDataRole.ToolTipRole, reason or "Available")
            if reason is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            elif first_ok is None:
                first_ok = item
            self.rewards.addItem(item)
        if first_ok is not None:
            self.rewards.setCurrentItem(first_ok)
        elif not choices:
            self.errors.show_text("This program has no rewards yet.")

    def submit(self) -> None:
        if self.redemption is not None:
            self.accept()  # second Enter closes the code page
            return
        self.errors.clear()
        item = self.rewards.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.errors.show_text("Choose a reward the member can redeem.")
            return
        try:
            self.redemption = self.session.svc.create_redemption(
                self.session.user_id, self.member.program_id, self.member.id, item.data(Qt.ItemDataRole.UserRole))
        except LoyaltyError as error:
            self.errors.show(error)
            self._load()
            return
        self.session.changed.emit()
        self.done_with.emit(self.redemption)
        self.result.setText(f"{self.redemption.reward_name} redeemed for "
                            f"{fmt.points(self.redemption.points_redeemed)} points. Reward code:")
        self.code.setText(self.redemption.reward_code_generated)
        self.pages.setCurrentIndex(1)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        self.ok_button.setText("Done")
        voucher = self.buttons.addButton("Print voucher…", QDialogButtonBox.ButtonRole.ActionRole)
        voucher.setObjectName("printVoucherButton")
        voucher.clicked.connect(lambda: self.voucherRequested.emit(self.redemption))


class EnrollDialog(CounterDialog):
    """Enroll a member. Email and phone are checked as they are typed; a duplicate offers the existing member."""

    def __init__(self, session: ShopSession, prefill: str = "", parent: QWidget | None = None) -> None:
        super().__init__(session, "Enroll a new member", "enrollDialog", parent)
        self.set_heading("Enroll a new member")
        self.program = QComboBox()
        self.program.setObjectName("enrollProgram")
        for program in session.programs():
            if program.status == "active":
                self.program.addItem(program.program_name, program.id)
        self.name = QLineEdit()
        self.name.setObjectName("enrollName")
        self.email = QLineEdit()
        self.email.setObjectName("enrollEmail")
        self.phone = QLineEdit()
        self.phone.setObjectName("enrollPhone")
        self.birthday = QLineEdit()
        self.birthday.setObjectName("enrollBirthday")
        self.birthday.setPlaceholderText("YYYY-MM-DD (optional)")
        self.referral = QLineEdit()
        self.referral.setObjectName("enrollReferral")
        self.referral.setPlaceholderText("a friend's referral code (optional)")
        if self.program.count() > 1:
            self.errors.add_row(self.form, "Program", self.program, "program_id")
        self.errors.add_row(self.form, "Name", self.name, "customer_name")
        self.errors.add_row(self.form, "Email", self.email, "email")
        self.errors.add_row(self.form, "Phone", self.phone, "phone")
        self.errors.add_row(self.form, "Birthday", self.birthday, "birthday")
        self.errors.add_row(self.form, "Referred by", self.referral, "referred_by_code")
        self.open_existing = QPushButton("Open the existing member")
        self.open_existing.setObjectName("openExistingMember")
        self.open_existing.setVisible(False)
        self.open_existing.clicked.connect(self._open_existing)
        self.form.addRow("", self.open_existing)
        self.existing_id: int | None = None
        self.email.editingFinished.connect(self._check_email)
        self.phone.editingFinished.connect(self._check_phone)
        self._prefill(prefill.strip())
        self.ok_button.setText("Enroll")
        self.name.setFocus()

    def _prefill(self, text: str) -> None:
        if "@" in text:
            self.email.setText(text)
        elif text and sum(ch.isdigit() for ch in text) >= 6:
            self.phone.setText(text)
        else:
            self.name.setText(text)

    def _check_email(self) -> None:
        self._inline(lambda: normalize_email(self.email.text()), self.email, "email")

    def _check_phone(self) -> None:
        self._inline(lambda: normalize_phone(self.phone.text(), self._region()), self.phone, "phone")

    def _region(self) -> str:
        try:
            return self.session.svc.get_shop(self.session.user_id).phone_region
        except LoyaltyError:
            return "US"

    def _inline(self, check: Any, field: QLineEdit, name: str) -> None:
        label = self.errors.labels[name]
        try:
            value = check()
        except ValidationError as error:
            label.setText(str(error))
            label.setVisible(True)
            return
        label.setVisible(False)
        if value and value != field.text():
            field.setText(value)  # show the normalised form

    def save(self) -> Any:
        self.open_existing.setVisible(False)
        data = {"customer_name": self.name.text(), "email": self.email.text() or None,
                "phone": self.phone.text() or None, "birthday": self.birthday.text().strip() or None,
                "referred_by_code": self.referral.text().strip() or None}
        if self.program.currentData() is None:
            raise ValidationError("There is no active program to enroll into")
        try:
            return self.session.svc.enroll_loyalty_member(self.session.user_id, self.program.currentData(), data)
        except DuplicateMember as error:
            self.existing_id = error.existing_member_id
            self.open_existing.setVisible(True)
            raise

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            self.session.openMember.emit(self.existing_id)
            self.reject()


class AdjustDialog(CounterDialog):
    """An owner's correction: plus or minus, always with a reason."""

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Adjust points — {member.customer_name}", "adjustDialog", parent)
        self.member = member
        self.set_heading(f"Adjust {member.customer_name}'s points (balance {fmt.points(member.current_points)})")
        self.points = QSpinBox()
        self.points.setObjectName("adjustPoints")
        self.points.setRange(-10_000_000, 10_000_000)
        self.reason = QLineEdit()
        self.reason.setObjectName("adjustReason")
        self.reason.setPlaceholderText("required: why the balance changes")
        self.errors.add_row(self.form, "Points (+/−)", self.points, "points_amount")
        self.errors.add_row(self.form, "Reason", self.reason, "description")
        self.points.setFocus()

    def save(self) -> Any:
        if not self.reason.text().strip():
            raise ValidationError("Give the reason for the adjustment", field="description")
        return self.session.svc.add_points_transaction(
            self.session.user_id, self.member.program_id, self.member.id,
            {"transaction_type": "manual_adjustment", "points_amount": self.points.value(),
             "description": self.reason.text()})


class ReturnDialog(CounterDialog):
    """A return, by order reference, whole or partial."""

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Return a purchase — {member.customer_name}", "returnDialog", parent)
        self.member = member
        self.set_heading(f"Return a purchase by {member.customer_name}")
        self.order_ref = QLineEdit()
        self.order_ref.setObjectName("returnOrderRef")
        self.amount = QLineEdit()
        self.amount.setObjectName("returnAmount")
        self.amount.setValidator(QRegularExpressionValidator(AMOUNT_PATTERN, self.amount))
        self.amount.setPlaceholderText("empty: the whole purchase")
        self.errors.add_row(self.form, "Order reference", self.order_ref, "order_ref")
        self.errors.add_row(self.form, f"Amount returned ({session.currency})", self.amount, "amount")
        self.order_ref.setFocus()

    def save(self) -> Any:
        amount = fmt.parse_money(self.amount.text()) if self.amount.text().strip() else None
        return self.session.svc.reverse_purchase(self.session.user_id, self.member.program_id,
                                                 self.order_ref.text(), None if amount is None else str(amount))


class EditMemberDialog(CounterDialog):
    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Edit {member.customer_name}", "editMemberDialog", parent)
        self.member = member
        self.set_heading(f"Edit {member.customer_name}")
        self.name = QLineEdit(member.customer_name)
        self.name.setObjectName("editName")
        self.email = QLineEdit(member.email or "")
        self.email.setObjectName("editEmail")
        self.phone = QLineEdit(member.phone or "")
        self.phone.setObjectName("editPhone")
        self.birthday = QLineEdit(member.birthday.isoformat() if member.birthday else "")
        self.birthday.setObjectName("editBirthday")
        self.birthday.setPlaceholderText("YYYY-MM-DD")
        self.errors.add_row(self.form, "Name", self.name, "customer_name")
        self.errors.add_row(self.form, "Email", self.email, "email")
        self.errors.add_row(self.form, "Phone", self.phone, "phone")
        self.errors.add_row(self.form, "Birthday", self.birthday, "birthday")

    def save(self) -> Any:
        return self.session.svc.update_loyalty_member(self.session.user_id, self.member.id, {
            "customer_name": self.name.text(), "email": self.email.text() or None,
            "phone": self.phone.text() or None, "birthday": self.birthday.text().strip() or None})
