"""The promotion editor of one program: its bonus events in a table, and a form for one of them.

As the owner or manager types, the form asks the service for its live example
(`promotion_example`: "€20.00 on a Tuesday at 3:00 PM earns 40 points"), which checks the
fields exactly as a save would: a refusal shows next to the field it names at once. Dates are
the shop's days, the end date included (README, "Promotions").
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QSizePolicy,
    QWidget,
)

from ...errors import LoyaltyError
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build, fields
from ..widgets import formatting as fmt
from ..widgets.amount_field import AmountField
from ..widgets.fields import (
    date_edit,
    hint_label,
    plain_decimal,
    rate_problem,
    rate_text,
    same_decimal,
    spin,
    text_field,
)
from ..widgets.form_cycle import Problems
from ..widgets.forms import Confirm, FieldErrors
from ..widgets.tables import RowsModel, read_only_table
from .list_editor import ListEditor

MULTIPLIER, BONUS = "multiplier", "bonus_points"
EXAMPLE_AMOUNT = Decimal(20)      # the example's purchase, unless the promotion asks for more


def day_name(weekday: int, short: bool = False) -> str:
    """Monday is 0, as the service counts; in the shop's language."""
    kind = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return fmt.locale().dayName(weekday + 1, kind)


def bonus_text(promotion: Any) -> str:
    if promotion.multiplier is not None:
        return f"×{plain_decimal(promotion.multiplier)}"
    return tr("+{points} points").format(points=fmt.points(promotion.bonus_points))


def when_text(promotion: Any) -> str:
    """"Tue, Thu · 15–18 h" (empty: every day, all day)."""
    parts = []
    if promotion.days_of_week:
        parts.append(", ".join(day_name(d, short=True) for d in promotion.days_of_week))
    if promotion.hour_from is not None:
        parts.append(tr("{start}–{end} h").format(start=promotion.hour_from, end=promotion.hour_to))
    return " · ".join(parts) or tr("every day")


def first_day(promotion: Any) -> dt.date:
    return fmt.local_day(promotion.starts_at)


def last_day(promotion: Any) -> dt.date:
    """The last day it applies on (its end is the first moment it no longer does)."""
    return fmt.local_day(promotion.ends_at - dt.timedelta(seconds=1))


