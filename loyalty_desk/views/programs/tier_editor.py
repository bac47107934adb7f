"""The tier editor of one program: a table of its tiers and a form for one tier.

Ranges are checked against the program's other tiers while the owner types
(`ranges_overlap`, the service's own rule), so an overlap shows before saving;
whatever the service still refuses is shown too.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ...domain.tier_rules import SPEND_TYPES, ranges_overlap
from ...errors import LoyaltyError
from ..i18n import plural, tr
from ..shell.session import ShopSession
from ..widgets import build, fields
from ..widgets import formatting as fmt
from ..widgets.fields import hint_label, plain_decimal, rate_problem, rate_text, same_decimal, spin, text_field
from ..widgets.form_cycle import Problems
from ..widgets.forms import Confirm
from ..widgets.tables import RowsModel, read_only_table
from .list_editor import ListEditor
from .program_editor import MAX_POINTS


def range_text(low: int, high: int | None) -> str:
    if high is None:
        return tr("{low} and up").format(low=fmt.points(low))
    return tr("{low} to {high}").format(low=fmt.points(low), high=fmt.points(high))


def multiplier_text(value: Any) -> str:
    return f"×{plain_decimal(value)}" if value is not None else ""


class TierTableModel(RowsModel):
    """The tiers of one program, lowest level first (as the service returns them)."""

    NUMERIC = frozenset({1, 2, 3, 4, 5})
    IdRole = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.currency: str | None = None   # a hybrid program's: the ranges are money spent
        self.COLUMNS = (tr("Tier"), tr("Level"), tr("From"), tr("Up to"), tr("Points ×"), tr("Birthday ×"),
                        tr("Benefits"))

    def cell(self, tier: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                tier.tier_name,
                fmt.points(tier.tier_level),
                self.amount(tier.min_points_required),
                tr("and up") if tier.max_points_required is None else self.amount(tier.max_points_required),
                multiplier_text(tier.points_multiplier),
                multiplier_text(tier.birthday_bonus_multiplier),
                "; ".join(tier.benefits or []),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            span = range_text(tier.min_points_required, tier.max_points_required)
            text = (tr("{tier}: {range} {code} spent").format(tier=tier.tier_name, range=span, code=self.currency)
                    if self.currency else tr("{tier}: {range} points").format(tier=tier.tier_name, range=span))
            if tier.benefits:
                text += "\n" + "\n".join(f"• {b}" for b in tier.benefits)
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cell(tier, column, Qt.ItemDataRole.DisplayRole)
        if role == self.IdRole:
            return tier.id
        return None


    def amount(self, value: int) -> str:
        return fmt.money(value, self.currency) if self.currency else fmt.points(value)


class TierEditor(ListEditor):
    """Add, edit and delete the tiers of the selected program. `written` fires after every stored change."""

    model: TierTableModel

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "tierEditor", parent)
        self._build()
        self.show_program(None)

    @property
    def tier(self) -> Any:
        """The stored tier being edited; None while adding one."""
        return self.current

    @tier.setter
    def tier(self, value: Any) -> None:
        self.current = value

    def discard_question(self) -> str:
        return tr("Discard the changes to this tier?")

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.note = hint_label("tierNote")
        self._build_table()
        self.add_button = self._tool_button("addTierButton", "+", tr("Add tier"), tr("Add a tier"), self.new_tier)
        self.delete_button = self._tool_button("deleteTierButton", "−", tr("Delete tier"),
                                               tr("Delete the selected tier (only while no member is in it)"),
                                               self.delete_tier)
        self.save_button = build.button(tr("Add tier"), "saveTierButton", self.save,
                                        tooltip=tr("Save the tier (Ctrl+S)"))
        self.revert_button = build.button(tr("Re&vert"), "tierRevertButton", lambda: self.fill(self.tier),
                                          tooltip=tr("Throw away the changes to this tier"))
        self.form_box = QGroupBox(tr("New tier"))
        self.form_box.setObjectName("tierForm")
        build.column(build.row(self._build_range(), 12, self._build_rates()), self.general,
                     build.row(None, self.revert_button, self.save_button), parent=self.form_box)
        self.form_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        build.column((self.table, 1), build.row(self.add_button, self.delete_button, 8, (self.note, 1), spacing=4),
                     self.form_box, margins=False, parent=self)
        for signal in (self.min_points.valueChanged, self.max_points.valueChanged, self.level.valueChanged):
            signal.connect(self.check_live)
        self.no_max.toggled.connect(self.check_live)
        build.tab_order(self.table, self.add_button, self.delete_button, self.name, self.level, self.min_points,
                        self.max_points, self.no_max, self.multiplier, self.birthday, self.benefits,
                        self.revert_button, self.save_button)

    def _build_table(self) -> None:
        self.model = TierTableModel(self)
        self.table = read_only_table("tiersTable", tr("Tiers"), self.model, plain=True)
        header = self.table.horizontalHeader()
        for column in range(len(self.model.COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.model.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        self.table.setMinimumHeight(110)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    @staticmethod
    def _tool_button(name: str, text: str, accessible: str, tooltip: str, slot: Any) -> QToolButton:
        button = build.tool_button(name, slot, text=text, accessible=accessible, tooltip=tooltip)
        button.setFixedSize(30, 26)
        font = button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        button.setFont(font)
        return button

    def _build_range(self) -> QFormLayout:
        """Name, level and the range of qualifying points."""
        form, e = build.form_layout(), self.errors
        self.name = build.line_edit("tierName", placeholder=tr("e.g. Silver"), accessible=tr("Tier name"),
                                    max_length=60)
        e.add_row(form, tr("Na&me:"), self.name, "tier_name")
        self.level = spin("tierLevel", 100, accessible=tr("Tier level"))
        self.level.setToolTip(tr("Higher levels are better tiers and need more points"))
        e.add_row(form, tr("&Level:"), self.level, "tier_level")
        self.min_points = spin("tierMin", MAX_POINTS, suffix=tr(" points"), accessible=tr("Minimum points"))
        self.min_points.setToolTip(tr("The fewest qualifying points a member of this tier has (included)"))
        e.add_row(form, tr("&From:"), self.min_points, "min_points_required")
        self.max_points = spin("tierMax", MAX_POINTS, suffix=tr(" points"), accessible=tr("Maximum points"))
        self.max_points.setToolTip(tr("The most qualifying points a member of this tier has (included)"))
        self.no_max = QCheckBox(tr("No ma&ximum"))
        self.no_max.setObjectName("tierNoMax")
        self.no_max.setToolTip(tr("The top tier: every member with at least the minimum"))
        self.no_max.toggled.connect(lambda on: self.max_points.setEnabled(not on))
        e.add_row(form, tr("&Up to:"), build.boxed((self.max_points, 1), self.no_max), "max_points_required")
        return form

    def _build_rates(self) -> QFormLayout:
        """The multipliers and the benefits."""
        form, e = build.form_layout(), self.errors
        self.multiplier = text_field("tierMultiplier", "1", tr("Points multiplier"), width=90)
        self.multiplier.setToolTip(tr("Tiered and hybrid programs multiply the points a member earns by this "
                                      "(for example 1.5)"))
        e.add_row(form, tr("&Points ×:"), self.multiplier, "points_multiplier")
        self.birthday = text_field("tierBirthdayMultiplier", "1", tr("Birthday bonus multiplier"), width=90)
        self.birthday.setToolTip(tr("The program's birthday bonus is multiplied by this for members of the tier"))
        e.add_row(form, tr("&Birthday ×:"), self.birthday, "birthday_bonus_multiplier")
        self.benefits = build.text_area("tierBenefits",
                                        placeholder=tr("One benefit per line, e.g.\nFree coffee refills"),
                                        lines=4, accessible=tr("Benefits, one per line"))
        e.add_row(form, tr("B&enefits:"), self.benefits, "benefits")
        return form

    # --- showing -------------------------------------------------------------------------

    def follow_formats(self) -> None:
        """After the shop's locale changed: the multipliers being edited with its decimal separator."""
        if self.number_locale != fmt.locale():
            fields.relocalise((self.multiplier, self.birthday), self.number_locale)
            self.number_locale = fmt.locale()

    def show_program(self, program: Any) -> None:
        """Show the tiers of a stored program (None: a program not saved yet, whose tiers must wait)."""
        changed_program = (program.id if program is not None else None) != \
            (self.program.id if self.program is not None else None)
        self.program = program
        self._measure_in(program)
        tiers = self.session.svc.get_loyalty_tiers(self.session.user_id, program.id) if program is not None else []
        keep_form = not changed_program and self.is_dirty()
        current = self.tier.id if self.tier is not None and not changed_program else None
        self._selecting = True
        try:
            self.model.replace_rows(tiers)
        finally:
            self._selecting = False
        row = self.model.row_of(current)
        self._select_row(row)
        self.setEnabled(program is not None)
        if program is None:
            self.note.setText(tr("Save the program first, then add its tiers."))
        elif not program.tier_system_enabled:
            self.note.setText(tr("The tier system is off for this program: tiers are kept, but members are not "
                                 "placed in them."))
        elif not tiers:
            self.note.setText(tr("No tiers yet: add the first one below."))
        else:
            self.note.setText(plural(len(tiers), tr("{n} tier; ranges may not overlap."),
                                     tr("{n} tiers; ranges may not overlap.")).format(n=len(tiers)))
        if program is not None and self.model.currency:
            self.note.setText(self.note.text() + " " + tr("A hybrid program's tiers are reached by money spent, "
                                                          "in whole {code}.").format(code=program.currency))
        if keep_form:
            stored = self.model.rows[row] if row >= 0 else None
            self.tier = stored
            self._update_buttons()
            self.check_live()
        else:
            self.fill(self.model.rows[row] if row >= 0 else None)

    def fill(self, tier: Any) -> None:
        """Fill the form with a stored tier, or (None) with sensible values for the next new tier."""
        self.tier = tier
        self.errors.clear()
        tiers = self.model.rows
        self._filling = True  # values set here are not the owner's typing: no live errors half way
        try:
            self._fill_fields(tier, tiers)
        finally:
            self._filling = False
        self.max_points.setEnabled(not self.no_max.isChecked())
        self._update_buttons()
        if tier is not None:
            self.check_live()  # a stored tier that conflicts says so; a fresh form waits for the owner

    def _fill_fields(self, tier: Any, tiers: list[Any]) -> None:
        if tier is not None:
            self.name.setText(tier.tier_name)
            self.level.setValue(tier.tier_level)
            self.min_points.setValue(tier.min_points_required)
            self.no_max.setChecked(tier.max_points_required is None)
            self.max_points.setValue(tier.max_points_required if tier.max_points_required is not None
                                     else tier.min_points_required)
            self.multiplier.setText(plain_decimal(tier.points_multiplier))
            self.birthday.setText(plain_decimal(tier.birthday_bonus_multiplier))
            self.benefits.setPlainText("\n".join(tier.benefits or []))
            self._select_row(self.model.row_of(tier.id))
        else:
            top = max(tiers, key=lambda t: t.min_points_required, default=None)
            self.name.clear()
            self.level.setValue(max((t.tier_level for t in tiers), default=0) + 1)
            start = 0 if top is None else (top.max_points_required + 1 if top.max_points_required is not None
                                           else top.min_points_required + 1)
            self.min_points.setValue(min(start, MAX_POINTS))
            self.max_points.setValue(min(start, MAX_POINTS))
            self.no_max.setChecked(True)
            self.multiplier.setText("1")
            self.birthday.setText("1")
            self.benefits.clear()
            self._select_row(-1)

    def _update_buttons(self) -> None:
        editing = self.tier is not None
        self.form_box.setTitle(tr("Edit tier — {name}").format(name=self.tier.tier_name) if editing else tr("New tier"))
        self.save_button.setText(tr("Save tier") if editing else tr("Add tier"))
        self.delete_button.setEnabled(editing)
        self.revert_button.setEnabled(editing)

    # --- reading ---------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "tier_name": self.name.text(),
            "tier_level": self.level.value(),
            "min_points_required": self.min_points.value(),
            "max_points_required": None if self.no_max.isChecked() else self.max_points.value(),
            "points_multiplier": rate_text(self.multiplier.text()),
            "birthday_bonus_multiplier": rate_text(self.birthday.text()),
            "benefits": [line.strip() for line in self.benefits.toPlainText().splitlines() if line.strip()],
        }

    def same(self, key: str, value: Any, stored: Any) -> bool:
        if key in ("points_multiplier", "birthday_bonus_multiplier"):
            return same_decimal(value, stored)
        if key == "tier_name":
            return bool(value.strip() == stored)
        if key == "benefits":
            return bool(value == list(stored or []))
        return bool(value == stored)

    def is_dirty(self) -> bool:
        if self.program is None:
            return False
        if self.tier is None:
            return bool(self.name.text().strip() or self.benefits.toPlainText().strip())
        return bool(self.changes())

    def problems(self, data: dict[str, Any]) -> Problems:
        problems = [] if data["tier_name"].strip() else [("tier_name", tr("Enter the tier name"))]
        problems += self.range_problems()
        return problems + [(field, problem) for field, edit in (("points_multiplier", self.multiplier),
                                                                 ("birthday_bonus_multiplier", self.birthday))
                           if (problem := rate_problem(edit.text()))]

    def _measure_in(self, program: Any) -> None:
        """A hybrid program's tier thresholds are whole units of money spent (README, "Hybrid"); the
        others' are qualifying points."""
        code = program.currency if program is not None and program.program_type in SPEND_TYPES else None
        self.model.currency = code
        unit = " " + code if code else tr(" points")
        for box, spend, points in ((self.min_points, tr("Minimum spend"), tr("Minimum points")),
                                   (self.max_points, tr("Maximum spend"), tr("Maximum points"))):
            box.setSuffix(unit)
            box.setAccessibleName(spend if code else points)
        self.min_points.setToolTip(tr("The least a member of this tier has spent in the qualification period "
                                      "(included)") if code else
                                   tr("The fewest qualifying points a member of this tier has (included)"))
        self.max_points.setToolTip(tr("The most a member of this tier has spent in the qualification period "
                                      "(included)") if code else
                                   tr("The most qualifying points a member of this tier has (included)"))

    # --- checking as the owner types ---------------------------------------------------------

    def range_problems(self) -> list[tuple[str, str]]:
        """Overlaps, an upside-down range and a taken level, against the program's other tiers."""
        data = self.values()
        low, high, level = data["min_points_required"], data["max_points_required"], data["tier_level"]
        others = [t for t in self.model.rows if self.tier is None or t.id != self.tier.id]
        problems: list[tuple[str, str]] = []
        if high is not None and high < low:
            problems.append(("max_points_required", tr("The maximum is below the minimum")))
        else:
            for other in others:
                if ranges_overlap(low, high, other.min_points_required, other.max_points_required):
                    span = range_text(other.min_points_required, other.max_points_required)
                    problems.append(("min_points_required", tr("The range overlaps {tier} ({span} points)").format(
                        tier=other.tier_name, span=span)))
                    break
        taken = next((t for t in others if t.tier_level == level), None)
        if taken is not None:
            problems.append(("tier_level", tr("Level {level} is already {tier}").format(level=level,
                                                                                         tier=taken.tier_name)))
        return problems

    def check_live(self, *_args: Any) -> list[tuple[str, str]]:
        """Show range problems in place without moving the focus; returns them."""
        if self._filling:
            return []
        problems = self.range_problems() if self.program is not None else []
        for field in ("min_points_required", "max_points_required", "tier_level"):
            label = self.errors.labels[field]
            label.clear()
            label.setVisible(False)
        for field, message in problems:
            label = self.errors.labels[field]
            label.setText(message)
            label.setVisible(True)
        return problems

    # --- writing -------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.program is None:
            return False
        if not self.check():
            return False
        data = self.values()
        svc, user = self.session.svc, self.session.user_id
        try:
            if self.tier is None:
                result = svc.create_loyalty_tier(user, self.program.id, data, actor=self.session.actor)
            else:
                changes = self.changes()
                if not changes:
                    return True
                result = svc.update_loyalty_tier(user, self.tier.id, changes, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show(error)
            return False
        self.tier = result
        self.model.replace_rows([result if t.id == result.id else t for t in self.model.rows]
                             + ([] if self.model.row_of(result.id) >= 0 else [result]))
        self.fill(result)
        self.written.emit(result)
        return True

    def delete_tier(self) -> bool:
        if self.tier is None:
            return False
        tier = self.tier
        if not Confirm.ask(self, tr("Delete tier"),
                           tr("Delete the tier {name}? This cannot be undone.").format(name=tier.tier_name)):
            return False
        self.errors.clear()
        try:
            self.session.svc.delete_loyalty_tier(self.session.user_id, tier.id, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show(error)
            return False
        self.model.replace_rows([t for t in self.model.rows if t.id != tier.id])
        self.fill(None)
        self.written.emit(None)
        return True

    def new_tier(self) -> None:
        self.start_new()


__all__ = ["TierEditor", "TierTableModel", "range_text"]
