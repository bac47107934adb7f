"""The Members tab: every member of the shop in a lazy table, with search, filters and SQL sorting,
and the selected member's history below it.

Double-click or Enter opens a member in the counter (`session.openMember`). Ctrl+F
(the platform's Find) focuses the search box while focus is anywhere in this tab;
elsewhere it stays the counter's Find.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)
from shiboken6 import isValid

from ...errors import LoyaltyError
from ...services.dto import SegmentEmail, SegmentRule
from ..documents.printing import SavePath
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..shell.changes import LEDGER, MEMBERS, PROGRAMS, SHOP
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..shell.theme import paint
from ..widgets import build, labels
from ..widgets import formatting as fmt
from ..widgets.forms import tell
from ..widgets.tables import set_read_only
from ..widgets.workers import run_job
from .member_detail import MemberDetail
from .members_model import (
    COLUMNS,
    LAST_ACTIVITY,
    LIFETIME,
    NAME,
    POINTS,
    SPENT,
    MemberFilter,
    MembersTableModel,
)
from .segment_bar import SegmentBar
from .segment_email import SegmentEmailDialog

SEARCH_DELAY_MS = 250
# The order each kind of segment is first shown in: its most telling members on top.
NATURAL_ORDER = {"top_spenders": (SPENT, Qt.SortOrder.DescendingOrder),
                 "inactive": (LAST_ACTIVITY, Qt.SortOrder.AscendingOrder),
                 "near_next_tier": (LIFETIME, Qt.SortOrder.DescendingOrder),
                 "expiring": (POINTS, Qt.SortOrder.DescendingOrder)}
DETAIL_DELAY_MS = 80


def statuses() -> tuple[tuple[str, str | None], ...]:
    """The status filter's choices: (text, status), "Any status" first."""
    return (tr("Any status"), None), *((text, str(value)) for value, text in labels.MEMBERSHIP_STATUSES.items())


class MembersTableView(QTableView):
    """The table; Enter or Return on a row asks to open its member (double-click does too)."""

    openRequested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openRequested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


def _is_find(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Find)


