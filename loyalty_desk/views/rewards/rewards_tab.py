"""The Rewards tab: the catalog of one program above the shop's redemptions queue.

The catalog is small (a shop has tens of rewards), so it is loaded whole and
sorted in memory; the queue shows the newest redemptions, filtered in SQL by
status. Every write goes through LoyaltyService and is announced (`session.notify`) with
this tab as its initiator: the other tabs refresh on it, and this one refreshes once, itself.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QIODevice,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QWidget,
)

from ...domain.permissions import Permission
from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import CATALOG, FULFILMENT, MEMBERS, PROGRAMS, REDEMPTIONS, REWARDS, SHOP, Changes
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..shell.theme import accent, paint
from ..staff.roles import who_may
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.images import placeholder, thumbnail
from ..widgets.tables import RowsModel, read_only_table
from .redemptions_queue import RedemptionsQueue
from .reward_editor import TYPE_LABELS, RewardEditor

THUMB = 40


class RewardsModel(RowsModel):
    """The rewards of one program: picture, name, type, cost, stock, dates, tier, active."""

    IMAGE, NAME, TYPE, COST, STOCK, DATES, TIER, ACTIVE = range(8)
    NUMERIC = frozenset({COST, STOCK})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = ("", tr("Name"), tr("Type"), tr("Cost"), tr("Stock"), tr("Dates"), tr("Tier"), tr("Active"))
        self.HEADER_TIPS = {self.IMAGE: tr("Picture"), self.STOCK: tr("Units remaining of the units available"),
                            self.TIER: tr("Who may redeem it: a tier and the tiers above it, or everyone"),
                            self.DATES: tr("When it can be redeemed (both days included)")}
        self._tiers: dict[int, Any] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.today = dt.date.min  # the shop's today (LoyaltyService.shop_today), set with the rows

    # --- content -----------------------------------------------------------------

    def set_rows(self, rows: list[Any], tiers: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._tiers = {t.id: t for t in tiers}
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def reward(self, row: int) -> Any:
        return self.row_at(row)

    def tier_name(self, tier_id: int | None) -> str:
        if tier_id is None:
            return tr("Everyone")
        tier = self._tiers.get(tier_id)
        return tier.tier_name if tier is not None else tr("Tier #{id}").format(id=tier_id)

    # --- Qt's model API --------------------------------------------------------------

    def alignment(self, column: int) -> int:
        return int(Qt.AlignmentFlag.AlignCenter) if column == self.IMAGE else super().alignment(column)

    def cell(self, reward: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(reward, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.IMAGE:
            return thumbnail(reward.reward_image_url, THUMB) or placeholder(THUMB)
        if role == Qt.ItemDataRole.UserRole:
            return reward
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.STOCK and reward.quantity_remaining == 0:
                return accent("bad")
            if not reward.active or self._ended(reward):
                return accent("muted")
            if column == self.ACTIVE:
                return accent("good")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(reward, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.IMAGE:
            return tr("picture") if reward.reward_image_url else tr("no picture")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.COLUMNS)):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [(self._rows[i.row()].id, i.column()) for i in before]
        self._rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        position = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(position[rid], col) for rid, col in ids])
        self.layoutChanged.emit()

    # --- presentation ---------------------------------------------------------------

    def _ended(self, reward: Any) -> bool:
        return reward.end_date is not None and reward.end_date < self.today

    def _text(self, reward: Any, column: int) -> str:
        if column == self.NAME:
            return reward.reward_name
        if column == self.TYPE:
            return TYPE_LABELS.get(reward.reward_type, reward.reward_type)
        if column == self.COST:
            return tr("{points} pts").format(points=fmt.points(reward.points_cost))
        if column == self.STOCK:
            if reward.quantity_available is None:
                return tr("Unlimited")
            return tr("{remaining} of {available}").format(remaining=fmt.points(reward.quantity_remaining),
                                                           available=fmt.points(reward.quantity_available))
        if column == self.DATES:
            return self.dates(reward)
        if column == self.TIER:
            return self.tier_name(reward.tier_exclusive_id)
        if column == self.ACTIVE:
            return tr("Active") if reward.active else tr("Inactive")
        return ""

    @staticmethod
    def dates(reward: Any) -> str:
        start, end = reward.start_date, reward.end_date
        if start and end:
            return f"{fmt.date(start)} – {fmt.date(end)}"
        if start:
            return tr("From {date}").format(date=fmt.date(start))
        if end:
            return tr("Until {date}").format(date=fmt.date(end))
        return tr("Any time")

    def _tooltip(self, reward: Any, column: int) -> str:
        if column == self.IMAGE:
            return reward.reward_image_url or tr("No picture")
        if column == self.STOCK and reward.quantity_available is not None:
            taken = reward.quantity_available - (reward.quantity_remaining or 0)
            return tr("{remaining} remaining of {available} available ({taken} redeemed)").format(
                remaining=fmt.points(reward.quantity_remaining), available=fmt.points(reward.quantity_available),
                taken=fmt.points(taken))
        if column == self.TIER and reward.tier_exclusive_id is not None:
            return tr("Only members in {tier} or a higher tier").format(tier=self.tier_name(reward.tier_exclusive_id))
        lines = [reward.reward_name]
        if reward.description:
            lines.append(reward.description)
        limit = (reward.reward_terms or {}).get("max_per_member")
        if limit:
            lines.append(tr("At most {limit} per member").format(limit=limit))
        if reward.reward_code:
            lines.append(tr("Code: {code}").format(code=reward.reward_code))
        return "\n".join(lines)

    def _key(self, column: int) -> Any:
        def tier_level(r: Any) -> int:
            tier = self._tiers.get(r.tier_exclusive_id) if r.tier_exclusive_id is not None else None
            return tier.tier_level if tier is not None else 0

        keys = {
            self.IMAGE: lambda r: (not r.reward_image_url, r.points_cost, r.id),
            self.NAME: lambda r: (r.reward_name.casefold(), r.id),
            self.TYPE: lambda r: (TYPE_LABELS.get(r.reward_type, r.reward_type), r.points_cost, r.id),
            self.COST: lambda r: (r.points_cost, r.id),
            self.STOCK: lambda r: (math.inf if r.quantity_remaining is None else r.quantity_remaining, r.id),
            self.DATES: lambda r: (r.start_date or dt.date.min, r.end_date or dt.date.max, r.id),
            self.TIER: lambda r: (tier_level(r), r.points_cost, r.id),
            self.ACTIVE: lambda r: (not r.active, r.points_cost, r.id),
        }
        return keys[column]


class RewardsTab(Tab):
    """The catalog with its editor, and the fulfillment queue. See the module docstring."""

    # Members: the queue names who redeemed. Points alone (a sale) change nothing here.
    CONCERNS = frozenset({REWARDS, REDEMPTIONS, PROGRAMS, MEMBERS, SHOP})

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("rewardsTab")
        self.editor: RewardEditor | None = None
        self.program_id: int | None = None
        self.tiers: list[Any] = []
        self._select_next: int | None = None    # the reward just saved, selected on the next load

        catalog = self._build_catalog()     # first: the focus follows the order widgets are made in
        self.queue = RedemptionsQueue(session)
        self.queue.wrote.connect(lambda _row: self._after_write(FULFILMENT))
        self.queue.refused.connect(self.refresh)     # show the rows as they are now; the message stays
        self.splitter = build.splitter("rewardsSplitter", catalog, self.queue, vertical=True, stretch=(5, 4))
        self.splitter.setHandleWidth(10)
        build.column(self.splitter, parent=self).setContentsMargins(8, 8, 8, 8)
        new_action = QAction(tr("New reward"), self)
        new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(lambda: self.open_editor(None))
        self.addAction(new_action)
        build.tab_order(self.program_combo, self.new_button, self.edit_button, self.table, self.queue.status_filter)
        session.personChanged.connect(lambda _person: self._person_changed())
        self.stale = True  # the catalog and the queue load when the tab is first shown, not at start-up

    def _build_catalog(self) -> QWidget:
        self.program_label = QLabel(tr("&Program:"))
        self.program_combo = build.combo("rewardsProgram", {}, accessible=tr("Program"),
                                         tooltip=tr("The program whose rewards are shown"))
        self.program_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.program_label.setBuddy(self.program_combo)
        self.program_combo.currentIndexChanged.connect(self._program_chosen)
        self.new_button = build.button(tr("&New reward…"), "newRewardButton", lambda: self.open_editor(None),
                                       tooltip=tr("Add a reward to the catalog (Ctrl+N)"))
        self.edit_button = build.button(tr("&Edit…"), "editRewardButton", self.edit_selected,
                                        tooltip=tr("Edit the selected reward (Enter or double-click)"))
        self.edit_button.setAccessibleName(tr("Edit reward"))
        self.edit_button.setEnabled(False)
        self._build_table()
        self.catalog_hint = build.label("catalogHint", wrap=True, visible=False)
        paint(self.catalog_hint, "muted")
        self.message = build.label("rewardsMessage", wrap=True, visible=False)
        paint(self.message, "bad")
        bar = build.row(build.label("", tr("Reward catalog"), scale=1.15, bold=True), 12, self.program_label,
                        self.program_combo, None, self.new_button, self.edit_button)
        return build.pane("rewardsCatalog", bar, (self.table, 1), self.catalog_hint, self.message)

    def _build_table(self) -> None:
        self.model = RewardsModel(self)
        self.table = read_only_table("rewardsTable", tr("Reward catalog"), self.model)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        for column, width in ((RewardsModel.IMAGE, THUMB + 16), (RewardsModel.TYPE, 130), (RewardsModel.COST, 100),
                              (RewardsModel.STOCK, 100), (RewardsModel.DATES, 200), (RewardsModel.TIER, 110),
                              (RewardsModel.ACTIVE, 80)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(RewardsModel.IMAGE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RewardsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(RewardsModel.COST, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(lambda _index: self.edit_selected())  # Enter and double-click
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload programs, the catalog and the queue, keeping what was selected. Never writes or emits."""
        super().refresh()
        try:
            programs = self.session.programs()
        except LoyaltyError as error:
            self._say(refusal_words(error))
            return
        self._say("")
        names = {p.id: p.program_name for p in programs}
        build.refill(self.program_combo, names, self.program_id)
        several = len(programs) > 1
        self.program_label.setVisible(several)
        self.program_combo.setVisible(several)
        self.program_id = self.program_combo.currentData() if programs else None
        self._load_catalog()
        self.queue.set_programs(names)
        self.queue.reload()

    def _load_catalog(self) -> None:
        current = self.selected_reward()
        keep = self._select_next if self._select_next is not None else (current.id if current else None)
        self._select_next = None
        rewards: list[Any] = []
        self.tiers = []
        if self.program_id is not None:
            try:
                self.tiers = self.session.svc.get_loyalty_tiers(self.session.user_id, self.program_id)
                rewards = self.session.svc.get_loyalty_rewards(self.session.user_id, self.program_id)
                self.model.today = self.session.svc.shop_today(self.session.user_id)
            except LoyaltyError as error:
                self._say(refusal_words(error))
        self.model.set_rows(rewards, self.tiers)
        if keep is not None and (row := self.model.row_of(keep)) >= 0:
            index = self.model.index(row, RewardsModel.NAME)
            self.table.selectionModel().setCurrentIndex(
                index, self.table.selectionModel().SelectionFlag.ClearAndSelect
                | self.table.selectionModel().SelectionFlag.Rows)
            self.table.scrollTo(index)
        if self.program_id is None:
            self.catalog_hint.setText(tr("No program yet: set one up on the Programs tab, then add its rewards here."))
        elif not rewards:
            self.catalog_hint.setText(tr("No rewards in this program yet: add the first with New reward (Ctrl+N)."))
        self.catalog_hint.setVisible(self.program_id is None or not rewards)
        self.new_button.setEnabled(self.program_id is not None and self.may_edit)
        self._update_buttons()

    def _program_chosen(self, _index: int) -> None:
        self.program_id = self.program_combo.currentData()
        self._load_catalog()

    def concerns(self, changes: Changes) -> bool:
        return changes.initiator is not self and super().concerns(changes)  # our own: refreshed right after

    def _after_write(self, changes: Changes, select_id: int | None = None) -> None:
        """After our own write: tell every view, then refresh this one once (not again through the signal)."""
        self.session.notify(changes, self)
        self._select_next = select_id
        self.refresh()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- the catalog ---------------------------------------------------------------------

    def selected_reward(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.reward(rows[0].row()) if rows else None

    @property
    def may_edit(self) -> bool:
        """Whether the person signed in may change the catalog (a manager sees it to fulfil, not to edit)."""
        return self.session.may(Permission.EDIT_REWARDS)

    def _person_changed(self) -> None:
        tip = "" if self.may_edit else who_may(Permission.EDIT_REWARDS)
        self.new_button.setToolTip(tip or tr("Add a reward to the catalog (Ctrl+N)"))
        self.edit_button.setToolTip(tip or tr("Edit the selected reward (Enter or double-click)"))
        self.new_button.setEnabled(self.program_id is not None and self.may_edit)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_reward() is not None and self.may_edit)

    def edit_selected(self) -> None:
        reward = self.selected_reward()
        if reward is not None:
            self.open_editor(reward)

    def open_editor(self, reward: Any = None) -> RewardEditor | None:
        """Opens the editor (new reward when `reward` is None); it stays reachable as `self.editor`."""
        if not self.may_edit:
            self.message.setText(who_may(Permission.EDIT_REWARDS))
            self.message.setVisible(True)
            return None
        if self.program_id is None:
            return None
        if self.editor is not None and self.editor.isVisible():
            self.editor.raise_()
            return self.editor
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = RewardEditor(self.session, self.program_id, self.tiers, reward, parent=self)
        self.editor.saved.connect(lambda saved: self._after_write(CATALOG, saved.id))
        self.editor.open()
        return self.editor

    # --- the queue ---------------------------------------------------------------------------

    def show_queue(self, status: str | None = None) -> None:
        """Brings the redemptions queue forward, showing one status (None: all)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total and sizes[1] < total // 3:
            self.splitter.setSizes([total - total // 2, total // 2])
        self.queue.set_status(status)
        self.queue.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.queue.model.rowCount() and not self.queue.table.selectionModel().hasSelection():
            self.queue.select_row(0)

    # --- remembered column widths (the main window stores the splitter by its name) -----------

    def header_state(self) -> QByteArray:
        data = QByteArray()
        stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
        stream << self.table.horizontalHeader().saveState() << self.queue.table.horizontalHeader().saveState()
        return data

    def restore_header_state(self, state: QByteArray) -> None:
        stream = QDataStream(state, QIODevice.OpenModeFlag.ReadOnly)
        catalog, queue = QByteArray(), QByteArray()
        stream >> catalog >> queue
        if stream.status() == QDataStream.Status.Ok:
            self.table.horizontalHeader().restoreState(catalog)
            self.queue.table.horizontalHeader().restoreState(queue)
