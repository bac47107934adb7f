"""Start-up questions: the first-run setup on an empty database, and which shop to open."""
from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.countries import defaults_for
from ...errors import LoyaltyError
from ...services import LoyaltyService
from ...services.shop_templates import template_labels
from ..i18n import tr
from ..widgets.forms import FieldErrors, error_label
from .settings_dialog import all_time_zones, country_combo, editable_combo, system_country, system_time_zone


def template_label(key: str, english: str) -> str:
    """A starting program's sentence in the app's language (the service's own words for one it
    does not know yet)."""
    words = {"points": tr("Simple points: 1 point per unit spent"), "tiered": tr("Tiered: Bronze, Silver and Gold"),
             "cash_back": tr("Cash back: 2% back as points"), "stamps": tr("Stamp card: every 10th visit free")}
    return words.get(key, english)


def create_starter_shop(svc: LoyaltyService, name: str, currency: str, template: str,
                        **settings: str | None) -> str:
    """The shop (with any further settings) and its first program from a template, in one write;
    returns the shop's id."""
    data = {"shop_name": name, "currency": currency, **{k: v for k, v in settings.items() if v is not None}}
    return str(svc.create_shop_from_template(data, template).user_id)


class FirstRunDialog(QDialog):
    """Shop name, country, time zone, currency and a starting program: enough to serve the first customer."""

    def __init__(self, svc: LoyaltyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.user_id: str | None = None
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(tr("Welcome to Loyalty Desk"))
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("setupShopName")
        self.country = country_combo("setupCountry")
        self.country.activated.connect(self._propose)
        self.time_zone = editable_combo("setupTimeZone", all_time_zones())
        self.currency = editable_combo("setupCurrency", ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "SEK",
                                                         "INR"])
        self.template = QComboBox()
        self.template.setObjectName("setupTemplate")
        for key, label in template_labels().items():
            self.template.addItem(template_label(key, label), key)
        self.general = error_label("setupError")
        self.errors = FieldErrors(self.general)
        for label, widget, field in ((tr("Shop &name"), self.name, "shop_name"),
                                     (tr("C&ountry"), self.country, "country"),
                                     (tr("&Time zone"), self.time_zone, "timezone"),
                                     (tr("C&urrency"), self.currency, "currency"),
                                     (tr("Starting &program"), self.template, "program_type")):
            self.errors.add_row(form, label, widget, field)
        self._preselect()
        self.owner = self._build_owner()
        intro = QLabel(tr("Set up your shop. Everything can be changed later: the shop in Settings ▸ Shop, "
                          "the staff in Settings ▸ Staff, the programs in the Programs tab."))
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Start"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.owner)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def _build_owner(self) -> QGroupBox:
        """"Set an owner PIN now": optional; with it, everyone signs in from the first start."""
        from ..staff.pin import pin_field

        box = QGroupBox(tr("Set an owner P&IN now (you can skip this, and add staff later)"))
        box.setObjectName("setupOwner")
        box.setCheckable(True)
        box.setChecked(False)
        form = QFormLayout(box)
        self.owner_name = QLineEdit()
        self.owner_name.setObjectName("setupOwnerName")
        self.owner_pin = pin_field("setupOwnerPin", tr("Owner's PIN"))
        self.errors.add_row(form, tr("Your n&ame"), self.owner_name, "name")
        self.errors.add_row(form, tr("&Your PIN"), self.owner_pin, "pin")
        return box

    def _owner_problem(self) -> tuple[str, str] | None:
        """What is missing for the owner, seen before the shop is made (so nothing is made half way)."""
        if not self.owner.isChecked():
            return None
        if not self.owner_name.text().strip():
            return "name", tr("Type your name, as you will pick it when you sign in")
        if not 4 <= len(self.owner_pin.text()) <= 8:
            return "pin", tr("The PIN is 4 to 8 digits")
        return None

    def _preselect(self) -> None:
        """The computer's country and time zone, when it has them; the US otherwise."""
        self.country.setCurrentIndex(max(0, self.country.findData(system_country() or "US")))
        self._propose()
        zone = system_time_zone()
        if zone in defaults_for(self.country.currentData()).time_zones:
            self.time_zone.setCurrentText(zone)

    def _propose(self) -> None:
        proposed = defaults_for(self.country.currentData())
        self.time_zone.setCurrentText(proposed.time_zone)
        self.currency.setCurrentText(proposed.currency)

    def submit(self) -> None:
        self.errors.clear()
        problem = self._owner_problem()
        if problem is not None:
            self.errors.show_text(problem[1], problem[0])
            return
        try:
            proposed = defaults_for(self.country.currentData())
            self.user_id = create_starter_shop(
                self.svc, self.name.text().strip(), self.currency.currentText().strip().upper(),
                self.template.currentData(), country=proposed.country, timezone=self.time_zone.currentText().strip(),
                phone_region=proposed.phone_region, locale=proposed.locale, paper_size=proposed.paper_size)
            if self.owner.isChecked():
                self.svc.create_staff(self.user_id, {"name": self.owner_name.text().strip(), "role": "owner",
                                                     "pin": self.owner_pin.text()})
        except LoyaltyError as error:
            self.errors.show(error)
            return
        self.accept()


class ChooseShopDialog(QDialog):
    def __init__(self, shops: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseShopDialog")
        self.setWindowTitle(tr("Open which shop?"))
        self.shops = QComboBox()
        self.shops.setObjectName("chooseShop")
        for shop in shops:
            self.shops.addItem(f"{shop.shop_name} ({shop.user_id})", shop.user_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("This database holds several shops.")))
        layout.addWidget(self.shops)
        layout.addWidget(buttons)

    @property
    def user_id(self) -> str:
        return str(self.shops.currentData())


def _application() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication(sys.argv[:1])


def ask_create_database(location: str) -> bool:
    """"Create a new database at PATH?" for a path that does not exist yet (or an empty file)."""
    _application()
    answer = QMessageBox.question(None, "Loyalty Desk",
                                  tr("There is no Loyalty Desk database at {location}.\n\n"
                                     "Create a new, empty database there?").format(location=location),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_server_refused(where: str, text: str) -> str:
    """The shop server chosen before refused at start: "retry", "local" (this computer's file) or "quit"."""
    _application()
    box = QMessageBox(QMessageBox.Icon.Warning, "Loyalty Desk",
                      tr("Cannot use the shop server at {where}.").format(where=where) + f"\n\n{text}")
    box.setObjectName("serverRefusedDialog")
    retry = box.addButton(tr("&Try again"), QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton(tr("&Use this computer only"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return "retry" if clicked is retry else "local" if clicked is local else "quit"


def show_refusal(text: str) -> None:
    """Why a database cannot be opened, in the service's one sentence (which says the file was left
    as it was), in a dialog."""
    _application()
    box = QMessageBox(QMessageBox.Icon.Warning, "Loyalty Desk", text)
    box.setObjectName("refusalDialog")
    box.exec()
