"""Start-up questions: the first-run setup on an empty database, and which shop to open."""
from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..errors import LoyaltyError, ValidationError
from ..services import LoyaltyService
from .forms import FieldErrors, error_label

TEMPLATES: dict[str, tuple[str, dict[str, Any]]] = {
    "points": ("Simple points: 1 point per unit spent", {"program_type": "points", "points_per_dollar": "1"}),
    "tiered": ("Tiered: Bronze, Silver and Gold", {"program_type": "tiered", "points_per_dollar": "1"}),
    "cash_back": ("Cash back: 2% back as points", {"program_type": "cash_back",
                                                   "program_rules": {"cash_back_percent": "2"}}),
}
TIERS = [("Bronze", 1, 0, 499, "1"), ("Silver", 2, 500, 1999, "1.25"), ("Gold", 3, 2000, None, "1.5")]


def shop_id_for(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return (slug or "shop")[:64]


def create_starter_shop(svc: LoyaltyService, name: str, currency: str, template: str) -> str:
    """The shop, its first program from a template and, for the tiered one, three tiers."""
    user_id = shop_id_for(name)
    svc.save_shop(user_id, {"shop_name": name, "currency": currency})
    label, fields = TEMPLATES[template]
    program = svc.create_loyalty_program(user_id, {"program_name": f"{name} Rewards", "currency": currency,
                                                   "description": label, **fields})
    if template == "tiered":
        for tier_name, level, lo, hi, mult in TIERS:
            svc.create_loyalty_tier(user_id, program.id, {"tier_name": tier_name, "tier_level": level,
                                                          "min_points_required": lo, "max_points_required": hi,
                                                          "points_multiplier": mult})
    return user_id


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
        for key, (label, _fields) in TEMPLATES.items():
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
        name = self.name.text().strip()
        try:
            if not name:
                raise ValidationError("Enter the shop name", field="shop_name")
            self.user_id = create_starter_shop(self.svc, name, self.currency.currentText().strip(),
                                               self.template.currentData())
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
