"""A return (Ctrl+R): pick the sale, or type or scan its reference; whole, partial, or a void of today's sale."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...errors import LoyaltyError, ValidationError
from ...services.codes import looks_like_card_number, parse_reward_code
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import POINTS
from ..shell.session import ShopSession
from ..widgets import build, units
from ..widgets import formatting as fmt
from ..widgets.amount_field import AmountField
from ..widgets.formatting import canonical_amount
from .counter_dialogs import CounterDialog


class ReturnDialog(CounterDialog):
    """A return: pick the sale from the member's recent purchases, or type or scan its reference.

    An empty amount returns all that is left, after a confirmation. Today's untouched sale can
    be voided instead, with a reason: a reversal in the ledger, never a delete.
    """

    CHANGES = POINTS

    FORM, CONFIRM = range(2)

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Return a purchase — {name}").format(name=member.customer_name), "returnDialog",
                         parent)
        self.member = member
        self.set_heading(tr("Return a purchase by {name}").format(name=member.customer_name))
        self.currency = session.currency_of(member.program_id)
        self.program = session.program_of(member.program_id)   # points, or on a stamp card stamps
        self._build_purchases()
        self.form.addRow(self._build_pages())
        self.void_button = self.buttons.addButton(tr("&Void sale…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.void_button.setObjectName("voidSaleButton")
        self.void_button.setAutoDefault(False)
        self.void_button.setToolTip(tr("Today's sale, nothing returned yet: reverse it whole, with a reason"))
        self.void_button.clicked.connect(self.ask_void)
        self.ok_button.setText(tr("Return"))
        # One key per dialog: pressing OK again after an unclear failure cannot return twice.
        self.return_ref = f"RET-{secrets.token_hex(6).upper()}"
        self.rows: list[Any] = []
        self.voiding = False
        self._load()
        self._update_preview()
        self.setMinimumWidth(620)
        (self.purchases if self.rows else self.order_ref).setFocus()

    def _build_purchases(self) -> None:
        """The member's recent purchases, to pick the one returned."""
        self.purchases = QTableWidget(0, 5)
        self.purchases.setObjectName("returnPurchases")
        self.purchases.setHorizontalHeaderLabels([tr("Date"), tr("Reference"), tr("Amount"), tr("Left to return"),
                                                  units.word(self.program, tr("Points"), tr("Stamps"))])
        self.purchases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.purchases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.purchases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.purchases.setTabKeyNavigation(False)   # Tab leaves the list for the amount, as in any form
        self.purchases.verticalHeader().setVisible(False)
        self.purchases.horizontalHeader().setStretchLastSection(True)
        self.purchases.setMinimumHeight(170)
        self.purchases.itemSelectionChanged.connect(self._picked)

    def _build_pages(self) -> QStackedWidget:
        """The form (sale, amount, what it returns), and the confirmation (with a void's reason)."""
        self.order_ref = build.line_edit("returnOrderRef",
                                         placeholder=tr("pick a sale above, or type or scan its reference"))
        self.amount = AmountField(self.currency, optional=True)
        self.amount.setObjectName("returnAmount")
        self.amount.setPlaceholderText(tr("empty: all that is left"))
        self.confirm_text = build.label("returnConfirmText", wrap=True)
        self.reason = build.line_edit("voidReason", placeholder=tr("required: why the sale is voided"))
        self.pages = QStackedWidget()
        form_page = QWidget()
        form_layout = QFormLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addRow(self.purchases)
        self.errors.add_row(form_layout, tr("Order reference"), self.order_ref, "order_ref")
        self.errors.add_row(form_layout, tr("Amount returned ({currency})").format(currency=self.currency), self.amount,
                            "amount")
        self.amount.show_problems_in(self.errors.labels["amount"])
        self.preview = build.label("returnPreview")
        form_layout.addRow(tr("Will return"), self.preview)
        self.amount.textChanged.connect(self._update_preview)
        self.order_ref.textChanged.connect(self._update_preview)
        confirm_page = QWidget()
        self.confirm_layout = QFormLayout(confirm_page)
        self.confirm_layout.addRow(self.confirm_text)
        self.errors.add_row(self.confirm_layout, tr("Reason"), self.reason, "reason")
        self.pages.addWidget(form_page)
        self.pages.addWidget(confirm_page)
        return self.pages

    def _load(self) -> None:
        try:
            self.rows = self.session.svc.recent_purchases(self.session.user_id, self.member.id)
        except LoyaltyError as error:  # the picker is a help: the reference can still be typed or scanned
            self.rows = []
            self.errors.show_text(refusal_words(error))
        self.purchases.setRowCount(len(self.rows))
        for row, sale in enumerate(self.rows):
            cells = [fmt.date_time(sale.transaction_date), sale.order_ref, fmt.money(sale.amount, self.currency),
                     fmt.money(sale.left_to_return, self.currency), fmt.signed_points(sale.points_earned)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.purchases.setItem(row, column, item)
        self.purchases.resizeColumnsToContents()
        self.void_button.setEnabled(False)
        if not self.rows:
            self.purchases.setVisible(False)

    def _update_preview(self, _text: str = "") -> None:
        """The amount as it will be recorded, before Enter."""
        sale = self.picked()
        amount = self.amount.amount()
        if self.amount.text().strip():
            self.preview.setText(fmt.money(amount, self.currency) if amount is not None else "")
        elif sale is not None:
            left = fmt.money(sale.left_to_return, self.currency)
            self.preview.setText(tr("all that is left: {amount}").format(amount=left))
        else:
            self.preview.setText(tr("all that is left of the sale"))

    def picked(self) -> Any:
        """The sale chosen in the list, or the one whose reference was typed."""
        ref = self.order_ref.text().strip()
        return next((sale for sale in self.rows if sale.order_ref == ref), None)

    def _picked(self) -> None:
        rows = self.purchases.selectionModel().selectedRows()
        if rows:
            sale = self.rows[rows[0].row()]
            self.order_ref.setText(sale.order_ref)
            self.errors.labels["order_ref"].setVisible(False)
            self.void_button.setEnabled(sale.voidable)

    def accept_scan(self, code: str) -> bool:
        """A scanned receipt barcode is the order reference; a member card or a voucher is not."""
        if self.busy or self.pages.currentIndex() != self.FORM or parse_reward_code(code) is not None \
                or looks_like_card_number(code):
            return False
        self.order_ref.setText(code)
        self.errors.labels["order_ref"].setVisible(False)
        sale = self.picked()
        self.void_button.setEnabled(bool(sale and sale.voidable))
        return True

    def prepare(self) -> Callable[[], Any] | None:
        svc, user, program_id = self.session.svc, self.session.user_id, self.member.program_id
        member_id = self.member.id
        ref = self.order_ref.text().strip()
        if self.pages.currentIndex() == self.CONFIRM:
            if self.voiding:
                reason = self.reason.text().strip()
                if not reason:
                    raise ValidationError(tr("Give the reason for the void"), field="reason")
                return lambda: (svc.void_purchase(user, program_id, ref, reason, member_id=member_id,
                                                  **self.acting(approvable=True)), ref)
            return lambda: (svc.reverse_purchase_outcome(user, program_id, ref, None, return_ref=self.return_ref,
                                                         member_id=member_id, **self.acting(approvable=True)
                                                         ).transaction, ref)
        if not ref:
            raise ValidationError(tr("Pick the sale, or type or scan its order reference"), field="order_ref")
        if self.amount.text().strip():
            amount = self.amount.amount()
            if amount is None:
                raise ValidationError(self.amount.problem() or tr("Enter the amount returned"), field="amount")
            text = canonical_amount(amount)
            sale = self.picked()
            if sale is not None and amount == sale.left_to_return:
                self._confirm_whole(ref, sale)  # all that is left, typed: the same question as an empty field
                return None
            return lambda: (svc.reverse_purchase_outcome(user, program_id, ref, text, return_ref=self.return_ref,
                                                         member_id=member_id, **self.acting(approvable=True)
                                                         ).transaction, ref)
        self._confirm_whole(ref, self.picked())
        return None

    def _confirm_whole(self, ref: str, sale: Any) -> None:
        question = (tr("Return <b>all that is left</b> of order <b>{order}</b> ({amount} left to return)?") if sale
                    else tr("Return <b>all that is left</b> of order <b>{order}</b>?"))
        amount = fmt.money(sale.left_to_return, self.currency) if sale else ""
        taken = units.word(self.program, tr("The points it earned are taken back."),
                           tr("The stamp it earned is taken back."))
        self._confirm(f"{question.format(order=escape(ref), amount=amount)} {taken}", voiding=False)

    def ask_void(self) -> None:
        sale = self.picked()
        if sale is None or not sale.voidable:
            self.errors.show_text(tr("Only today's sale with nothing returned can be voided; use Return"), "order_ref")
            return
        amount = fmt.money(sale.amount, self.currency)
        self._confirm(tr("Void the sale <b>{order}</b> of {amount} at {when}? What it earned ({earned}) is taken back. "
                         "The sale stays in the history as voided.").format(
                             order=escape(sale.order_ref), amount=amount, when=fmt.date_time(sale.transaction_date),
                             earned=units.count(self.program, sale.points_earned)), voiding=True)

    def _confirm(self, text: str, *, voiding: bool) -> None:
        self.errors.clear()
        self.voiding = voiding
        self.confirm_text.setText(text)
        self.reason.setVisible(voiding)
        label = self.confirm_layout.labelForField(self.reason)
        if label is not None:
            label.setVisible(voiding)
        self.pages.setCurrentIndex(self.CONFIRM)
        self.ok_button.setText(tr("Void") if voiding else tr("Return all"))
        self.void_button.setVisible(False)
        (self.reason if voiding else self.ok_button).setFocus()

    def reject(self) -> None:
        if self.pages.currentIndex() == self.CONFIRM and not self.busy:
            self.pages.setCurrentIndex(self.FORM)
            self.ok_button.setText(tr("Return"))
            self.void_button.setVisible(True)
            self.voiding = False
            self.order_ref.setFocus()
            return
        super().reject()

    def refused(self, error: LoyaltyError) -> None:
        if self.pages.currentIndex() == self.CONFIRM and error.field != "reason":
            self.reject()  # back to the form, where the field concerned is
        super().refused(error)