class PromotionTableModel(RowsModel):
    """The promotions of one program, by start (as the service returns them)."""

    IdRole = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Promotion"), tr("Bonus"), tr("From"), tr("To"), tr("When"), tr("Status"))
        self.today = dt.date.min

    def status(self, promotion: Any) -> str:
        if not promotion.active or last_day(promotion) < self.today:
            return tr("Ended")
        return tr("Upcoming") if first_day(promotion) > self.today else tr("Running")

    def cell(self, promotion: Any, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (promotion.name, bonus_text(promotion), fmt.date(first_day(promotion)),
                    fmt.date(last_day(promotion)), when_text(promotion), self.status(promotion))[column]
        if role == self.IdRole:
            return promotion.id
        return None


class PromotionEditor(ListEditor):
    """List, add, edit and end the promotions of the selected program. `written` fires after every stored change."""

    model: PromotionTableModel

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "promotionEditor", parent)
        self._build()
        self.show_program(None)

    @property
    def promotion(self) -> Any:
        """The stored promotion being edited; None while adding one."""
        return self.current

    @promotion.setter
    def promotion(self, value: Any) -> None:
        self.current = value

    def discard_question(self) -> str:
        return tr("Discard the changes to this promotion?")

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.note = hint_label("promotionNote")
        self.model = PromotionTableModel(self)
        self.table = read_only_table("promotionsTable", tr("Promotions"), self.model, plain=True)
        header = self.table.horizontalHeader()
        for column in range(len(self.model.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(100)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.add_button = build.button(tr("Ne&w promotion"), "addPromotionButton", self.new_promotion,
                                       tooltip=tr("Set up a new promotion"))
        self.end_button = build.button(tr("En&d now"), "endPromotionButton", self.end_promotion,
                                       tooltip=tr("Stop the selected promotion now; purchases keep what they earned"))
        self.save_button = build.button(tr("Add promotion"), "savePromotionButton", self.save,
                                        tooltip=tr("Save the promotion (Ctrl+S)"))
        self.revert_button = build.button(tr("Re&vert"), "promotionRevertButton", lambda: self.fill(self.promotion),
                                          tooltip=tr("Throw away the changes to this promotion"))
        self.example = build.label("promotionExample", wrap=True, bold=True)
        self.example.setTextFormat(Qt.TextFormat.PlainText)
        self.form_box = QGroupBox(tr("New promotion"))
        self.form_box.setObjectName("promotionForm")
        build.column(build.row(self._build_what(), 12, self._build_when()), self.example, self.general,
                     build.row(None, self.revert_button, self.save_button), parent=self.form_box)
        self.form_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        build.column((self.table, 1), build.row(self.add_button, self.end_button, 8, (self.note, 1), spacing=4),
                     self.form_box, margins=False, parent=self)
        self._connect_live()
        build.tab_order(self.table, self.add_button, self.end_button, self.name, self.kind, self.multiplier,
                        self.bonus, self.min_amount, self.stacks, self.start, self.end,
                        *self.days, self.hours_on, self.hour_from, self.hour_to, self.revert_button,
                        self.save_button)

    def _build_what(self) -> QFormLayout:
        """Name, what it gives, and to whom."""
        form, e = build.form_layout(), self.errors
        self.name = build.line_edit("promotionName", placeholder=tr("e.g. Double Tuesdays"),
                                    accessible=tr("Promotion name"), max_length=80)
        e.add_row(form, tr("Na&me:"), self.name, "name")
        self.kind = build.combo("promotionKind", {MULTIPLIER: tr("Multiply the points"),
                                                  BONUS: tr("Add bonus points")}, accessible=tr("Kind of bonus"))
        self.multiplier = text_field("promotionMultiplier", "2", tr("Multiplier"), width=80)
        self.multiplier.setToolTip(tr("The purchase's points are multiplied by this (2 is double points)"))
        self.bonus = spin("promotionBonus", 1_000_000, minimum=1, suffix=tr(" points"), accessible=tr("Bonus points"))
        self.bonus.setToolTip(tr("Added to the points of each purchase it applies to"))
        e.add_row(form, tr("&Bonus:"), build.boxed(self.kind, self.multiplier, self.bonus, focus=self.kind),
                  MULTIPLIER)
        # Both kinds' refusals land in the one row (a bonus is the same row's other half).
        e.labels[BONUS], e.widgets[BONUS] = e.labels[MULTIPLIER], self.bonus
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.min_amount = AmountField(self.session.currency, name="promotionMinAmount", optional=True)
        self.min_amount.setAccessibleName(tr("Minimum amount"))
        self.min_amount.setToolTip(tr("Only purchases of at least this amount (empty: any amount)"))
        e.add_row(form, tr("Minim&um:"), self.min_amount, "min_amount")
        self.min_amount.show_problems_in(e.labels["min_amount"])
        # One check box per tier of the program (`_fill_tiers`), four to a line.
        self.tiers = QWidget()
        self.tiers.setObjectName("promotionTiers")
        self.tiers.setAccessibleName(tr("Tiers"))
        self.tiers.setToolTip(tr("Only members of the ticked tiers (none ticked: every member); Space ticks"))
        self.tier_grid = QGridLayout(self.tiers)
        self.tier_grid.setContentsMargins(0, 0, 0, 0)
        self.tier_boxes: list[tuple[int, QCheckBox]] = []
        self.no_tiers = hint_label("promotionNoTiers")
        self.no_tiers.setText(tr("The program has no tiers: every member gets it"))
        self.tier_grid.addWidget(self.no_tiers, 0, 0)
        e.add_row(form, tr("Tie&rs:"), self.tiers, "tier_ids")
        self.stacks = QCheckBox(tr("Stac&k with the tier multiplier"))
        self.stacks.setObjectName("promotionStacks")
        self.stacks.setToolTip(tr("Ticked: the tier's and the promotion's multipliers multiply. Not ticked: the "
                                  "larger of the two applies"))
        e.add_row(form, "", self.stacks, "stacks_with_tier")
        return form

    def _build_when(self) -> QFormLayout:
        """The days it runs, the weekdays and the hours."""
        form, e = build.form_layout(), self.errors
        self.start = date_edit("promotionStart", tr("First day"))
        e.add_row(form, tr("&From:"), self.start, "starts_at")
        self.end = date_edit("promotionEnd", tr("Last day (included)"))
        e.add_row(form, tr("To (in&cluded):"), self.end, "ends_at")
        self.days = []
        for weekday in range(7):
            box = QCheckBox(day_name(weekday, short=True))
            box.setObjectName(f"promotionDay{weekday}")
            box.setAccessibleName(day_name(weekday))
            self.days.append(box)
        days_box = build.boxed(*self.days, focus=self.days[0], spacing=2)
        days_box.setToolTip(tr("The weekdays it applies on (none ticked: every day)"))
        e.add_row(form, tr("Da&ys:"), days_box, "days_of_week")
        self.hours_on = QCheckBox(tr("&Only from"))
        self.hours_on.setObjectName("promotionHoursOn")
        self.hour_from = spin("promotionHourFrom", 23, suffix=tr(":00"), accessible=tr("From hour"))
        self.hour_to = spin("promotionHourTo", 24, minimum=1, suffix=tr(":00"), accessible=tr("To hour"))
        self.hour_from.setValue(15)
        self.hour_to.setValue(18)
        for hour in (self.hour_from, self.hour_to):
            hour.setMinimumWidth(80)
        self.hours_on.toggled.connect(self._hours_toggled)
        hours_box = build.boxed(self.hours_on, self.hour_from, build.label("promotionHoursTo", tr("to")),
                                self.hour_to, focus=self.hours_on)
        hours_box.setToolTip(tr("The shop's local hours, the last one excluded: 15 to 18 is 15:00 to 17:59"))
        e.add_row(form, tr("&Hours:"), hours_box, "hours")
        return form

    def _connect_live(self) -> None:
        """Every change asks for the example again (and so is checked as the save will check it)."""
        for edit in (self.name, self.multiplier, self.min_amount):
            edit.textChanged.connect(self.update_example)
        for box in (self.bonus, self.hour_from, self.hour_to):
            box.valueChanged.connect(self.update_example)
        for check in (self.stacks, self.hours_on, *self.days):
            check.toggled.connect(self.update_example)
        for date in (self.start, self.end):
            date.dateChanged.connect(self.update_example)
        self.kind.currentIndexChanged.connect(self.update_example)

    def _kind_changed(self, _index: int = 0) -> None:
        multiplied = self.kind.currentData() == MULTIPLIER
        self.multiplier.setVisible(multiplied)
        self.bonus.setVisible(not multiplied)

    def _hours_toggled(self, on: bool) -> None:
        self.hour_from.setEnabled(on)
        self.hour_to.setEnabled(on)

    # --- showing ----------------------------------------------------------------------------------

    def follow_formats(self) -> None:
        """After the shop's locale changed: the multiplier being edited with its decimal separator."""
        if self.number_locale != fmt.locale():
            fields.relocalise((self.multiplier,), self.number_locale)
            self.number_locale = fmt.locale()

    def show_program(self, program: Any) -> None:
        """Show the promotions of a stored program (None: a program not saved yet)."""
        changed_program = (program.id if program is not None else None) != \
            (self.program.id if self.program is not None else None)
        self.program = program
        svc, user = self.session.svc, self.session.user_id
        if program is not None and changed_program:
            self.min_amount.currency = program.currency     # the minimum is in the program's money
        rows = svc.list_promotions(user, program.id) if program is not None else []
        keep_form = not changed_program and self.is_dirty()
        current = self.promotion.id if self.promotion is not None and not changed_program else None
        self.model.today = svc.shop_today(user)
        self._selecting = True
        try:
            self.model.replace_rows(rows)
        finally:
            self._selecting = False
        if changed_program or not keep_form:
            self._fill_tiers(svc.get_loyalty_tiers(user, program.id) if program is not None else [])
        self.setEnabled(program is not None)
        running = sum(1 for p in rows if self.model.status(p) == tr("Running"))
        if program is None:
            self.note.setText(tr("Save the program first, then add its promotions."))
        elif not rows:
            self.note.setText(tr("No promotions yet: set up the first one below."))
        else:
            self.note.setText(plural(running, tr("{n} promotion running now; the best one applies to each purchase."),
                                     tr("{n} promotions running now; the best one applies to each purchase."))
                              .format(n=running))
        row = self.model.row_of(current)
        if keep_form:
            self.promotion = self.model.rows[row] if row >= 0 else None
            self._select_row(row)
            self._update_buttons()
        else:
            self.fill(self.model.rows[row] if row >= 0 else None)

    def _fill_tiers(self, tiers: list[Any]) -> None:
        """A check box per tier, in the form's tab order after the minimum amount."""
        for _tier_id, box in self.tier_boxes:
            self.tier_grid.removeWidget(box)
            box.deleteLater()
        self.tier_boxes = []
        for number, tier in enumerate(tiers):
            box = QCheckBox(tier.tier_name)
            box.setObjectName(f"promotionTier{tier.id}")
            self.tier_grid.addWidget(box, number // 4, number % 4)
            box.toggled.connect(self.update_example)
            FieldErrors.clear_on_edit(box, self.errors.labels["tier_ids"])
            self.tier_boxes.append((tier.id, box))
        self.no_tiers.setVisible(not tiers)
        boxes = [box for _tier_id, box in self.tier_boxes]
        self.tiers.setFocusProxy(boxes[0] if boxes else self.no_tiers)
        build.tab_order(self.min_amount, *boxes, self.stacks)

    def fill(self, promotion: Any) -> None:
        """Fill the form with a stored promotion, or (None) with a fresh one from today for a week."""
        self.promotion = promotion
        self.errors.clear()
        self._filling = True     # values set here are not the person's typing: one example at the end
        try:
            self._set_form(self._form_of(promotion) if promotion is not None else self._fresh())
        finally:
            self._filling = False
        self._select_row(self.model.row_of(promotion.id) if promotion is not None else -1)
        self._update_buttons()
        self.update_example()

    def _fresh(self) -> dict[str, Any]:
        today = self.session.svc.shop_today(self.session.user_id)
        return {"name": "", MULTIPLIER: "2", BONUS: None, "starts_at": today,
                "ends_at": today + dt.timedelta(days=6), "days_of_week": [], "hours": None, "min_amount": None,
                "tier_ids": [], "stacks_with_tier": False}

    def _set_form(self, values: dict[str, Any]) -> None:
        self.name.setText(values["name"])
        multiplied = values[MULTIPLIER] is not None
        self.kind.setCurrentIndex(self.kind.findData(MULTIPLIER if multiplied else BONUS))
        self._kind_changed()
        self.multiplier.setText(plain_decimal(values[MULTIPLIER]) if multiplied else "2")
        self.bonus.setValue(values[BONUS] or 50)
        self.min_amount.set_amount(values["min_amount"])
        for tier_id, box in self.tier_boxes:
            box.setChecked(tier_id in values["tier_ids"])
        self.stacks.setChecked(values["stacks_with_tier"])
        for edit, day in ((self.start, values["starts_at"]), (self.end, values["ends_at"])):
            edit.setDate(QDate(day.year, day.month, day.day))
        for weekday, box in enumerate(self.days):
            box.setChecked(weekday in values["days_of_week"])
        self.hours_on.setChecked(values["hours"] is not None)
        self._hours_toggled(values["hours"] is not None)
        if values["hours"] is not None:
            self.hour_from.setValue(values["hours"][0])
            self.hour_to.setValue(values["hours"][1])

    def _update_buttons(self) -> None:
        editing = self.promotion is not None
        self.form_box.setTitle(tr("Edit promotion — {name}").format(name=self.promotion.name) if editing
                               else tr("New promotion"))
        self.save_button.setText(tr("Save promotion") if editing else tr("Add promotion"))
        self.end_button.setEnabled(editing and self.model.status(self.promotion) != tr("Ended"))
        self.revert_button.setEnabled(editing)

    # --- reading ------------------------------------------------------------------------------------

    @staticmethod
    def _form_of(promotion: Any) -> dict[str, Any]:
        """A stored promotion in the form's terms (dates, hours as a pair), as `values` reads them."""
        return {"name": promotion.name, MULTIPLIER: promotion.multiplier, BONUS: promotion.bonus_points,
                "starts_at": first_day(promotion), "ends_at": last_day(promotion),
                "days_of_week": list(promotion.days_of_week or []),
                "hours": [promotion.hour_from, promotion.hour_to] if promotion.hour_from is not None else None,
                "min_amount": promotion.min_amount, "tier_ids": list(promotion.tier_ids or []),
                "stacks_with_tier": promotion.stacks_with_tier}

    def values(self) -> dict[str, Any]:
        multiplied = self.kind.currentData() == MULTIPLIER
        return {
            "name": self.name.text().strip(),
            MULTIPLIER: rate_text(self.multiplier.text()) if multiplied else None,
            BONUS: None if multiplied else self.bonus.value(),
            "starts_at": fmt.day_of(self.start.date()),
            "ends_at": fmt.day_of(self.end.date()),
            "days_of_week": [d for d, box in enumerate(self.days) if box.isChecked()],
            "hours": [self.hour_from.value(), self.hour_to.value()] if self.hours_on.isChecked() else None,
            "min_amount": self.min_amount.canonical(),
            "tier_ids": [tier_id for tier_id, box in self.tier_boxes if box.isChecked()],
            "stacks_with_tier": self.stacks.isChecked(),
        }

    def changes(self, data: dict[str, Any] | None = None) -> dict[str, Any]:
        data = self.values() if data is None else data
        if self.promotion is None:
            return data
        stored = self._form_of(self.promotion)
        return {key: value for key, value in data.items() if not self._same(key, value, stored[key])}

    @staticmethod
    def _same(key: str, value: Any, stored: Any) -> bool:
        if key == MULTIPLIER and value is not None and stored is not None:
            return same_decimal(value, stored)
        if key == "min_amount" and value is not None and stored is not None:
            return Decimal(value) == Decimal(stored)
        return bool(value == stored)

    def is_dirty(self) -> bool:
        if self.program is None:
            return False
        if self.promotion is None:
            return bool(self.name.text().strip())
        return bool(self.changes())

    def problems(self, data: dict[str, Any]) -> Problems:
        problems: Problems = [] if data["name"] else [("name", tr("Enter the promotion's name"))]
        if data[MULTIPLIER] is not None and (problem := rate_problem(self.multiplier.text())):
            problems.append((MULTIPLIER, problem))
        if self.min_amount.problem():
            problems.append(("min_amount", self.min_amount.problem()))
        return problems

    # --- the live example -----------------------------------------------------------------------------

    def example_amount(self) -> Decimal:
        minimum = self.min_amount.amount()
        return max(EXAMPLE_AMOUNT, minimum) if minimum is not None else EXAMPLE_AMOUNT

    def update_example(self, *_args: Any) -> str:
        """Ask the service what a purchase would earn under the promotion as typed; show a refusal
        next to its field (a missing name waits for the save). Returns the example's text."""
        if self._filling or self.program is None:
            return ""
        data = self.changes() if self.promotion is not None else {**self.values()}
        if self.promotion is None and not data["name"]:
            data["name"] = "example"         # the example needs no name; the save asks for it
        if self.min_amount.problem() or (data.get(MULTIPLIER) is not None and rate_problem(self.multiplier.text())):
            self.example.clear()
            return ""
        amount = self.example_amount()
        try:
            shown = self.session.svc.promotion_example(
                self.session.user_id, self.program.id, data, fmt.canonical_amount(amount),
                promotion_id=self.promotion.id if self.promotion is not None else None)
        except LoyaltyError as error:
            self.example.clear()
            if error.field in self.errors.labels:
                self.errors.show_text(refusal_words(error), error.field, focus=False)
            return ""
        # Fixed: a refusal about two fields at once (the end before the start) goes when either changes.
        for field, label in self.errors.labels.items():
            if field not in ("name", "min_amount"):
                label.setVisible(False)
        self.example.setText(self.example_text(shown))
        return self.example.text()

    def example_text(self, shown: Any) -> str:
        """"€20.00 on a Tuesday at 3:00 PM earns 40 points (20 without the promotion)"."""
        values = {"amount": fmt.money(shown.amount, self.program.currency), "day": day_name(shown.moment.weekday()),
                  "time": fmt.time_of_day(shown.moment), "points": fmt.points(shown.points),
                  "without": fmt.points(shown.points_without), "tier": shown.tier_name or ""}
        if not shown.applies:
            text = tr("{amount} on a {day} at {time} earns {points} points: no more than without the promotion")
        else:
            text = tr("{amount} on a {day} at {time} earns {points} points ({without} without the promotion)")
        if shown.tier_name:
            text += " " + tr("for a {tier} member")
        return text.format(**values)

    # --- writing --------------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.program is None or not self.check():
            return False
        svc, user = self.session.svc, self.session.user_id
        try:
            if self.promotion is None:
                result = svc.create_promotion(user, self.program.id, self.values(), actor=self.session.actor)
            else:
                changes = self.changes()
                if not changes:
                    return True
                result = svc.update_promotion(user, self.promotion.id, changes, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show(error)
            return False
        self._stored(result)
        return True

    def end_promotion(self) -> bool:
        if self.promotion is None:
            return False
        promotion = self.promotion
        if not Confirm.ask(self, tr("End promotion"),
                           tr("End {name} now? Purchases from now on earn without it.").format(name=promotion.name)):
            return False
        self.errors.clear()
        try:
            result = self.session.svc.end_promotion(self.session.user_id, promotion.id, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show(error)
            return False
        self._stored(result)
        return True

    def _stored(self, result: Any) -> None:
        rows = [result if p.id == result.id else p for p in self.model.rows]
        self.model.replace_rows(rows + ([] if self.model.row_of(result.id) >= 0 else [result]))
        self.fill(result)
        self.written.emit(result)

    def new_promotion(self) -> None:
        self.start_new()


__all__ = ["PromotionEditor", "PromotionTableModel"]
