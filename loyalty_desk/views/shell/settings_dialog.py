"""Shop settings (Settings ▸ Shop…, Ctrl+,): who the shop is, where it is, and how it writes.

The country proposes the phone region, time zone, currency, number and date
format and paper size (CLDR, through `domain.countries`); each can then be
changed. The staff limits (README, "Limits and approvals") sit below, for the owner.

Every field is checked as it is typed: its error shows next to it at once, and Save stays
disabled until all are valid. The service checks everything again; a refusal of its own
lands next to its field and stays there until that field is changed.
"""
from __future__ import annotations

import zoneinfo
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, Qt, QTimeZone, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.countries import CURRENCY_RULE, country_names, defaults_for, is_country, is_currency, is_locale
from ...errors import LoyaltyError, ValidationError
from ...services.shops import SETTINGS
from .. import i18n
from ..i18n import tr
from ..refusals import refusal_words
from ..widgets import formatting as fmt
from ..widgets.amount_field import AmountField
from ..widgets.form_cycle import FormCycle, Problems
from ..widgets.forms import FieldErrors, error_label
from .changes import Changes
from .session import ShopSession

LOGO_SIDE = 600                 # pixels: plenty for a card or a slip, small enough to store
PAPER_SIZES = ("A4", "Letter")
MAX_LIMIT_POINTS = 100_000_000  # the service's largest number of points
MAX_LOCK_MINUTES = 240          # the service's longest idle time before the till locks


