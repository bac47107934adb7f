"""The reward editor: every field of a reward, and an image picker.

A picked image is copied into the app's data dir (`reward-images/`) when the
reward is saved, and that copy's path is what the reward stores, so the
catalog keeps its pictures when the original file moves or goes away.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...errors import LoyaltyError
from ..i18n import tr
from ..shell.session import ShopSession
from ..shell.theme import paint
from ..widgets import build, labels
from ..widgets import formatting as fmt
from ..widgets.fields import OptionalDate, spin
from ..widgets.form_cycle import FormCycle, Problems
from ..widgets.forms import FieldErrors, error_label
from ..widgets.images import ImagePicker, copy_image, image_problem, is_own_copy, placeholder, thumbnail

TYPE_LABELS = labels.REWARD_TYPES
PREVIEW_SIZE = 128
MAX_STOCK = 1_000_000


# --- the editor ------------------------------------------------------------------


class RewardEditor(FormCycle, QDialog):
    """Creates or edits one reward. Opened with open(); `saved` carries the stored reward."""

    saved = Signal(object)

    def __init__(self, session: ShopSession, program_id: int, tiers: list[Any], reward: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.program_id = program_id
        self.reward = reward
        self.result_reward: Any = None
        self.setObjectName("rewardEditor")
        self.setWindowTitle(tr("New reward") if reward is None
                            else tr("Edit reward — {name}").format(name=reward.reward_name))
        self.setModal(True)
        self._image_path: str | None = reward.reward_image_url if reward is not None else None
        self._picked: str | None = None          # a new file chosen by the owner, copied on save

        self.general = error_label("rewardEditorError")
        self.errors = FieldErrors(self.general)
        form = build.form_layout(grow=QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow, spacing=4, right_labels=False)
        self._build_about(form)
        self._build_stock(form, tiers)
        self._build_dates(form)
        for error in self.errors.labels.values():
            # A whole line each, so a message never wraps into a clipped row.
            error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        picture = self._build_picture()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("rewardSaveButton")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        build.column(build.row((form, 1), 12, picture), self.general, self.buttons, parent=self)
        self.setMinimumWidth(640)
        self.fill(reward)
        self._show_image()
        self.name.setFocus()

    # --- building ----------------------------------------------------------------

    def _build_about(self, form: QFormLayout) -> None:
        self.name = build.line_edit("rewardName", placeholder=tr("e.g. Free coffee"), max_length=120)
        self.errors.add_row(form, tr("&Name:"), self.name, "reward_name")
        self.description = build.text_area("rewardDescription", lines=4, accessible=tr("Description"),
                                           placeholder=tr("What the member gets, in a sentence or two"))
        self.errors.add_row(form, tr("D&escription:"), self.description, "description")
        self.type_combo = build.combo("rewardType", TYPE_LABELS)
        self.errors.add_row(form, tr("&Type:"), self.type_combo, "reward_type")
        self.cost = spin("rewardCost", 100_000_000, suffix=tr(" points"), accessible=tr("Points cost"))
        self.cost.setValue(100)
        self.errors.add_row(form, tr("&Cost:"), self.cost, "points_cost")

    def _build_stock(self, form: QFormLayout, tiers: list[Any]) -> None:
        self.quantity = spin("rewardQuantity", MAX_STOCK, accessible=tr("Quantity available"))
        self.quantity.setValue(10)
        self.quantity.setToolTip(tr("How many units exist in total; what remains is this less the units redeemed"))
        self.unlimited = QCheckBox(tr("&Unlimited"))
        self.unlimited.setObjectName("rewardUnlimited")
        self.unlimited.setToolTip(tr("No stock limit"))
        self.unlimited.toggled.connect(lambda on: self.quantity.setEnabled(not on))
        self.stock_note = build.label("rewardStockNote")
        paint(self.stock_note, "muted")
        self.errors.add_row(form, tr("&Stock:"), build.boxed(self.quantity, self.unlimited, (self.stock_note, 1)),
                            "quantity_available")
        self.max_per_member = spin("rewardMaxPerMember", 10_000, special=tr("No limit"),
                                   accessible=tr("Limit per member"))
        self.max_per_member.setToolTip(
            tr("How many times one member may redeem this reward (cancelled ones do not count)"))
        self.errors.add_row(form, tr("&Limit per member:"), self.max_per_member, "max_per_member")
        self.tier = QComboBox()
        self.tier.setObjectName("rewardTier")
        self.tier.setToolTip(tr("Tier-exclusive rewards can be redeemed by members of that tier or a higher one"))
        self.tier.addItem(tr("Everyone"), None)
        for tier in sorted(tiers, key=lambda t: t.tier_level):
            self.tier.addItem(tr("{tier} and above").format(tier=tier.tier_name), tier.id)
        self.errors.add_row(form, tr("&Available to:"), self.tier, "tier_exclusive_id")

    def _build_dates(self, form: QFormLayout) -> None:
        self.start = OptionalDate(tr("From"), "rewardStart")
        self.start.check.setToolTip(tr("Untick to offer it from today on"))
        self.end = OptionalDate(tr("Until"), "rewardEnd")
        self.end.check.setToolTip(tr("Untick to offer it with no end date; the end day is included"))
        form.addRow(tr("&Dates:"), build.boxed(self.start, 12, self.end, None, name="rewardDates"))
        for field, widget in (("start_date", self.start), ("end_date", self.end)):
            date_error = error_label(f"{field}Error")
            self.errors.labels[field] = date_error
            self.errors.widgets[field] = widget
            form.addRow("", date_error)
        self.code = build.line_edit("rewardCode", placeholder=tr("Optional: the code your till uses"), max_length=64)
        self.errors.add_row(form, tr("Reward c&ode:"), self.code, "reward_code")
        self.active = QCheckBox(tr("Acti&ve: members can redeem it"))
        self.active.setObjectName("rewardActive")
        self.active.setChecked(True)
        self.errors.add_row(form, "", self.active, "active")

    def _build_picture(self) -> QVBoxLayout:
        """The picture, on the right of the form."""
        self.preview = build.label("rewardImagePreview")
        self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(tr("Reward picture"))
        self.image_button = build.button(
            tr("Choose &picture…"), "rewardImageButton", self.choose_image,
            tooltip=tr("Pick a PNG, JPEG, GIF, BMP, WebP or SVG file; a copy is kept by Loyalty Desk"))
        self.remove_image_button = build.button(tr("Re&move picture"), "rewardImageRemove", self.remove_image,
                                                tooltip=tr("Show the reward without a picture"))
        for button in (self.image_button, self.remove_image_button):
            button.setAutoDefault(False)  # Enter saves the reward, whatever button last had focus
        self.image_error = error_label("reward_image_urlError")
        self.image_error.setFixedWidth(PREVIEW_SIZE + 60)
        self.errors.labels["reward_image_url"] = self.image_error
        self.errors.widgets["reward_image_url"] = self.image_button
        picture = build.column(self.image_button, self.remove_image_button, self.image_error, None)
        picture.insertWidget(0, self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        return picture

    # --- filling and reading --------------------------------------------------

    @property
    def stored(self) -> Any:
        return self.reward

    def fill(self, reward: Any) -> None:
        if reward is None:
            return  # the blank form as built
        self.name.setText(reward.reward_name)
        self.description.setPlainText(reward.description or "")
        index = self.type_combo.findData(reward.reward_type)
        self.type_combo.setCurrentIndex(max(index, 0))
        self.cost.setValue(reward.points_cost)
        if reward.quantity_available is None:
            self.unlimited.setChecked(True)
        else:
            self.quantity.setValue(reward.quantity_available)
            taken = reward.quantity_available - (reward.quantity_remaining or 0)
            self.stock_note.setText(tr("{left} left, {taken} redeemed").format(
                left=fmt.points(reward.quantity_remaining), taken=fmt.points(taken)))
        self.max_per_member.setValue(int((reward.reward_terms or {}).get("max_per_member") or 0))
        index = self.tier.findData(reward.tier_exclusive_id) if reward.tier_exclusive_id is not None else 0
        if index < 0:  # a tier that is gone from the list: keep it rather than silently dropping it
            self.tier.addItem(tr("Tier #{id}").format(id=reward.tier_exclusive_id), reward.tier_exclusive_id)
            index = self.tier.count() - 1
        self.tier.setCurrentIndex(index)
        self.start.set_value(reward.start_date)
        self.end.set_value(reward.end_date)
        self.code.setText(reward.reward_code or "")
        self.active.setChecked(bool(reward.active))

    def values(self) -> dict[str, Any]:
        """Every field as the service takes it."""
        terms = dict((self.reward.reward_terms or {}) if self.reward is not None else {})
        if self.max_per_member.value():
            terms["max_per_member"] = self.max_per_member.value()
        else:
            terms.pop("max_per_member", None)
        return {
            "reward_name": self.name.text(),
            "description": self.description.toPlainText(),
            "reward_type": self.type_combo.currentData(),
            "points_cost": self.cost.value(),
            "quantity_available": None if self.unlimited.isChecked() else self.quantity.value(),
            "tier_exclusive_id": self.tier.currentData(),
            "active": self.active.isChecked(),
            "start_date": self.start.value(),
            "end_date": self.end.value(),
            "reward_code": self.code.text().strip() or None,
            "reward_terms": terms,
        }

    def same(self, key: str, value: Any, stored: Any) -> bool:
        """An edit sends only what differs, so an untouched stock figure is never rewritten."""
        if key in ("description", "reward_terms"):
            stored = stored or ("" if key == "description" else {})
        return bool(value == stored)

    def problems(self, data: dict[str, Any]) -> Problems:
        """The mistakes a form can see at once, so they are all shown together (the service checks everything)."""
        problems = []
        if not data["reward_name"].strip():
            problems.append(("reward_name", tr("Enter the reward name")))
        if data["points_cost"] < 1:
            problems.append(("points_cost", tr("The points cost must be at least 1")))
        if data["start_date"] and data["end_date"] and data["end_date"] < data["start_date"]:
            problems.append(("end_date", tr("The reward ends before it starts")))
        return problems

    # --- the picture ---------------------------------------------------------------

    def _show_image(self) -> None:
        shown = self._picked or self._image_path
        pixmap = thumbnail(shown, PREVIEW_SIZE)
        self.preview.setPixmap(pixmap if pixmap is not None else placeholder(PREVIEW_SIZE))
        self.preview.setToolTip(shown or tr("No picture"))
        self.remove_image_button.setEnabled(bool(shown))

    def choose_image(self) -> None:
        path = ImagePicker.ask(self)
        if not path:
            return
        problem = image_problem(path)
        label = self.errors.labels["reward_image_url"]
        if problem is not None:
            self.errors.show_text(problem, "reward_image_url")
            return
        label.clear()
        label.setVisible(False)
        self._picked = path
        self._show_image()

    def remove_image(self) -> None:
        self._picked = None
        self._image_path = None
        self._show_image()

    # --- saving -------------------------------------------------------------------

    def save(self) -> None:
        if not self.check():
            return
        data = self.values()
        copied: Path | None = None
        if self._picked is not None:
            try:
                copied = copy_image(self._picked)
            except OSError as exc:
                reason = exc.strerror or exc
                self.errors.show_text(tr("The picture could not be copied: {reason}").format(reason=reason),
                                      "reward_image_url")
                return
            data["reward_image_url"] = str(copied)
        else:
            data["reward_image_url"] = self._image_path
        changes = self.changes(data)
        svc, user = self.session.svc, self.session.user_id
        try:
            if self.reward is None:
                result = svc.create_loyalty_reward(user, self.program_id, changes, actor=self.session.actor)
            elif changes:
                result = svc.update_loyalty_reward(user, self.reward.id, changes, actor=self.session.actor)
            else:
                result = self.reward
        except LoyaltyError as error:
            if copied is not None:
                copied.unlink(missing_ok=True)
            self.errors.show(error)
            return
        old = self.reward.reward_image_url if self.reward is not None else None
        if old and old != result.reward_image_url and is_own_copy(old):
            Path(old).unlink(missing_ok=True)   # the app's own copy, now used by nothing
        self.result_reward = result
        if changes:
            self.saved.emit(result)
        self.accept()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), 680), hint.height())


__all__ = ["TYPE_LABELS", "RewardEditor"]
