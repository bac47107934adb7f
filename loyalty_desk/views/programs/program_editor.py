"""The program editor: every field of a program, with the documented program rules as proper fields.

Money and rates are typed as text and handed to the service as strings (never a
float); whole numbers use spin boxes. Every refusal of the service is shown next
to the field it names (`LoyaltyError.field`), or under the form.
"""
from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from ...domain.discount_rules import (
    DISCOUNT_RULES,
    REDEEM_MAX_PERCENT,
    REDEEM_PER_UNIT,
    REDEEM_RESTORE,
    REDEEM_STEP,
)
from ...domain.ledger_rules import discount_value
from ...domain.stamps import card_size
from ...domain.tier_rules import (
    CALENDAR_YEAR,
    DEFAULT_RESET,
    PERIOD_RULES,
    ROLLING,
    next_reset,
    parse_reset,
    year_start,
)
from ...errors import LoyaltyError
from ...services.earning import STAMP_MIN_AMOUNT, currency_places
from ..i18n import plural, tr
from ..shell.session import ShopSession
from ..widgets import build, labels
from ..widgets import formatting as fmt
from ..widgets.amount_field import AmountField
from ..widgets.fields import (
    OptionalDays,
    TextWithUnit,
    as_number,
    hint_label,
    plain_decimal,
    rate_problem,
    rate_text,
    relocalise,
    same_decimal,
    spin,
    text_field,
)
from ..widgets.form_cycle import FormCycle, Problems
from ..widgets.forms import FieldErrors, error_label
from . import member_rules, message_rules
from .member_rules import MemberRules
from .message_rules import MessageRules

TYPE_LABELS = labels.PROGRAM_TYPES


def type_hints() -> dict[str, str]:
    """What each program type does, under the type. {unit} is one unit of the program's currency
    ("€1"), {cent} a hundredth of it ("0,01 €")."""
    return {
        "points": tr("Members earn points for every {unit} they spend."),
        "tiered": tr("Points per {unit}, multiplied by the member's tier."),
        "hybrid": tr("Points per {unit} multiplied by the tier; tiers are reached by money spent."),
        "cash_back": tr("Members get a percent of each purchase back, as points worth {cent} each."),
        "stamps": tr("A stamp card: each purchase earns one stamp, whatever the amount; rewards cost stamps."),
    }


STATUS_LABELS = labels.PROGRAM_STATUSES
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "SEK", "NOK", "DKK", "INR", "MXN",
                     "BRL", "ZAR", "SGD", "HKD")
MAX_POINTS = 100_000_000
# The program rules this form edits; any other stored rule is kept as it is.
EDITED_RULES = frozenset({"welcome_bonus_points", "pending_days", "cash_back_percent", *PERIOD_RULES,
                          STAMP_MIN_AMOUNT, *message_rules.RULES, *member_rules.RULES, *DISCOUNT_RULES})
MAX_BONUS = 1_000_000


def _default_period(key: str, value: Any) -> bool:
    return (key, value) in (("tier_reset_date", DEFAULT_RESET), ("tier_period", ROLLING))


# --- the editor ----------------------------------------------------------------------