def logo_png(path: str) -> bytes | None:
    """An image file as a PNG no larger than LOGO_SIDE on its longer side; None if it is not an image."""
    image = QImage(path)
    if image.isNull():
        return None
    if max(image.width(), image.height()) > LOGO_SIDE:
        image = image.scaled(LOGO_SIDE, LOGO_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; Qt wants str
    return bytes(data.data())


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget with an object name, which tests and the key driver find it by."""
    widget.setObjectName(name)
    return widget


def all_time_zones() -> list[str]:
    return sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone or zone == "UTC")


def editable_combo(name: str, items: list[str]) -> QComboBox:
    """A list to pick from that also takes a typed value (a time zone, a currency code)."""
    combo = named(QComboBox(), name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(items)
    return combo


def country_combo(name: str, *, blank: str | None = None) -> QComboBox:
    """Every country by name, its ISO code as the item's data."""
    combo = named(QComboBox(), name)
    if blank is not None:
        combo.addItem(blank, None)
    for code, country in country_names(i18n.language()):   # in the app's language
        combo.addItem(country, code)
    return combo


def system_country() -> str | None:
    """The computer's country, when its locale names one."""
    code = QLocale.territoryToCode(QLocale.system().territory())
    return code if is_country(code) else None


def system_time_zone() -> str | None:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return name if name in zoneinfo.available_timezones() else None


class LogoPicker(QWidget):
    """A preview of the logo, with Choose… and Remove."""

    changed = Signal()   # a logo was chosen or removed, or a file was refused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.png: bytes | None = None
        self.preview = QLabel(tr("No logo"))
        self.preview.setObjectName("settingsLogoPreview")
        self.preview.setFixedSize(96, 96)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose = QPushButton(tr("Choose…"))
        self.choose.setObjectName("settingsLogoChoose")
        self.choose.clicked.connect(self.ask)
        self.remove = QPushButton(tr("Remove"))
        self.remove.setObjectName("settingsLogoRemove")
        self.remove.clicked.connect(lambda: self.set_png(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.problem: str | None = None

    def ask(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose the shop's logo"), "",
                                              tr("Images (*.png *.jpg *.jpeg *.bmp)"))
        if path:
            png = logo_png(path)
            self.problem = None if png else tr("That file is not an image this app can read")
            if png:
                self.set_png(png)
            else:
                self.changed.emit()

    def set_png(self, png: bytes | None) -> None:
        self.png = png
        self.changed.emit()
        self.remove.setEnabled(png is not None)
        if png is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("No logo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.preview.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))


class SettingsDialog(QDialog, FormCycle):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stored: Any = None
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Shop settings"))
        self.general = error_label("settingsError")
        self.errors = FieldErrors(self.general, clear_on_edit=False)   # _recheck shows and hides each error
        self.refused: dict[str, str] = {}   # the service's refusals, by field, until that field changes
        form = QFormLayout()
        self._build_fields(form)
        self.zone_note = QLabel()
        self.zone_note.setObjectName("settingsZoneNote")
        self.zone_note.setWordWrap(True)
        limits = self._build_limits(session.currency)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSave")
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        right = QVBoxLayout()
        right.addWidget(limits)
        right.addWidget(self.zone_note)
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.fill(session.svc.get_shop(session.user_id))
        self._watch()

    def _build_fields(self, form: QFormLayout) -> None:
        self.name = named(QLineEdit(), "settingsName")
        self.address = named(QPlainTextEdit(), "settingsAddress")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(64)
        self.logo = LogoPicker()
        self.country = country_combo("settingsCountry", blank=tr("Not set"))
        self.country.activated.connect(self._propose)
        self.time_zone = editable_combo("settingsTimeZone", all_time_zones())
        self.phone_region = named(QLineEdit(), "settingsPhoneRegion")
        self.phone_region.setMaxLength(2)
        self.currency = editable_combo("settingsCurrency", ["USD", "EUR", "GBP", "INR", "CAD", "AUD", "CHF"])
        self.locale_name = editable_combo("settingsLocale", ["en_US", "en_GB", "en_IN", "fr_FR", "de_DE"])
        self.locale_name.setToolTip(tr("How numbers and dates are written, such as fr_FR: 1 234,50 and 03/12/2026"))
        line = self.locale_name.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("As this computer ({locale})").format(locale=QLocale().name()))
        self.footer = named(QPlainTextEdit(), "settingsFooter")
        self.footer.setTabChangesFocus(True)
        self.footer.setFixedHeight(48)
        self.paper = named(QComboBox(), "settingsPaper")
        self.paper.addItems(PAPER_SIZES)
        for label, widget, field in (
                (tr("Shop name"), self.name, "shop_name"), (tr("Address"), self.address, "address"),
                (tr("Logo"), self.logo, "logo_png"), (tr("Country"), self.country, "country"),
                (tr("Time zone"), self.time_zone, "timezone"),
                (tr("Phone region"), self.phone_region, "phone_region"),
                (tr("Currency"), self.currency, "currency"), (tr("Numbers and dates"), self.locale_name, "locale"),
                (tr("Receipt footer"), self.footer, "receipt_footer"), (tr("Paper size"), self.paper, "paper_size")):
            self.errors.add_row(form, label, widget, field)

    def _build_limits(self, currency: str) -> QGroupBox:
        """The staff limits: what a cashier may do alone, and when the till locks itself."""
        box = QGroupBox(tr("Staff limits"))
        box.setObjectName("settingsLimits")
        form = QFormLayout(box)
        self.approval_threshold = self._points_box("settingsApprovalThreshold", MAX_LIMIT_POINTS, tr(" points"))
        self.daily_cap = self._points_box("settingsDailyCap", MAX_LIMIT_POINTS, tr(" points"))
        self.return_amount = AmountField(currency, name="settingsReturnAmount", allow_zero=True)
        self.auto_lock = self._points_box("settingsAutoLock", MAX_LOCK_MINUTES, tr(" min"), minimum=1)
        for label, widget, field, tip in (
                (tr("Approval above"), self.approval_threshold, "approval_threshold_points",
                 tr("A cashier's manual adjustment above this many points, plus or minus, needs a manager's PIN")),
                (tr("Cashier's daily cap"), self.daily_cap, "cashier_daily_adjustment_cap",
                 tr("A cashier's manual adjustments in one shop day, in points either way; beyond it, a manager's "
                    "PIN")),
                (tr("Returns above ({currency})").format(currency=currency), self.return_amount,
                 "return_approval_amount", tr("A cashier's return or void above this amount needs a manager's PIN")),
                (tr("Lock after idle"), self.auto_lock, "auto_lock_minutes",
                 tr("The till goes back to the sign-in screen after this long without a key or a click"))):
            widget.setToolTip(tip)
            self.errors.add_row(form, label, widget, field)
        note = QLabel(tr("They apply once the shop has staff (Settings ▸ Staff)."))
        note.setWordWrap(True)
        form.addRow(note)
        return box

    @staticmethod
    def _points_box(name: str, maximum: int, suffix: str, *, minimum: int = 0) -> QSpinBox:
        box = named(QSpinBox(), name)
        box.setRange(minimum, maximum)
        box.setSuffix(suffix)
        box.setGroupSeparatorShown(True)
        box.setAccelerated(True)
        return box

    # --- checking as the person types ------------------------------------------

    def _watch(self) -> None:
        """Every field, on every change, re-checks the form (`_recheck`)."""
        for field, widget in self.errors.widgets.items():
            slot = partial(self._recheck, field)
            if isinstance(widget, LogoPicker):
                widget.changed.connect(slot)
            elif isinstance(widget, QComboBox):
                widget.currentTextChanged.connect(slot)
            elif isinstance(widget, QSpinBox):   # its own textChanged skips a half-typed (emptied) number
                widget.lineEdit().textChanged.connect(slot)
            elif isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(slot)
        self._recheck(None)

    def _recheck(self, changed: str | None, *_signal_args: object) -> None:
        """Each field's first problem next to it (the focus stays where the person types); Save waits for all."""
        self.refused.pop(changed or "", None)
        found: dict[str, str] = {}
        for field, message in self.problems(self.values()):
            found.setdefault(field, message)
        for field, label in self.errors.labels.items():
            message = found.get(field) or self.refused.get(field, "")
            if message:
                self.errors.show_text(message, field, focus=False)
            else:
                label.setVisible(False)
        self.save_button.setEnabled(not found)
        self.save_button.setToolTip("" if not found else tr("Correct the fields marked in red first"))

    # --- the form cycle ------------------------------------------------------

    @property
    def stored(self) -> Any:
        return self._stored

    def fill(self, stored: Any) -> None:
        self._stored = stored
        self.name.setText(stored.shop_name)
        self.address.setPlainText(stored.address)
        self.logo.set_png(stored.logo_png)
        self.country.setCurrentIndex(max(0, self.country.findData(stored.country)))
        self.time_zone.setCurrentText(stored.next_timezone or stored.timezone)
        self.phone_region.setText(stored.phone_region)
        self.currency.setCurrentText(stored.currency)
        self.locale_name.setCurrentText(stored.locale or "")
        self.footer.setPlainText(stored.receipt_footer)
        self.paper.setCurrentText(stored.paper_size)
        self.approval_threshold.setValue(stored.approval_threshold_points)
        self.daily_cap.setValue(stored.cashier_daily_adjustment_cap)
        self.return_amount.set_amount(stored.return_approval_amount)
        self.auto_lock.setValue(stored.auto_lock_minutes)
        self._show_zone_note(stored)

    def values(self) -> dict[str, Any]:
        return {
            "shop_name": self.name.text().strip(),
            "address": self.address.toPlainText().strip(),
            "logo_png": self.logo.png,
            "country": self.country.currentData(),
            "timezone": self.time_zone.currentText().strip(),
            "phone_region": self.phone_region.text().strip().upper(),
            "currency": self.currency.currentText().strip().upper(),
            "locale": self.locale_name.currentText().strip() or None,
            "receipt_footer": self.footer.toPlainText().strip(),
            "paper_size": self.paper.currentText(),
            "approval_threshold_points": self.approval_threshold.value(),
            "cashier_daily_adjustment_cap": self.daily_cap.value(),
            "return_approval_amount": self.return_amount.canonical(),   # the exact string, never a float
            "auto_lock_minutes": self.auto_lock.value(),
        }

    def same(self, key: str, value: Any, stored: Any) -> bool:
        if key == "timezone":       # a waiting change counts as asked for already
            return bool(value == (self._stored.next_timezone or stored))
        if key == "return_approval_amount":
            return value is not None and Decimal(value) == stored
        return bool(value == stored)

    def problems(self, data: dict[str, Any]) -> Problems:
        found: Problems = []
        if not data["shop_name"]:
            found.append(("shop_name", tr("Enter the shop name")))
        if self.logo.problem:
            found.append(("logo_png", self.logo.problem))
        if data["timezone"] not in zoneinfo.available_timezones():
            found.append(("timezone", tr("Choose a time zone from the list, such as Europe/Paris")))
        if len(data["phone_region"]) != 2 or not data["phone_region"].isalpha():
            found.append(("phone_region", tr("Use the two-letter country code of the phone numbers, such as FR")))
        if not is_currency(data["currency"]):
            found.append(("currency", CURRENCY_RULE))
        if data["locale"] is not None and not is_locale(data["locale"]):
            found.append(("locale", tr("Use a locale such as fr_FR or en_GB")))
        for field, box in (("approval_threshold_points", self.approval_threshold),
                           ("cashier_daily_adjustment_cap", self.daily_cap), ("auto_lock_minutes", self.auto_lock)):
            if not box.hasAcceptableInput():    # emptied, or a number half typed
                found.append((field, tr("Enter a whole number from {low} to {high}").format(
                    low=f"{box.minimum():,}", high=f"{box.maximum():,}")))
        if data["return_approval_amount"] is None:
            found.append(("return_approval_amount", self.return_amount.problem() or tr("Enter the amount")))
        # Then the service's own check of every field not refused above (lengths, control
        # characters…), so that Save never meets a refusal the fields did not show as typed.
        named = {field for field, _message in found}
        for field, value in data.items():
            if field in SETTINGS and field not in named:
                try:
                    SETTINGS[field](value)
                except ValidationError as error:
                    found.append((field, refusal_words(error)))
        return found

    def submit(self) -> None:
        if not self.check():
            return
        changes = self.changes()
        if changes:
            try:
                saved = self.session.svc.save_shop(self.session.user_id, changes, actor=self.session.actor)
            except LoyaltyError as error:
                if error.field:
                    self.refused[error.field] = refusal_words(error)
                self.errors.show(error)
                return
            self.session.notify(Changes(shop=True), self)
            self._stored = saved
        self.accept()

    # --- proposals -------------------------------------------------------------

    def _propose(self) -> None:
        """A country was picked: fill what it proposes; the owner may still change each."""
        code = self.country.currentData()
        if code is None:
            return
        proposed = defaults_for(code)
        self.phone_region.setText(proposed.phone_region)
        self.time_zone.setCurrentText(proposed.time_zone)
        self.currency.setCurrentText(proposed.currency)
        self.locale_name.setCurrentText(proposed.locale)
        self.paper.setCurrentText(proposed.paper_size)

    def _show_zone_note(self, shop: Any) -> None:
        if shop.next_timezone and shop.timezone_changes_at:
            self.zone_note.setText(tr("{zone} until the end of today; {next_zone} from {when} on, so no day is cut "
                                      "short.").format(zone=shop.timezone, next_zone=shop.next_timezone,
                                                       when=fmt.date_time(shop.timezone_changes_at)))
        else:
            self.zone_note.setText(tr("A new time zone takes effect at the end of the shop's day."))
