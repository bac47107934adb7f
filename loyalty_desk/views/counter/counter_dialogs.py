"""The counter's dialog base, and its short dialogs: purchase (F2), enroll (F4), adjust, edit.

Each is opened with open() by the counter; the work is one service call run in a worker, and
every refusal is shown next to the field it concerns. Redeem (F3) and return (Ctrl+R) have
modules of their own (redeem_dialog.py, return_dialog.py).
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import (
    ApprovalRequired,
    DatabaseBusy,
    DatabaseUnreachable,
    DuplicateMember,
    LoyaltyError,
    PermissionDenied,
    ValidationError,
)
from ...services.contacts import display_phone, normalize_email, normalize_phone
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import ENROLMENT, MEMBER_RECORD, POINTS, Changes
from ..shell.session import ShopSession
from ..widgets import formatting as fmt
from ..widgets import units
from ..widgets.amount_field import AmountField
from ..widgets.form_cycle import FormCycle, Problems
from ..widgets.formatting import canonical_amount
from ..widgets.forms import FieldErrors, error_label, grow_to_fit
from ..widgets.workers import Job, report_unexpected, run_call, waiting
from .consent_fields import ConsentFields


def new_order_ref() -> str:
    """A unique reference for a sale typed without one; made once per dialog, so a double
    confirmation replays instead of recording the sale twice."""
    return f"POS-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(5).upper()}"


class CounterDialog(FormCycle, QDialog):
    """A form with OK/Cancel, a general error line, and errors next to fields.

    The form's cycle is FormCycle's: `problems()` are shown next to their fields before anything
    is sent. `prepare()` then returns the service call to make (from `values()`); the
    call runs in a worker, so the window keeps painting while another register holds the
    database. After 300 ms the dialog says it is waiting; when the service's time limit runs
    out it offers Retry, which makes the very same call again (an order reference made once
    per dialog keeps a retried sale exactly-once).
    """

    done_with = Signal(object)
    CHANGES: ClassVar[Changes] = POINTS  # what a successful call changes, announced to every screen

    def __init__(self, session: ShopSession, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.general = error_label(f"{name}Error")
        self.errors = FieldErrors(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.retry_button = self.buttons.addButton(tr("Retry"), QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button.setObjectName(f"{name}Retry")
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self._retry)
        self.wait_label = QLabel()
        self.wait_label.setObjectName(f"{name}Waiting")
        self.wait_label.setWordWrap(True)
        self.wait_label.setVisible(False)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}Heading")
        self.heading.setWordWrap(True)
        self.heading.setVisible(False)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.buttons)
        # Never narrower than its rows (German ones are longer than English), and at least 480 px:
        # a minimum width set on the dialog itself would stop the layout from enforcing its own.
        layout.addSpacerItem(QSpacerItem(480, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed))
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.pending: Job | None = None
        # A manager's approval (approver and PIN) given in ApprovalDialog, sent with the next call.
        self.grant: dict[str, Any] = {}
        self.approval_reason = ""

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            grow_to_fit(self)   # a message wrapping onto a second line, or a row shown, after the last grow
        return handled

    def set_heading(self, text: str) -> None:
        """A line above the form, since window titles do not show everywhere (or in screenshots)."""
        self.heading.setText(f"<b>{text}</b>")
        self.heading.setVisible(True)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def busy(self) -> bool:
        return self.pending is not None

    def submit(self) -> None:
        if self.busy:
            return  # one Enter, one sale: the call in flight answers first
        if not self.check():
            self.retry_button.setVisible(False)  # the form needs fixing first; OK sends it again
            return
        try:
            call = self.prepare()
        except LoyaltyError as error:
            self.retry_button.setVisible(False)  # the form needs fixing first; OK sends it again
            self.errors.show(error)
            return
        if call is not None:
            self.run(call)

    def run(self, call: Callable[[], Any]) -> None:
        """Make a service call in a worker; `saved` gets its result on the GUI thread."""
        self.retry_button.setVisible(False)
        self.ok_button.setEnabled(False)
        self.wait_label.setVisible(False)
        self.pending = run_call(call, self._finished, self._failed, on_waiting=self._waiting)

    def _waiting(self) -> None:
        self.wait_label.setText(waiting())
        self.wait_label.setVisible(True)

    def _retry(self) -> None:
        """The same action again, with the form as it is now: what is on screen is what is recorded."""
        if not self.busy:
            self.submit()

    def _finished(self, result: Any) -> None:
        self.pending = None
        self.wait_label.setVisible(False)
        self.ok_button.setEnabled(True)
        self.saved(result)

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self.wait_label.setVisible(False)
        self.ok_button.setEnabled(True)
        if isinstance(error, DatabaseBusy):
            # An unreachable server's message says itself whether anything may have been saved.
            unsure = isinstance(error, DatabaseUnreachable)
            said = refusal_words(error)
            self.errors.show_text(said if unsure else tr("{error} Nothing was saved.").format(error=said))
            self.retry_button.setVisible(True)
            self.retry_button.setFocus()
        elif isinstance(error, ApprovalRequired):
            self.approval_reason = refusal_words(error)
            self.ask_approval()
        elif isinstance(error, PermissionDenied) and self.grant:
            self.grant = {}  # the approval itself was refused: ask again, saying why
            self.ask_approval(refusal_words(error))
        elif isinstance(error, LoyaltyError):
            self.refused(error)
        else:
            report_unexpected(error)

    def acting(self, *, approvable: bool = False) -> dict[str, Any]:
        """The keywords of a write: who does it, and (where the call takes one) the approval given."""
        return {"actor": self.session.actor, **(self.grant if approvable else {})}

    def ask_approval(self, refusal: str = "") -> None:
        """A manager approves in place; the very same action is then sent again with the approval."""
        from ..staff.approval import ApprovalDialog

        dialog = ApprovalDialog(self.session, self.approval_reason, self, refusal=refusal)
        self.approval = dialog

        def approved() -> None:
            self.grant = dialog.grant
            self.submit()

        dialog.accepted.connect(approved)
        dialog.rejected.connect(lambda: self.errors.show_text(tr("Not saved: it needs a manager's approval.")))
        dialog.open()

    def refused(self, error: LoyaltyError) -> None:
        self.errors.show(error)

    def saved(self, result: Any) -> None:
        """The call went through: every view reloads from the database, then the dialog closes."""
        self.session.notify(self.CHANGES, self)
        self.done_with.emit(result)
        self.accept()

    def reject(self) -> None:
        if self.busy:
            self._waiting()  # the call cannot be taken back half way; it answers within its time limit
            return
        super().reject()

    def prepare(self) -> Callable[[], Any] | None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError


class PurchaseDialog(CounterDialog):
    """Amount (exact, in the shop's decimal separator), order reference, and what will be recorded."""

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Record purchase — {name}").format(name=member.customer_name), "purchaseDialog",
                         parent)
        self.member = member
        self.set_heading(tr("Purchase by {name}").format(name=member.customer_name))
        self.currency = session.currency_of(member.program_id)
        self.program = session.program_of(member.program_id)   # a stamp card previews stamps
        self.amount = AmountField(self.currency)
        self.amount.setObjectName("purchaseAmount")
        self.order_ref = QLineEdit()
        self.order_ref.setObjectName("purchaseOrderRef")
        self.order_ref.setPlaceholderText(tr("left empty: a new reference is made"))
        self.preview = QLabel(tr("Enter the amount"))
        self.preview.setObjectName("purchasePreview")
        preview_font = QFont(self.preview.font())
        preview_font.setBold(True)
        self.preview.setFont(preview_font)
        self.errors.add_row(self.form, tr("Amount ({currency})").format(currency=self.currency), self.amount, "amount")
        self.errors.add_row(self.form, tr("Order reference"), self.order_ref, "order_ref")
        self.form.addRow(tr("Will record"), self.preview)
        self.amount.show_problems_in(self.errors.labels["amount"])
        self.generated_ref = new_order_ref()
        self.amount.textChanged.connect(self._update_preview)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.amount.setFocus()

    def _update_preview(self, _text: str = "") -> None:
        """The amount as it will be recorded, in the shop's currency, next to the points it earns."""
        amount = self.amount.amount()
        self.ok_button.setEnabled(amount is not None and amount > 0 and not self.busy)
        if amount is None or amount <= 0:
            self.preview.setText(tr("Enter the amount"))
            return
        try:
            quote = self.session.svc.quote_purchase_detail(self.session.user_id, self.member.program_id,
                                                           self.member.id, canonical_amount(amount))
        except LoyaltyError as error:
            self.preview.setText(refusal_words(error))
            return
        text = tr("{amount} → {earned}").format(amount=fmt.money(amount, self.currency),
                                                earned=units.signed_count(self.program, quote.points))
        if quote.promotion_name:   # the promotion in force that gives these points (README, "Promotions")
            text += " · " + quote.promotion_name
        self.preview.setText(text)

    def problems(self, data: dict[str, Any]) -> Problems:
        amount = self.amount.amount()
        if amount is None or amount <= 0:
            return [("amount", self.amount.problem() or tr("Enter the amount of the purchase"))]
        return []

    def prepare(self) -> Callable[[], Any]:
        amount = self.amount.amount()
        assert amount is not None  # problems() refused anything else
        ref = self.order_ref.text().strip() or self.generated_ref
        svc, user, member = self.session.svc, self.session.user_id, self.member
        text = canonical_amount(amount)
        return lambda: svc.record_purchase_outcome(user, member.program_id, member.id, text, ref, **self.acting())