class ProgramEditor(FormCycle, QWidget):
    """Creates or edits one program. `written` carries the stored program after a successful save."""

    written = Signal(object)

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("programEditor")
        self.program: Any = None          # the stored program being edited; None while creating one
        self._filling = False
        self.number_locale = fmt.locale()  # the one its rates are written in

        self.general = error_label("programError")
        self.errors = FieldErrors(self.general)
        self._build()
        self.fill(None)

    # --- building ----------------------------------------------------------------

    def _group(self, title: str, name: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        box.setObjectName(name)
        form = build.form_layout()
        box.setLayout(form)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        return box, form

    def _build(self) -> None:
        # Two columns that stack independently, so a tall group leaves no hole beside it.
        self.messages = MessageRules(self.errors)
        self.member_rules = MemberRules(self.errors)
        columns = build.row(build.column(self._build_about(), self._build_earning(), self.member_rules, None),
                            build.column(self._build_redeeming(), self._build_extras(), self.messages, None),
                            spacing=12)
        columns.setStretch(0, 1)
        columns.setStretch(1, 1)
        body = QWidget()
        body.setObjectName("programEditorBody")
        body.setLayout(columns)
        scroll = QScrollArea()
        scroll.setObjectName("programEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.save_button = build.button(tr("Save program"), "programSaveButton", self.save,
                                        tooltip=tr("Save the program (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.revert_button = build.button(tr("Re&vert"), "programRevertButton", self.revert,
                                          tooltip=tr("Throw away the changes and show the stored program again"))
        self.saved_note = hint_label("programSavedNote")
        self.saved_note.setWordWrap(False)
        build.column((scroll, 1), self.general, build.row((self.saved_note, 1), self.revert_button, self.save_button),
                     margins=False, parent=self)
        self._connect()

    def _build_about(self) -> QGroupBox:
        about, form = self._group(tr("Program"), "programAboutGroup")
        self.name = build.line_edit("programName", placeholder=tr("e.g. Coffee Club"), accessible=tr("Program name"),
                                    max_length=120)
        self.errors.add_row(form, tr("&Name:"), self.name, "program_name")
        self.description = build.text_area("programDescription",
                                           placeholder=tr("What members get, in a sentence or two"),
                                           accessible=tr("Description"))
        self.errors.add_row(form, tr("&Description:"), self.description, "description")
        self.type_combo = build.combo("programType", TYPE_LABELS, accessible=tr("Program type"))
        self.type_hint = hint_label("programTypeHint")
        type_box = build.boxed(self.type_combo, self.type_hint, vertical=True, spacing=2)
        self.errors.add_row(form, tr("&Type:"), type_box, "program_type")
        self.currency = build.line_edit("programCurrency", placeholder="USD", accessible=tr("Currency"), max_length=8)
        self.currency.setMaximumWidth(80)
        self.currency.setToolTip(tr("The three-letter currency code, such as USD, EUR or GBP"))
        completer = QCompleter(list(COMMON_CURRENCIES), self.currency)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.currency.setCompleter(completer)
        self.errors.add_row(form, tr("C&urrency:"), self.currency, "currency")
        self.status_combo = build.combo("programStatus", STATUS_LABELS, accessible=tr("Status"),
                                        tooltip=tr("Inactive programs neither earn nor redeem points"))
        self.errors.add_row(form, tr("&Status:"), self.status_combo, "status")
        return about

    def _build_earning(self) -> QGroupBox:
        e = self.errors
        earning, form = self._group(tr("Earning"), "programEarningGroup")
        self.points_per_dollar = text_field("pointsPerDollar", "1", tr("Points per unit of money"))
        self.points_per_dollar.setToolTip(
            tr("Points for each unit of money spent, rounded down (for example 1 or 1.5)"))
        self.ppd_row = TextWithUnit(self.points_per_dollar)
        e.add_row(form, tr("&Points per unit:"), self.ppd_row, "points_per_dollar")
        self.ppd_label = form.labelForField(self.ppd_row)  # says the currency's unit: "Points per €1"

        self.cash_back = text_field("cashBackPercent", tr("e.g. 5"), tr("Cash back percent"))
        self.cash_back.setToolTip(tr("The percent of each purchase credited back, two decimals at most"))
        self.cash_back_row = TextWithUnit(self.cash_back, "%")
        e.add_row(form, tr("Cash &back:"), self.cash_back_row, "cash_back_percent")

        self.stamp_min = AmountField(self.session.currency, name="stampMinAmount", allow_zero=True, optional=True)
        self.stamp_min.setMaximumWidth(110)
        self.stamp_min.setAccessibleName(tr("Least amount for a stamp"))
        self.stamp_min.setToolTip(tr("A purchase earns one stamp when it comes to at least this amount; "
                                     "left empty, every purchase does"))
        self.stamp_row = TextWithUnit(self.stamp_min)
        # The card's rule in a sentence, under the field: too long to sit beside it.
        self.stamp_example = hint_label("stampExample")
        e.add_row(form, tr("Stamp from:"), build.boxed(self.stamp_row, self.stamp_example, vertical=True, spacing=2),
                  STAMP_MIN_AMOUNT)
        self.stamp_min.show_problems_in(e.labels[STAMP_MIN_AMOUNT])
        self.first_reward: tuple[int, str] | None = None   # the stamps program's cheapest active reward

        self.welcome = spin("welcomeBonusPoints", MAX_BONUS, suffix=tr(" points"), special=tr("None"),
                            accessible=tr("Welcome bonus points"))
        self.welcome.setToolTip(tr("Points credited once, when a member enrolls"))
        e.add_row(form, tr("&Welcome bonus:"), self.welcome, "welcome_bonus_points")

        self.pending = spin("pendingDays", 365, suffix=tr(" days"), special=tr("No hold"),
                            accessible=tr("Pending days"))
        self.pending.setToolTip(tr("Hold purchase points for this many days (a return window) before members can "
                                   "spend them"))
        e.add_row(form, tr("&Hold points for:"), self.pending, "pending_days")

        self.point_value = text_field("pointValue", "0.01", tr("Value of one point"))
        self.point_value.setToolTip(tr("What one point is worth in money, for the liability figures"))
        self.point_value_row = TextWithUnit(self.point_value)
        e.add_row(form, tr("Point &value:"), self.point_value_row, "point_value")
        return earning

    def _build_redeeming(self) -> QGroupBox:
        e = self.errors
        redeeming, form = self._group(tr("Redeeming and expiry"), "programRedeemGroup")
        self.min_redemption = spin("minRedemptionPoints", MAX_POINTS, suffix=tr(" points"), special=tr("No minimum"),
                                   accessible=tr("Minimum points to redeem"))
        self.min_redemption.setToolTip(tr("A member needs at least this balance to redeem any reward"))
        e.add_row(form, tr("&Minimum to redeem:"), self.min_redemption, "min_redemption_points")

        self.expiry = OptionalDays("pointsExpirationDays", tr("Never expire"), 36_500, tr("Points expire after"))
        self.expiry.none.setToolTip(tr("Untick to make points expire a number of days after they are earned"))
        self.expiry.days.setToolTip(tr("Points expire this many days after they are earned"))
        e.add_row(form, tr("Points e&xpire:"), self.expiry, "points_expiration_days")
        self._build_money_off(form)
        return redeeming

    def _build_money_off(self, form: QFormLayout) -> None:
        """Points as money off at the till: the redemption value, its step, a basket's share, returns."""
        e = self.errors
        self.per_unit = spin("redeemPointsPerUnit", 1_000_000, suffix=tr(" points"), special=tr("Not as money"),
                             accessible=tr("Points per unit of money off"))
        self.per_unit.setToolTip(tr("How many points make one unit of money off at the till (for example 100)"))
        self.per_unit_hint = hint_label("redeemPointsPerUnitHint")
        e.add_row(form, tr("Mone&y off: 1 unit ="), build.boxed(self.per_unit, self.per_unit_hint, vertical=True,
                                                                spacing=2), REDEEM_PER_UNIT)
        self.redeem_step = spin("redeemPointsStep", 1_000_000, suffix=tr(" points"), special=tr("Any number"),
                                accessible=tr("Points are used in steps of"))
        self.redeem_step.setToolTip(tr("Points are used in multiples of this (for example 100)"))
        e.add_row(form, tr("In steps &of:"), self.redeem_step, REDEEM_STEP)
        self.max_percent = spin("redeemMaxBasketPercent", 100, suffix=" %", special=tr("No limit"),
                                accessible=tr("Most of a basket points may pay"))
        self.max_percent.setToolTip(tr("At most this share of the basket can be paid with points"))
        e.add_row(form, tr("At most of a bas&ket:"), self.max_percent, REDEEM_MAX_PERCENT)
        self.restore = QCheckBox(tr("A return &gives the points back"))
        self.restore.setObjectName("redeemRestoreOnReturn")
        self.restore.setToolTip(tr("Returning the order gives back the points used on it, in proportion"))
        e.add_row(form, "", self.restore, REDEEM_RESTORE)

    def _build_extras(self) -> QGroupBox:
        e = self.errors
        extras, form = self._group(tr("Tiers, referrals and birthdays"), "programExtrasGroup")
        self.tier_system = QCheckBox(tr("Members move through &tiers"))
        self.tier_system.setObjectName("tierSystemEnabled")
        self.tier_system.setToolTip(tr("Place members in the tier their qualifying points call for"))
        e.add_row(form, "", self.tier_system, "tier_system_enabled")

        self.qualification = OptionalDays("tierQualificationDays", tr("Lifetime points"), 3650,
                                          tr("Tier qualification days"))
        self.qualification.none.setToolTip(tr("Tiers follow all the points a member ever earned. Untick to count "
                                              "only the points of a rolling window"))
        self.qualification.days.setToolTip(tr("Tiers follow the points earned in this many most recent days"))
        e.add_row(form, tr("&Qualify on:"), self.qualification, "tier_qualification_days")
        self._build_period(form)

        self.referral = QCheckBox(tr("Members can &refer friends"))
        self.referral.setObjectName("referralEnabled")
        self.referral.setToolTip(tr("A member whose code a new member enrolls with earns the referral points"))
        e.add_row(form, "", self.referral, "referral_enabled")

        self.referral_points = spin("referralPointsAwarded", MAX_BONUS, suffix=tr(" points"),
                                    accessible=tr("Referral points"))
        self.referral_points.setToolTip(tr("Points the referring member earns, once per new member"))
        e.add_row(form, tr("Re&ferral points:"), self.referral_points, "referral_points_awarded")

        self.birthday = spin("birthdayBonusPoints", MAX_BONUS, suffix=tr(" points"), special=tr("None"),
                             accessible=tr("Birthday bonus points"))
        self.birthday.setToolTip(tr("Points credited on a member's birthday, times their tier's birthday multiplier"))
        e.add_row(form, tr("Birth&day bonus:"), self.birthday, "birthday_bonus_points")
        return extras

    def _build_period(self, form: QFormLayout) -> None:
        """The tier period (README, "Tier periods"): a calendar year with its reset date and grace,
        and the demotion after months without activity, with a live example under them."""
        e = self.errors
        self.calendar_year = QCheckBox(tr("Ca&lendar year, reset on"))
        self.calendar_year.setObjectName("tierCalendarYear")
        self.calendar_year.setToolTip(tr("Tiers follow what members earn from one reset date to the next; on the "
                                         "reset date the daily job moves them to what the new year gives"))
        self.reset_month = build.combo("tierResetMonth", {m: fmt.locale().standaloneMonthName(m)
                                                          for m in range(1, 13)}, accessible=tr("Reset month"))
        self.reset_day = spin("tierResetDay", 31, minimum=1, accessible=tr("Reset day"))
        self.reset_day.setMinimumWidth(60)
        e.add_row(form, tr("Tier p&eriod:"), build.boxed(self.calendar_year, self.reset_day, self.reset_month),
                  "tier_reset_date")
        self.grace = QCheckBox(tr("Keep a tier through the following year (gra&ce)"))
        self.grace.setObjectName("tierGrace")
        self.grace.setToolTip(tr("A tier reached in one tier year is kept until the end of the next"))
        e.add_row(form, "", self.grace, "tier_grace")
        self.demotion = spin("tierDemotionMonths", 120, suffix=tr(" months"), special=tr("Never"),
                             accessible=tr("Demote after months without activity"))
        self.demotion.setToolTip(tr("A member with no visit for this many months drops to the tier of a new "
                                    "member, until their next visit"))
        e.add_row(form, tr("Demote when &idle:"), self.demotion, "tier_demotion_months")
        self.period_example = hint_label("tierPeriodExample")
        form.addRow("", self.period_example)

    def _connect(self) -> None:
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.referral.toggled.connect(self._sync_enabled)
        self.tier_system.toggled.connect(self._sync_enabled)
        self.calendar_year.toggled.connect(self._sync_enabled)
        self.reset_month.currentIndexChanged.connect(self._period_changed)
        self.reset_day.valueChanged.connect(self._period_changed)
        self.grace.toggled.connect(self._period_changed)
        self.demotion.valueChanged.connect(self._period_changed)
        self.currency.textChanged.connect(self._update_hints)
        self.point_value.textChanged.connect(self._update_hints)
        self.points_per_dollar.textChanged.connect(self._update_hints)
        self.cash_back.textChanged.connect(self._update_hints)
        self.per_unit.valueChanged.connect(lambda _v: self._update_hints())
        self.stamp_min.textChanged.connect(self._update_hints)
        self.currency.textEdited.connect(self._upper_currency)
        build.tab_order(self.name, self.description, self.type_combo, self.currency, self.status_combo,
                        self.points_per_dollar, self.cash_back, self.stamp_min, self.welcome, self.pending,
                        self.point_value, self.min_redemption, self.expiry.none, self.expiry.days, self.per_unit,
                        self.redeem_step, self.max_percent, self.restore, self.tier_system,
                        self.qualification.none, self.qualification.days, self.calendar_year, self.reset_day,
                        self.reset_month, self.grace, self.demotion, self.referral, self.referral_points,
                        self.birthday, *self.messages.widgets(), *self.member_rules.widgets(), self.revert_button,
                        self.save_button)

    # --- filling and reading ---------------------------------------------------------

    @property
    def stored(self) -> Any:
        return self.program

    def fill(self, program: Any) -> None:
        """Show a stored program, or (None) the blank form for a new one."""
        self._filling = True
        try:
            self.program = program
            self.errors.clear()
            self.saved_note.clear()
            currency = program.currency if program is not None else self.session.currency
            kind = program.program_type if program is not None else "points"
            self.name.setText(program.program_name if program is not None else "")
            self.description.setPlainText((program.description or "") if program is not None else "")
            self.type_combo.setCurrentIndex(max(self.type_combo.findData(kind), 0))
            self.currency.setText(currency)
            self.status_combo.setCurrentIndex(max(self.status_combo.findData(
                program.status if program is not None else "active"), 0))
            self.points_per_dollar.setText(plain_decimal(program.points_per_dollar) if program is not None else "1")
            self.point_value.setText(plain_decimal(program.point_value) if program is not None else
                                     plain_decimal(Decimal("0.01")))
            rules = dict(program.program_rules or {}) if program is not None else {}
            self.cash_back.setText(plain_decimal(rules["cash_back_percent"])
                                   if rules.get("cash_back_percent") is not None else "")
            self.welcome.setValue(int(rules.get("welcome_bonus_points") or 0))
            self.stamp_min.set_currency(currency)
            self.stamp_min.set_amount(Decimal(rules[STAMP_MIN_AMOUNT]) if rules.get(STAMP_MIN_AMOUNT) else None)
            self.first_reward = self._first_reward(program)
            self.messages.fill(rules)
            self.member_rules.fill(rules)
            self.pending.setValue(int(rules.get("pending_days") or 0))
            self.per_unit.setValue(int(rules.get(REDEEM_PER_UNIT) or 0))
            self.redeem_step.setValue(int(rules.get(REDEEM_STEP) or 0))
            self.max_percent.setValue(int(rules.get(REDEEM_MAX_PERCENT) or 0))
            self.restore.setChecked(bool(rules.get(REDEEM_RESTORE, False)))
            self.qualification.set_value(rules.get("tier_qualification_days"), 365)
            month, day = parse_reset(rules.get("tier_reset_date") or DEFAULT_RESET) or (1, 1)
            self.calendar_year.setChecked(rules.get("tier_period") == CALENDAR_YEAR)
            self.reset_month.setCurrentIndex(month - 1)
            self.reset_day.setValue(day)
            self.grace.setChecked(bool(rules.get("tier_grace")))
            self.demotion.setValue(int(rules.get("tier_demotion_months") or 0))
            self.min_redemption.setValue(program.min_redemption_points if program is not None else 0)
            self.expiry.set_value(program.points_expiration_days if program is not None else None, 365)
            self.tier_system.setChecked(bool(program.tier_system_enabled) if program is not None
                                        else kind in ("tiered", "hybrid"))
            self.referral.setChecked(bool(program.referral_enabled) if program is not None else False)
            self.referral_points.setValue(program.referral_points_awarded if program is not None else 0)
            self.birthday.setValue(program.birthday_bonus_points if program is not None else 0)
            self.save_button.setText(tr("Create program") if program is None else tr("Save program"))
            self.revert_button.setEnabled(program is not None)
        finally:
            self._filling = False
        self._type_changed()

    def set_status(self, program: Any) -> None:
        """The program's status changed elsewhere (activate/deactivate): take it without losing other edits."""
        if self.program is None or program.id != self.program.id:
            return
        self.program = program
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(program.status), 0))

    def values(self) -> dict[str, Any]:
        """Every field as the service takes it: rates and money as strings, whole numbers as ints."""
        kind = self.type_combo.currentData()
        # Rules this form has no field for (set through the API or a newer version) are kept as stored.
        stored = dict(self.program.program_rules or {}) if self.program is not None else {}
        rules: dict[str, Any] = {k: v for k, v in stored.items() if k not in EDITED_RULES}
        rules.update(self.messages.rules())
        rules.update(self.member_rules.rules())
        if self.welcome.value():
            rules["welcome_bonus_points"] = self.welcome.value()
        if self.pending.value():
            rules["pending_days"] = self.pending.value()
        if kind == "cash_back":
            if self.cash_back.text().strip():
                rules["cash_back_percent"] = rate_text(self.cash_back.text())
        elif self.program is not None and (self.program.program_rules or {}).get("cash_back_percent") is not None:
            # Only cash back programs use the percent; another type keeps a stored one untouched.
            rules["cash_back_percent"] = self.program.program_rules["cash_back_percent"]
        if self.per_unit.value() and kind not in ("cash_back", "stamps"):
            rules[REDEEM_PER_UNIT] = self.per_unit.value()
        for key, box in ((REDEEM_STEP, self.redeem_step), (REDEEM_MAX_PERCENT, self.max_percent)):
            if box.value():
                rules[key] = box.value()
        if self.restore.isChecked():
            rules[REDEEM_RESTORE] = True
        least = self.stamp_min.amount()
        if kind == "stamps" and least:      # a rule of stamp cards only; empty or zero: every purchase
            rules[STAMP_MIN_AMOUNT] = fmt.canonical_amount(least)
        rules.update(self._period_rules())
        return {
            "program_name": self.name.text(),
            "description": self.description.toPlainText(),
            "program_type": kind,
            "currency": self.currency.text().strip().upper(),
            "status": self.status_combo.currentData(),
            "points_per_dollar": rate_text(self.points_per_dollar.text()),
            "points_expiration_days": self.expiry.value(),
            "min_redemption_points": self.min_redemption.value(),
            "tier_system_enabled": self.tier_system.isChecked(),
            "referral_enabled": self.referral.isChecked(),
            "referral_points_awarded": self.referral_points.value(),
            "birthday_bonus_points": self.birthday.value(),
            "point_value": rate_text(self.point_value.text()),
            "program_rules": rules,
        }

    def _period_rules(self) -> dict[str, Any]:
        rules: dict[str, Any] = {}
        if self.calendar_year.isChecked():
            rules["tier_period"] = CALENDAR_YEAR
            reset = f"{self.reset_month.currentData():02d}-{self.reset_day.value():02d}"
            if reset != DEFAULT_RESET:
                rules["tier_reset_date"] = reset
            if self.grace.isChecked():
                rules["tier_grace"] = True
        elif self.qualification.value() is not None:
            rules["tier_qualification_days"] = self.qualification.value()
        if self.demotion.value():
            rules["tier_demotion_months"] = self.demotion.value()
        return rules

    def _period_changed(self, *_args: Any) -> None:
        # A day the month has in every year: 29 February is not one (the service says the same).
        month = self.reset_month.currentData() or 1
        self.reset_day.setMaximum(calendar.monthrange(2025, month)[1])
        self._update_period_example()

    def _update_period_example(self) -> None:
        """"Tiers reset on 1 January; a tier reached in 2026 is kept through 2027", for today."""
        if not self.tier_system.isChecked():
            self.period_example.clear()
            return
        lines = []
        if self.calendar_year.isChecked():
            reset = (self.reset_month.currentData() or 1, self.reset_day.value())
            start = year_start(fmt.day_of(fmt.today()), reset)
            end = next_reset(start, reset) - dt.timedelta(days=1)
            on = fmt.locale().toString(QDate(2025, *reset), "d MMMM")
            if reset == (1, 1):
                kept = start.year + 1 if self.grace.isChecked() else start.year
                lines.append(tr("Tiers reset on {date}; a tier reached in {year} is kept through {kept}.").format(
                    date=on, year=start.year, kept=kept))
            else:
                kept_to = end.replace(year=end.year + 1) if self.grace.isChecked() else end
                lines.append(tr("Tiers reset on {date}; a tier reached by {end} is kept through {kept}.").format(
                    date=on, end=fmt.date(end), kept=fmt.date(kept_to)))
        if self.demotion.value():
            lines.append(plural(self.demotion.value(),
                                tr("A member with no visit for {n} month drops to a new member's tier."),
                                tr("A member with no visit for {n} months drops to a new member's tier."))
                         .format(n=self.demotion.value()))
        self.period_example.setText("\n".join(lines))

    def same(self, key: str, value: Any, stored: Any) -> bool:
        if key in ("points_per_dollar", "point_value"):
            return same_decimal(value, stored)
        if key == "description":
            return (value or "").strip() == (stored or "").strip()
        if key == "program_name":
            return value.strip() == stored
        if key == "program_rules":
            # A rule of 0 (no welcome bonus, no hold) means the same as no rule at all; so do
            # emails left on and reminders at their default days, a reset on the default date and
            # a rolling period named as such (its days say it).
            stored = {**{k: v for k, v in (stored or {}).items() if v is not None and v != 0
                         and k not in message_rules.RULES and not _default_period(k, v)},
                      **message_rules.normal(stored or {})}
            value = {**{k: v for k, v in value.items() if v is not None and v != 0
                        and k not in message_rules.RULES and not _default_period(k, v)}, **message_rules.normal(value)}
            if set(value) != set(stored):
                return False
            return all(same_decimal(v, stored[k]) if k in ("cash_back_percent", STAMP_MIN_AMOUNT) else v == stored[k]
                       for k, v in value.items())
        return bool(value == stored)

    def is_dirty(self) -> bool:
        if self.program is None:
            return bool(self.name.text().strip() or self.description.toPlainText().strip())
        return bool(self.changes())

    # --- behaviour -----------------------------------------------------------------------

    def follow_formats(self) -> None:
        """After the shop's locale changed: the rates with its decimal separator, the hints in its formats."""
        if self.number_locale != fmt.locale():
            relocalise((self.points_per_dollar, self.point_value, self.cash_back), self.number_locale)
            self.number_locale = fmt.locale()
            self._update_hints()

    def _upper_currency(self, text: str) -> None:
        if text != text.upper():
            position = self.currency.cursorPosition()
            self.currency.setText(text.upper())
            self.currency.setCursorPosition(position)

    def _type_changed(self, _index: int = 0) -> None:
        kind = self.type_combo.currentData()
        cash = kind == "cash_back"
        if not self._filling and self.program is None:
            # A new program starts with the tier system of its type, as the service would choose.
            self.tier_system.setChecked(kind in ("tiered", "hybrid"))
        stamps = kind == "stamps"
        self.cash_back_row.setEnabled(cash)
        self.stamp_row.setEnabled(stamps)
        self.points_per_dollar.setEnabled(not cash and not stamps)
        self.per_unit.setEnabled(not cash and not stamps)   # a cash back point is one cent already
        self.ppd_row.hint.setText(tr("not used by cash back") if cash else tr("not used by stamp cards") if stamps
                                  else "")
        self._sync_enabled()
        self._update_hints()

    def _money_off_example(self, code: str) -> str:
        """The live example under the redemption value: "1,000 points = €10.00 off"."""
        places = currency_places(code)
        if self.type_combo.currentData() == "cash_back":
            return tr("Cash back: {points} points = {money} off").format(
                points=fmt.points(100), money=fmt.money(discount_value(100, 10 ** places, places), code))
        per_unit = self.per_unit.value()
        if not per_unit:
            return tr("Points are not taken as money off")
        points = per_unit * 10
        money = fmt.money(discount_value(points, per_unit, places), code)
        return tr("{points} points = {money} off").format(points=fmt.points(points), money=money)

    def _sync_enabled(self, _on: bool = False) -> None:
        self.referral_points.setEnabled(self.referral.isChecked())
        tiers, year = self.tier_system.isChecked(), self.calendar_year.isChecked()
        # A calendar year replaces the rolling window; its date and grace mean nothing without it.
        self.qualification.setEnabled(tiers and not year)
        for widget in (self.calendar_year, self.demotion):
            widget.setEnabled(tiers)
        for part in (self.reset_month, self.reset_day, self.grace):
            part.setEnabled(tiers and year)
        self._period_changed()

    def _update_hints(self, _text: str = "") -> None:
        typed = self.currency.text().strip().upper()
        code = typed if len(typed) == 3 and typed.isalpha() else self.session.currency
        unit = fmt.per_unit(code)
        self.type_hint.setText(type_hints().get(self.type_combo.currentData(), "").format(
            unit=unit, cent=fmt.money(Decimal("0.01"), code)))
        if isinstance(self.ppd_label, QLabel):
            self.ppd_label.setText(tr("&Points per {unit}:").format(unit=unit))
        self.points_per_dollar.setAccessibleName(tr("Points per {unit}").format(unit=unit))
        self.point_value_row.unit.setText(code)
        value = as_number(self.point_value.text())
        if value is not None and value >= 0:
            try:
                self.point_value_row.hint.setText(tr("100 points = {money}").format(money=fmt.money(value * 100, code)))
            except (ArithmeticError, ValueError):
                self.point_value_row.hint.clear()
        else:
            self.point_value_row.hint.clear()
        self.per_unit_hint.setText(self._money_off_example(code))
        percent = as_number(self.cash_back.text())
        if self.type_combo.currentData() == "cash_back" and percent is not None and percent > 0:
            example = Decimal(20)
            back = fmt.money(example * percent / 100, code)
            self.cash_back_row.hint.setText(tr("{spent} earns {back}").format(spent=fmt.money(example, code),
                                                                              back=back))
        else:
            self.cash_back_row.hint.clear()
        self._stamp_example(code)
        rate = as_number(self.points_per_dollar.text())
        if self.type_combo.currentData() not in ("cash_back", "stamps"):
            if rate is not None and rate >= 0:
                earned = int(Decimal(20) * rate)
                self.ppd_row.hint.setText(tr("{spent} earns {points} points").format(
                    spent=fmt.money(20, code), points=fmt.points(earned)))
            else:
                self.ppd_row.hint.clear()

    def _first_reward(self, program: Any) -> tuple[int, str] | None:
        """(cost, name) of a stamps program's cheapest active reward: a full card buys it."""
        if program is None or program.program_type != "stamps":
            return None
        rewards = [r for r in self.session.svc.get_loyalty_rewards(self.session.user_id, program.id) if r.active]
        size = card_size(r.points_cost for r in rewards)
        return next(((r.points_cost, r.reward_name) for r in rewards if r.points_cost == size), None)

    def _stamp_example(self, code: str) -> None:
        """The card's rule in one sentence: "A purchase of €3.00 or more earns 1 stamp; 10 stamps: a free coffee"."""
        self.stamp_min.set_currency(code)
        self.stamp_row.unit.setText(code)
        if self.type_combo.currentData() != "stamps":
            self.stamp_example.clear()
            return
        least = self.stamp_min.amount()
        earns = (tr("A purchase of {amount} or more earns 1 stamp").format(amount=fmt.money(least, code)) if least
                 else tr("Every purchase earns 1 stamp"))
        if self.first_reward is not None:
            cost, name = self.first_reward
            full = plural(cost, tr("{n} stamp: {reward}"), tr("{n} stamps: {reward}")).format(
                n=fmt.points(cost), reward=name)
        else:
            full = tr("a full card is {n} stamps (a reward of that cost, in Rewards)").format(n=card_size(()))
        self.stamp_example.setText(f"{earns}; {full}")

    def problems(self, data: dict[str, Any]) -> Problems:
        """Mistakes the form can see at once, so they show together; the service checks everything."""
        problems = []
        if not data["program_name"].strip():
            problems.append(("program_name", tr("Enter the program name")))
        rates = [("points_per_dollar", self.points_per_dollar), ("point_value", self.point_value)]
        if data["program_type"] == "cash_back":
            percent = as_number(self.cash_back.text()) if self.cash_back.text().strip() else None
            if self.cash_back.text().strip() and percent is None:
                rates.append(("cash_back_percent", self.cash_back))
            elif percent is None or percent <= 0:
                problems.append(("cash_back_percent", tr("A cash back program needs a cash back percent above zero")))
        if data["program_type"] == "stamps" and self.stamp_min.problem():
            problems.append((STAMP_MIN_AMOUNT, self.stamp_min.problem()))
        problems += [(field, problem) for field, edit in rates if (problem := rate_problem(edit.text()))]
        return problems

    def revert(self) -> None:
        self.fill(self.program)

    def save(self) -> bool:
        """Create or update the program; True when it was stored (or nothing needed storing)."""
        self.saved_note.clear()
        if not self.check():
            return False
        changes = self.changes()
        if self.program is not None and not changes:
            self.saved_note.setText(tr("No changes to save"))
            return True
        svc, user = self.session.svc, self.session.user_id
        creating = self.program is None
        try:
            if creating:
                result = svc.create_loyalty_program(user, changes, actor=self.session.actor)
            else:
                result = svc.update_loyalty_program(user, self.program.id, changes, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show(error)
            return False
        self.fill(result)
        self.saved_note.setText(tr("Program created") if creating else tr("Saved"))
        self.written.emit(result)
        return True

__all__ = ["STATUS_LABELS", "TYPE_LABELS", "ProgramEditor"]
