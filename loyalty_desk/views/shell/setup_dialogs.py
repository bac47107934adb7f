"""Start-up questions: the first-run setup on an empty database, and which shop to open."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...errors import LoyaltyError
from ...services import LoyaltyService
from ...services.shop_templates import template_labels
from ..widgets.forms import FieldErrors, error_label


def create_starter_shop(svc: LoyaltyService, name: str, currency: str, template: str) -> str:
    """The shop and its first program from a template, in one write; returns the shop's id."""
    return str(svc.create_shop_from_template({"shop_name": name, "currency": currency}, template).user_id)


class FirstRunDialog(QDialog):
    """Shop name, currency and a starting program: enough to serve the first customer."""

    def __init__(self, svc: LoyaltyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.user_id: str | None = None
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Welcome to Loyalty Desk")
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("setupShopName")
        self.currency = QComboBox()
        self.currency.setObjectName("setupCurrency")
        self.currency.setEditable(True)
        self.currency.addItems(["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "SEK", "INR"])
        self.template = QComboBox()
        self.template.setObjectName("setupTemplate")
        for key, label in template_labels().items():
            self.template.addItem(label, key)
        self.general = error_label("setupError")
        self.errors = FieldErrors(self.general)
        self.errors.add_row(form, "Shop name", self.name, "shop_name")
        self.errors.add_row(form, "Currency", self.currency, "currency")
        self.errors.add_row(form, "Starting program", self.template, "program_type")
        intro = QLabel("Set up your shop. Everything can be changed later in the Programs tab.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def submit(self) -> None:
        self.errors.clear()
        try:
            self.user_id = create_starter_shop(self.svc, self.name.text().strip(),
                                               self.currency.currentText().strip(), self.template.currentData())
        except LoyaltyError as error:
            self.errors.show(error)
            return
        self.accept()


class ChooseShopDialog(QDialog):
    def __init__(self, shops: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseShopDialog")
        self.setWindowTitle("Open which shop?")
        self.shops = QComboBox()
        self.shops.setObjectName("chooseShop")
        for shop in shops:
            self.shops.addItem(f"{shop.shop_name} ({shop.user_id})", shop.user_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("This database holds several shops."))
        layout.addWidget(self.shops)
        layout.addWidget(buttons)

    @property
    def user_id(self) -> str:
        return str(self.shops.currentData())