class EnrollDialog(CounterDialog):
    """Enroll a member. Email and phone are checked as they are typed; a duplicate offers the existing member."""

    CHANGES = ENROLMENT

    def __init__(self, session: ShopSession, prefill: str = "", parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Enroll a new member"), "enrollDialog", parent)
        self.set_heading(tr("Enroll a new member"))
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
        self.birthday.setPlaceholderText(tr("YYYY-MM-DD (optional)"))
        self.referral = QLineEdit()
        self.referral.setObjectName("enrollReferral")
        self.referral.setPlaceholderText(tr("a friend's referral code (optional)"))
        if self.program.count() > 1:
            self.errors.add_row(self.form, tr("Program"), self.program, "program_id")
        self.errors.add_row(self.form, tr("Name"), self.name, "customer_name")
        self.errors.add_row(self.form, tr("Email"), self.email, "email")
        self.errors.add_row(self.form, tr("Phone"), self.phone, "phone")
        self.errors.add_row(self.form, tr("Birthday"), self.birthday, "birthday")
        self.errors.add_row(self.form, tr("Referred by"), self.referral, "referred_by_code")
        self.consent = ConsentFields(self.form, self.errors, "enroll")
        self.open_existing = QPushButton(tr("Open the existing member"))
        self.open_existing.setObjectName("openExistingMember")
        self.open_existing.setVisible(False)
        self.open_existing.clicked.connect(self._open_existing)
        self.form.addRow("", self.open_existing)
        self.existing_id: int | None = None
        self.email.editingFinished.connect(self._check_email)
        self.phone.editingFinished.connect(self._check_phone)
        self._prefill(prefill.strip())
        self.ok_button.setText(tr("Enroll"))
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
        self._inline(lambda: normalize_phone(self.phone.text(), self.session.phone_region), self.phone, "phone")

    def _inline(self, check: Any, field: QLineEdit, name: str) -> None:
        label = self.errors.labels[name]
        try:
            value = check()
        except ValidationError as error:
            label.setText(refusal_words(error))
            label.setVisible(True)
            return
        label.setVisible(False)
        if value and value != field.text():
            field.setText(value)  # show the normalised form

    def values(self) -> dict[str, Any]:
        return {"customer_name": self.name.text(), "email": self.email.text() or None,
                "phone": self.phone.text() or None, "birthday": self.birthday.text().strip() or None,
                "referred_by_code": self.referral.text().strip() or None,
                **{k: v for k, v in self.consent.values().items() if v}}   # a "no" is the default: not recorded

    def prepare(self) -> Callable[[], Any]:
        self.open_existing.setVisible(False)
        data = self.values()
        program_id = self.program.currentData()
        if program_id is None:
            raise ValidationError(tr("There is no active program to enroll into"))
        svc, user = self.session.svc, self.session.user_id
        return lambda: svc.enroll_loyalty_member(user, program_id, data, **self.acting())

    def refused(self, error: LoyaltyError) -> None:
        if isinstance(error, DuplicateMember):
            self.existing_id = error.existing_member_id
            self.open_existing.setVisible(True)
        super().refused(error)

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            self.session.openMember.emit(self.existing_id)
            self.reject()


class AdjustDialog(CounterDialog):
    """An owner's correction: plus or minus, always with a reason."""

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        program = session.program_of(member.program_id)     # a stamp card adjusts stamps
        super().__init__(session, units.word(program, tr("Adjust points — {name}"), tr("Adjust stamps — {name}"))
                         .format(name=member.customer_name), "adjustDialog", parent)
        self.member = member
        self.set_heading(units.word(program, tr("Adjust {name}'s points (balance {balance})"),
                                    tr("Adjust {name}'s stamps (balance {balance})")).format(
            name=member.customer_name, balance=fmt.points(member.current_points)))
        self.points = QSpinBox()
        self.points.setObjectName("adjustPoints")
        self.points.setRange(-10_000_000, 10_000_000)
        self.reason = QLineEdit()
        self.reason.setObjectName("adjustReason")
        self.reason.setPlaceholderText(tr("required: why the balance changes"))
        self.errors.add_row(self.form, units.word(program, tr("Points (+/−)"), tr("Stamps (+/−)")), self.points,
                            "points_amount")
        self.errors.add_row(self.form, tr("Reason"), self.reason, "description")
        self.points.setFocus()

    def values(self) -> dict[str, Any]:
        return {"transaction_type": "manual_adjustment", "points_amount": self.points.value(),
                "description": self.reason.text()}

    def problems(self, data: dict[str, Any]) -> Problems:
        return [] if data["description"].strip() else [("description", tr("Give the reason for the adjustment"))]

    def prepare(self) -> Callable[[], Any]:
        svc, user, member, data = self.session.svc, self.session.user_id, self.member, self.values()
        return lambda: svc.add_points_transaction(user, member.program_id, member.id, data,
                                                  **self.acting(approvable=True))


class EditMemberDialog(CounterDialog):
    CHANGES = MEMBER_RECORD

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Edit {name}").format(name=member.customer_name), "editMemberDialog", parent)
        self.member = member
        self.set_heading(tr("Edit {name}").format(name=member.customer_name))
        self.name = QLineEdit(member.customer_name)
        self.name.setObjectName("editName")
        self.email = QLineEdit(member.email or "")
        self.email.setObjectName("editEmail")
        self.phone = QLineEdit(display_phone(member.phone, session.phone_region))
        self.phone.setObjectName("editPhone")
        self.birthday = QLineEdit(member.birthday.isoformat() if member.birthday else "")
        self.birthday.setObjectName("editBirthday")
        self.birthday.setPlaceholderText(tr("YYYY-MM-DD"))
        self.errors.add_row(self.form, tr("Name"), self.name, "customer_name")
        self.errors.add_row(self.form, tr("Email"), self.email, "email")
        self.errors.add_row(self.form, tr("Phone"), self.phone, "phone")
        self.errors.add_row(self.form, tr("Birthday"), self.birthday, "birthday")
        self.consent = ConsentFields(self.form, self.errors, "edit", member)

    @property
    def stored(self) -> Any:
        return self.member

    def same(self, key: str, value: Any, stored: Any) -> bool:
        if key == "phone":  # shown in the national format, stored as E.164
            return bool(value == display_phone(stored, self.session.phone_region) or value == stored)
        return super().same(key, value, stored)

    def values(self) -> dict[str, Any]:
        return {"customer_name": self.name.text(), "email": self.email.text() or None,
                "phone": self.phone.text() or None, "birthday": self.birthday.text().strip() or None,
                **self.consent.values()}

    def prepare(self) -> Callable[[], Any]:
        svc, user, member_id, data = self.session.svc, self.session.user_id, self.member.id, self.values()
        return lambda: svc.update_loyalty_member(user, member_id, data, **self.acting())
