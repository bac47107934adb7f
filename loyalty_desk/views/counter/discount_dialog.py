"""Use points (F6): points as money off the order at the till, with the amount previewed as typed.

The preview and the refusals under each field come from the program's discount terms (the same
rules the service refuses by, domain/discount_rules.py), so what the dialog allows is what the
service takes. A cash back program's balance is money: the cashier types money or points.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from ..i18n import tr
from ..shell.changes import REDEMPTION
from ..shell.session import ShopSession
from ..widgets import formatting as fmt
from ..widgets.amount_field import AmountField
from ..widgets.form_cycle import Problems
from .counter_dialogs import CounterDialog, new_order_ref


class DiscountDialog(CounterDialog):
    """Points, an optional basket (needed when the program caps a discount's share of it), the
    order reference, and "1,000 points = €10.00 off" as the points are typed."""

    CHANGES = REDEMPTION

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Use points — {name}").format(name=member.customer_name), "discountDialog",
                         parent)
        self.member = member
        self.terms = session.svc.get_discount_terms(session.user_id, member.program_id)
        self.currency = session.currency_of(member.program_id)
        balance = member.current_points
        self.set_heading(tr("{name} has {points} points").format(name=member.customer_name,
                                                                 points=fmt.points(balance))
                         if self.terms is None or not self.terms.as_money else
                         tr("{name} has {money} to spend").format(
                             name=member.customer_name, money=fmt.money(self.terms.value(balance), self.currency)))
        self.points = QSpinBox()
        self.points.setObjectName("discountPoints")
        self.points.setRange(0, 100_000_000)
        self.points.setGroupSeparatorShown(True)
        self.money = AmountField(self.currency, name="discountMoney", optional=True)
        self.basket = AmountField(self.currency, name="discountBasket", optional=True)
        self.order_ref = QLineEdit()
        self.order_ref.setObjectName("discountOrderRef")
        self.order_ref.setPlaceholderText(tr("left empty: a new reference is made"))
        self.preview = QLabel()
        self.preview.setObjectName("discountPreview")
        bold = QFont(self.preview.font())
        bold.setBold(True)
        self.preview.setFont(bold)
        self.errors.add_row(self.form, tr("Points"), self.points, "points")
        if self.terms is not None and self.terms.as_money:
            self.errors.add_row(self.form, tr("or money ({currency})").format(currency=self.currency), self.money,
                                "money")
        if self.terms is not None and self.terms.max_percent is not None:
            self.errors.add_row(self.form, tr("Basket ({currency})").format(currency=self.currency), self.basket,
                                "basket_amount")
        self.errors.add_row(self.form, tr("Order reference"), self.order_ref, "order_ref")
        self.form.addRow(tr("Takes off"), self.preview)
        self.generated_ref = new_order_ref()
        self.points.valueChanged.connect(lambda _v: self._update_preview())
        self.money.textChanged.connect(self._money_typed)
        self.basket.textChanged.connect(lambda _t: self._update_preview())
        self.ok_button.setText(tr("Use points"))
        self.ok_button.setDefault(True)
        self._update_preview()
        self.points.setFocus()
        self.points.selectAll()

    def _money_typed(self, _text: str) -> None:
        """Cash back: money typed becomes its points (one a cent), and the preview follows."""
        amount = self.money.amount()
        if self.terms is not None and amount is not None:
            self.points.blockSignals(True)
            self.points.setValue(min(self.points.maximum(), self.terms.points_for(amount)))
            self.points.blockSignals(False)
        self._update_preview()

    def refusal(self) -> tuple[str, str] | None:
        """Why the points as typed cannot be used (field, message), or None: the service's own rules."""
        if self.terms is None:
            return "points", tr("This program has no redemption value: set “points per unit” in its rules")
        basket = self.basket.amount()
        return self.terms.refusal(self.points.value(), basket, self.member.current_points)

    def _update_preview(self) -> None:
        """The money the points take off, and the reason next to its field when they cannot."""
        for field in ("points", "basket_amount"):
            if field in self.errors.labels:
                self.errors.labels[field].setVisible(False)
        points = self.points.value()
        refusal = self.refusal()
        self.ok_button.setEnabled(refusal is None and not self.busy)
        if self.terms is not None and points > 0:
            self.preview.setText(tr("{points} points = {money} off").format(
                points=fmt.points(points), money=fmt.money(self.terms.value(points), self.currency)))
        else:
            self.preview.setText(tr("Enter the points to use"))
        if refusal is not None and points > 0:
            self.errors.show_text(refusal[1], refusal[0], focus=False)

    def problems(self, data: dict[str, Any]) -> Problems:
        refusal = self.refusal()
        return [refusal] if refusal is not None else []

    def prepare(self) -> Callable[[], Any]:
        svc, user, member = self.session.svc, self.session.user_id, self.member
        points, ref = self.points.value(), self.order_ref.text().strip() or self.generated_ref
        basket = self.basket.canonical()
        return lambda: svc.redeem_points_for_discount(user, member.program_id, member.id, points, ref,
                                                      basket_amount=basket, **self.acting())