class MembersTab(Tab):
    CONCERNS = frozenset({MEMBERS, LEDGER, PROGRAMS, SHOP})

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("membersTab")
        self._count_generation = 0
        self._total: int | None = None
        self._reselect: int | None = None
        self._program_ids: list[int | None] = []
        self.last_export: tuple[str, int] | None = None
        self.status_counts: dict[str, int] = {}
        self.email_dialog: SegmentEmailDialog | None = None
        self._segment_kind: str | None = None

        filters = self._build_filters()     # first: the focus follows the order widgets are made in
        self.segments = SegmentBar(session, lambda: self.program_box.currentData())
        self.error = build.label("membersError", wrap=True, visible=False)
        self._build_table(session)
        self.detail = MemberDetail(session)
        self.splitter = build.splitter("membersSplitter", self.table, self.detail, vertical=True, stretch=(3, 2),
                                       sizes=(460, 300))
        build.column(filters, self.segments, self.error, (self.splitter, 1), parent=self).setContentsMargins(6, 6, 6, 6)
        self._connect()
        self._fill_programs()
        self.model.reload()

    def _build_filters(self) -> QHBoxLayout:
        self.search = build.line_edit("membersSearch", placeholder=tr("Search by first or last name  (Ctrl+Shift+F)"),
                                      accessible=tr("Search members by name"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.installEventFilter(self)
        self.program_box = build.combo("membersProgramFilter", {}, accessible=tr("Program"))
        self.tier_box = build.combo("membersTierFilter", {}, accessible=tr("Tier"))
        self.tier_box.setMinimumContentsLength(10)
        self.status_box = build.combo("membersStatusFilter", {value: text for text, value in statuses()},
                                      accessible=tr("Status"))
        # The status filter too: its texts grow when the counts come ("Any status (100,000)").
        for box in (self.program_box, self.tier_box, self.status_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = build.label("membersCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(
            tr("{n}+ members").format(n="1,000,000")) + 8)
        bar = build.row((self.search, 3), spacing=6)
        for caption, box in ((tr("Program:"), self.program_box), (tr("Tier:"), self.tier_box),
                             (tr("Status:"), self.status_box)):
            label = QLabel(caption)
            label.setBuddy(box)
            bar.addSpacing(6)
            bar.addWidget(label)
            bar.addWidget(box)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        return bar

    def _build_table(self, session: ShopSession) -> None:
        self.model = MembersTableModel(session, self, load=False)
        self.table = MembersTableView()
        self.table.setObjectName("membersTable")
        self.table.setAccessibleName(tr("Members"))
        self.table.setModel(self.model)
        set_read_only(self.table, several=True, fixed_rows=True)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        self._default_widths()
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.doubleClicked.connect(self._open_index)
        self.table.openRequested.connect(self._open_index)

    def _connect(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textEdited.connect(lambda _text: self._search_timer.start(SEARCH_DELAY_MS))
        self.search.returnPressed.connect(self._apply_search)
        # The clear button changes the text without textEdited.
        self.search.textChanged.connect(lambda text: self._apply_search() if not text else None)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.timeout.connect(self._show_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._detail_timer.start(DETAIL_DELAY_MS))
        self.program_box.currentIndexChanged.connect(self._program_changed)
        self.tier_box.currentIndexChanged.connect(lambda _i: self.model.set_filter(tier_id=self.tier_box.currentData()))
        self.status_box.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(status=self.status_box.currentData()))
        self.segments.ruleChanged.connect(self._segment_changed)
        self.segments.failed.connect(self._show_error)
        self.segments.exportRequested.connect(self._export_segment)
        self.segments.emailRequested.connect(self._email_segment)
        self.model.loaded.connect(self._update_count)
        self.model.failed.connect(self._show_error)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.loadingChanged.connect(self._loading_changed)
        # The model holds a window of pages: rows dropped or brought back above keep the view in place,
        # and its top asks for the page before.
        self.model.shifted.connect(self._keep_place)
        self.table.verticalScrollBar().valueChanged.connect(self._at_top)


    # --- public --------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the filters' choices, the first page (same sort and filters) and the selected member."""
        super().refresh()
        current = self.current_member_id()
        self.segments.fill()            # first: the filter below takes the segment it leaves chosen
        self._fill_programs()
        self._reselect = current                 # once the new first page is in
        self.model.reload()
        if current is not None:
            self.detail.show_member(current)

    def recolour(self) -> None:
        self.detail.reload()  # its history rows were coloured for the old scheme

    def selected_member_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [mid for mid in (self.model.member_id(r) for r in rows) if mid is not None]

    def current_member_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.member_id(index.row()) if index.isValid() else None

    def select_member(self, member_id: int) -> bool:
        """Select a member if their row is loaded (never loads more pages to find one)."""
        row = self.model.row_of(member_id)
        if row is None:
            return False
        index = self.model.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def header_state(self) -> bytes:
        return bytes(self.table.horizontalHeader().saveState().data())

    def restore_header_state(self, state: bytes | QByteArray | Any) -> bool:
        """Column widths and order from header_state(); the sort comes back too if it names a sortable column."""
        if state is None:
            return False
        data = state if isinstance(state, QByteArray) else QByteArray(bytes(state))
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        try:
            restored = header.restoreState(data)
        finally:
            header.blockSignals(False)
        if header.count() != len(COLUMNS):
            restored = False
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if restored and 0 <= column < len(COLUMNS) and COLUMNS[column].sort_key is not None:
            self.model.sort(column, order)
        else:
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)
        return restored

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- keyboard ------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The main window's Find (Ctrl+F) is application-wide and opens the counter lookup. While focus
        # is inside this tab, claim the key first (ShortcutOverride reaches us from the focused child),
        # so it arrives here as a key press and focuses the members search instead: a shortcut scoped
        # to this widget that does not fight the global one.
        if event.type() == QEvent.Type.ShortcutOverride and _is_find(event) and self.isVisible():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_find(event):
            self.focus_search()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self._apply_search()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, NAME))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    # --- slots ---------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        member_id = self.model.member_id(index.row()) if index.isValid() else None
        if member_id is not None:
            self.session.openMember.emit(member_id)

    def _show_current(self) -> None:
        member_id = self.current_member_id()
        if member_id != self.detail.member_id:
            self.detail.show_member(member_id)

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(search=self.search.text())

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        # Tier and status have no index to sort by: keep the arrow on the column the rows are sorted by.
        if COLUMNS[column].sort_key is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)

    def _fill_programs(self) -> None:
        try:
            programs = self.session.programs()
        except LoyaltyError as error:
            self._show_error(refusal_words(error))
            programs = []
        wanted = self.program_box.currentData()
        ids: list[int | None] = [None, *(p.id for p in programs)]
        if ids != self._program_ids or any(self.program_box.itemText(i + 1) != p.program_name
                                           for i, p in enumerate(programs)):
            build.refill(self.program_box, {None: tr("All programs"), **{p.id: p.program_name for p in programs}},
                         wanted)
            self._program_ids = ids
        self._fill_tiers()
        self._count_statuses()
        self.model.filter = MemberFilter(
            program_id=self.program_box.currentData(), tier_id=self.tier_box.currentData(),
            status=self.status_box.currentData(), search=self.model.filter.search, segment=self.segments.rule())

    def _fill_tiers(self) -> None:
        program_id = self.program_box.currentData()
        wanted = self.tier_box.currentData()
        tiers: list[Any] = []
        if program_id is not None:
            try:
                tiers = self.session.svc.get_loyalty_tiers(self.session.user_id, program_id)
            except LoyaltyError as error:
                self._show_error(refusal_words(error))
        build.refill(self.tier_box, {None: tr("All tiers"), **{t.id: t.tier_name for t in tiers}}, wanted)
        self.tier_box.setEnabled(bool(tiers))
        self.tier_box.setToolTip("" if program_id is not None else tr("Choose a program to filter by its tiers"))

    def _count_statuses(self) -> None:
        """Each status's count beside it in the status filter ("Inactive (12)"), off the GUI thread."""
        svc, user, program_id = self.session.svc, self.session.user_id, self.program_box.currentData()

        def show(counts: Any) -> None:
            if not isValid(self) or program_id != self.program_box.currentData():
                return
            self.status_counts = dict(counts)
            for index, (text, status) in enumerate(statuses()):
                n = sum(counts.values()) if status is None else counts.get(status, 0)
                self.status_box.setItemText(index, tr("{status} ({n})").format(status=text, n=fmt.points(n)))

        run_job(lambda _report: svc.count_members_by_status(user, program_id=program_id), show,
                lambda _error: None)

    def _program_changed(self, _index: int) -> None:
        self._fill_tiers()
        self._count_statuses()
        self.model.set_filter(program_id=self.program_box.currentData(), tier_id=self.tier_box.currentData())

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        paint(self.error, "bad")
        self.error.setVisible(True)

    def _before_reset(self) -> None:
        """New filters, sort or refresh: forget the old total and start counting, if that is cheap."""
        self.error.setVisible(False)
        self._count_generation += 1
        self._total = None
        if self.model.filter.narrows_program_count:
            return      # count_members knows only the program: the label says what is loaded
        generation = self._count_generation
        svc, user, f = self.session.svc, self.session.user_id, self.model.filter

        def done(total: int) -> None:
            if isValid(self) and generation == self._count_generation:
                self._total = total
                self._update_count(self.model.reached, self.model.complete)

        # A count over a million rows can take a moment: never on the GUI thread.
        if f.segment is None:
            run_job(lambda _report: svc.count_members(user, program_id=f.program_id), done, lambda _error: None)
        else:
            run_job(lambda _report: svc.count_members(user, program_id=f.program_id, tier_id=f.tier_id,
                                                      status=f.status, search=f.search, segment=f.segment),
                    done, lambda _error: None)

    def _after_reset(self) -> None:
        member_id, self._reselect = self._reselect, None
        if member_id is not None:
            self.select_member(member_id)

    def _keep_place(self, rows: int) -> None:
        bar = self.table.verticalScrollBar()
        per_row = 1 if self.table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem \
            else self.table.verticalHeader().defaultSectionSize()
        bar.setValue(bar.value() + rows * per_row)

    def _at_top(self, value: int) -> None:
        if value == self.table.verticalScrollBar().minimum() and self.model.has_earlier:
            self.model.fetch_earlier()

    def _loading_changed(self, loading: bool) -> None:
        if loading and not self.model.rowCount():
            self.count_label.setText(tr("Loading…"))
        if loading:
            self.table.viewport().setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.table.viewport().unsetCursor()

    def _update_count(self, loaded: int, complete: bool) -> None:
        """'N members': exact when every matching row is loaded or counted, else what is loaded so far, with '+'."""
        if complete:
            total: int | None = loaded
        else:
            total = self._total
        if total is None:
            self.count_label.setText(tr("{n}+ members").format(n=fmt.points(loaded)))
        else:
            self.count_label.setText(plural(total, tr("{n} member"), tr("{n} members")).format(n=fmt.points(total)))

    def _export_segment(self, rule: SegmentRule | None) -> None:
        """The segment's members (of the program shown) as a members CSV, written off the GUI thread."""
        exports, svc, user, actor = self.session.exports, self.session.svc, self.session.user_id, self.session.actor
        program_id = self.program_box.currentData()
        if rule is None or exports is None:
            return
        path = SavePath.ask(self, "segment.csv", tr("CSV file (*.csv)"))
        if not path:
            return
        self.count_label.setText(tr("Writing…"))

        def saved(count: Any) -> None:
            self.last_export = (path, int(count))
            self._update_count(self.model.rowCount(), self.model.complete)
            tell(self, tr("Export"), plural(int(count), tr("Saved {n} row to {path}"), tr("Saved {n} rows to {path}"))
                 .format(n=f"{count:,}", path=path))

        def refused(error: BaseException) -> None:
            self._update_count(self.model.rowCount(), self.model.complete)
            reason = error.strerror if isinstance(error, OSError) and error.strerror else refusal_words(error)
            self._show_error(tr("Nothing was exported: {reason}").format(reason=reason))

        run_job(lambda _report: exports.export_csv(svc, user, "members", path, program_id=program_id, actor=actor,
                                                   segment=rule), saved, refused)

    def _segment_changed(self, rule: SegmentRule | None) -> None:
        """A new kind of segment is shown in its own order (the top spenders first...); a new number
        of the same kind keeps whatever order the person chose since."""
        kind = rule.kind if rule else None
        if kind != self._segment_kind and kind in NATURAL_ORDER:
            column, order = NATURAL_ORDER[kind]
            self.table.sortByColumn(column, order)
        self._segment_kind = kind
        self.model.set_filter(segment=rule)

    def _email_segment(self, rule: SegmentRule | None, title: str) -> None:
        if rule is None:
            return
        if self.email_dialog is not None and isValid(self.email_dialog) and not self.email_dialog.isVisible():
            self.email_dialog.deleteLater()     # one dialog kept at a time, not one per email written
        dialog = SegmentEmailDialog(self.session, rule, self.program_box.currentData(), title, self)
        self.email_dialog = dialog
        dialog.accepted.connect(lambda: self._emailed(dialog.outcome))
        dialog.open()

    def _emailed(self, outcome: SegmentEmail | None) -> None:
        if outcome is not None:
            tell(self, tr("Email to a segment"), plural(outcome.queued, tr("{n} email is on its way."),
                                                        tr("{n} emails are on their way.")).format(
                n=f"{outcome.queued:,}"))

    def _default_widths(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        late = dt.datetime(2026, 12, 31, 12, 0, tzinfo=dt.UTC)  # the widest figures, in the shop's formats
        samples = {0: "Margaret Featherstonehaugh", 1: "WWWWW WWWWW", 2: "Platinum", 3: fmt.points(1_000_000),
                   4: "Lifetime points", 5: fmt.money(1_000_000, self.session.currency), 6: "Suspended",
                   7: fmt.date_time(late)}
        for column, sample in samples.items():
            title = metrics.horizontalAdvance(COLUMNS[column].title) + 28    # room for the sort arrow
            header.resizeSection(column, max(metrics.horizontalAdvance(sample) + 20, title))
