"""The members table model: lazy, one SQL page at a time, sorted and filtered by the service.

Nothing here ever counts or loads all members. The first page is loaded on a
reset (new sort, new filters, refresh); the view asks for the next page with
`canFetchMore`/`fetchMore` when it scrolls near the end, and the service
continues after the keyset cursor of the last page. There is no proxy model:
a `QSortFilterProxyModel` would have to pull every row to sort them.

The rows held are a window of at most `keep_pages` pages, so memory stays flat however far a
person scrolls (a million members' rows would take gigabytes): a page coming in at one end drops
the page at the other, and `fetch_earlier` brings back the page before the window (the service
asked in the other order, after the window's first row). `first_row` is the window's place in the
whole list; `shifted` tells the view how many rows came or went above what it shows.

Pages are queried off the GUI thread, one at a time, in a pool of their own (so
they never wait behind the daily jobs). A page query is usually a few
milliseconds on an index, but a rare filter on a million rows, or a PostgreSQL
server across the network, can take longer, and the window must not freeze.
Until a new first page arrives the old rows stay on screen; a page that answers
a superseded request (the filter changed meanwhile) is dropped.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush
from shiboken6 import isValid

from ...errors import LoyaltyError
from ...services.codes import format_card_number
from ...services.contacts import display_phone
from ...services.dto import SegmentRule
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..shell.theme import accent
from ..widgets import formatting as fmt
from ..widgets import labels
from ..widgets.tables import Index

PAGE_SIZE = 200
# Pages held at once (2,000 rows: a few MB), whatever has been scrolled through.
KEEP_PAGES = 10
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Column:
    heading: Callable[[], str]      # the title in the chosen language (translated when shown, not at import)
    # The service's sort key (services/queries/members.py, SORT_COLUMNS), or None when the column cannot be sorted.
    sort_key: str | None
    text: Callable[[Any, str], str]
    numeric: bool = False
    hint: Callable[[], str] | None = None

    @property
    def title(self) -> str:
        return self.heading()

    @property
    def tooltip(self) -> str:
        return self.hint() if self.hint is not None else ""


def _status(member: Any, _currency: str) -> str:
    return labels.label(labels.MEMBERSHIP_STATUSES, member.membership_status)


COLUMNS: tuple[Column, ...] = (
    Column(lambda: tr("Name"), "name", lambda m, _c: m.customer_name),
    Column(lambda: tr("Card number"), "card_number",
           lambda m, _c: format_card_number(m.card_number) if m.card_number else ""),
    Column(lambda: tr("Tier"), None, lambda m, _c: m.tier_name or "",
           hint=lambda: tr("Filter by tier above; this column is not sortable")),
    Column(lambda: tr("Points"), "current_points", lambda m, _c: fmt.points(m.current_points), numeric=True,
           hint=lambda: tr("Points the member can spend now")),
    Column(lambda: tr("Lifetime points"), "lifetime_points", lambda m, _c: fmt.points(m.lifetime_points), numeric=True,
           hint=lambda: tr("Points earned since joining, less returns; tiers follow these")),
    Column(lambda: tr("Total spent"), "total_spent", lambda m, c: fmt.money(m.total_spent, c), numeric=True),
    Column(lambda: tr("Status"), None, _status, hint=lambda: tr("Filter by status above; this column is not sortable")),
    Column(lambda: tr("Last activity"), "last_activity_date", lambda m, _c: fmt.date_time(m.last_activity_date),
           hint=lambda: tr("In this computer's local time")),
)
NAME, CARD, TIER, POINTS, LIFETIME, SPENT, STATUS, LAST_ACTIVITY = range(len(COLUMNS))


@dataclass(frozen=True, slots=True)
class MemberFilter:
    program_id: int | None = None
    tier_id: int | None = None
    status: str | None = None
    search: str | None = None
    segment: SegmentRule | None = None

    @property
    def narrows_program_count(self) -> bool:
        """True when count_members, asked for the program only, cannot count these rows (a segment
        is counted with every filter: its count is what it is for)."""
        return self.segment is None and (self.tier_id is not None or self.status is not None or bool(self.search))


_pool: QThreadPool | None = None


def page_pool() -> QThreadPool:
    """One thread for page queries: requests run in order, and a queued stale one is skipped."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


@dataclass(frozen=True, slots=True)
class _Page:
    """A page held: its rows' count and the cursors at its first and last rows (None: none needed,
    nothing lies beyond it on that side)."""

    count: int
    first_at: tuple[Any, int] | None
    last_at: tuple[Any, int] | None


@dataclass(slots=True)
class _Request:
    generation: int
    reset: bool
    filter: MemberFilter
    sort_key: str
    descending: bool
    after: tuple[Any, int] | None
    earlier: bool = False                   # the page before the window (asked in the other order)
    page: Any = None
    error: str | None = None                # a LoyaltyError's message
    crash: BaseException | None = None      # anything else: a bug, for the crash reporter


class _Courier(QObject):
    """Carries answers from the pool to the GUI thread (it lives there, so delivery is queued)."""

    answered = Signal(object)


class MembersTableModel(QAbstractTableModel):
    """Members, page by page, in the order and with the filters the service applies in SQL."""

    # After a new first page or a further page: (rows loaded, whether the last page has been reached).
    loaded = Signal(int, bool)
    # A refusal from the service (bad filter, lost database), in plain words.
    failed = Signal(str)
    # A page query started (True) or every one has answered (False).
    loadingChanged = Signal(bool)
    # Rows added (positive) or dropped (negative) above the rows held before: the view keeps its place.
    shifted = Signal(int)

    def __init__(self, session: ShopSession, parent: QObject | None = None, *, page_size: int = PAGE_SIZE,
                 load: bool = True, keep_pages: int = KEEP_PAGES) -> None:
        super().__init__(parent)
        self.session = session
        self.page_size = page_size
        self.keep_pages = max(2, keep_pages)
        self.rows: list[Any] = []
        self.first_row = 0                          # the place of rows[0] in the whole list
        self._pages: list[_Page] = []               # the pages held, in order
        self.filter = MemberFilter()
        self.sort_key = "name"
        self.descending = False
        self.pages_loaded = 0
        self._after: tuple[Any, int] | None = None
        self._more = False
        self._generation = 0
        self._pending: dict[int, _Request] = {}     # the requests not answered yet, by id
        self._fetching = False                      # a further page is on its way
        self._inserting = False                     # inside our own insert or reset notification
        self._courier = _Courier()                  # no parent: the queries in flight keep it alive
        self._courier.answered.connect(self._answered)
        if load:
            self.reload()

    # --- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(COLUMNS):
            return None
        member = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(member, self.session.currency)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == MEMBER_ID_ROLE:
            return member.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS:
            status = member.membership_status
            if status == "suspended":
                return QBrush(accent("bad"))
            if status in ("inactive", "expired"):
                return QBrush(accent("muted"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == NAME:
            details = [member.customer_name, member.email or "",
                       display_phone(member.phone, self.session.phone_region)]
            return "\n".join(d for d in details if d)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            column = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if column.numeric else _LEFT
            if role == Qt.ItemDataRole.ToolTipRole:
                # The title as it is: German keeps its nouns' capitals in a sentence.
                return column.tooltip or (tr("Sort by {title}").format(title=column.title)
                                          if column.sort_key else None)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.rows):
            return str(self.first_row + section + 1)
        return None

    def canFetchMore(self, parent: Index) -> bool:
        # One further page at a time, none until the first page of the current request is in, and none
        # from inside our own change notifications (a listener that fetches there would misplace rows).
        return (not parent.isValid() and self._more and not self._fetching and not self._inserting
                and not self._awaiting_first_page)

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self._start(reset=False, after=self._after)

    @property
    def has_earlier(self) -> bool:
        """Rows before the window were dropped (scrolled past): `fetch_earlier` brings them back."""
        return self.first_row > 0 and bool(self._pages) and self._pages[0].first_at is not None

    def fetch_earlier(self) -> None:
        """The page before the window, when the view reaches its top."""
        if self.has_earlier and not self._fetching and not self._inserting and not self._awaiting_first_page:
            self._fetching = True
            self._start(reset=False, after=self._pages[0].first_at, earlier=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the service sorts in SQL. Columns without a sort key are ignored."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        key = COLUMNS[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key, self.descending = key, descending  # type: ignore[assignment]
        self.reload()

    # --- what the tab drives ---------------------------------------------------

    @property
    def sort_column(self) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c.sort_key == self.sort_key)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder

    @property
    def complete(self) -> bool:
        """The last row matching the filters has been reached (the last page was short)."""
        return not self._more

    @property
    def reached(self) -> int:
        """Rows from the first to the end of the window: all of them, once `complete`."""
        return self.first_row + len(self.rows)

    def set_filter(self, **changes: Any) -> None:
        """New filters (program_id, tier_id, status, search): back to the first page."""
        wanted = replace(self.filter, **changes)
        if wanted.search is not None:
            wanted = replace(wanted, search=wanted.search.strip() or None)
        if wanted != self.filter:
            self.filter = wanted
            self.reload()

    @property
    def loading(self) -> bool:
        return bool(self._pending)

    def reload(self) -> None:
        """Load the first page again (same sort and filters); the rows on screen stay until it arrives."""
        self._generation += 1
        self._fetching = False
        self._start(reset=True, after=None)

    def member(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def member_id(self, row: int) -> int | None:
        member = self.member(row)
        return member.id if member is not None else None

    def row_of(self, member_id: int) -> int | None:
        """The row of a loaded member (None when not loaded: never loads more to find it)."""
        return next((i for i, m in enumerate(self.rows) if m.id == member_id), None)

    # --- the background queries -------------------------------------------------

    @property
    def _awaiting_first_page(self) -> bool:
        return any(r.reset and r.generation == self._generation for r in self._pending.values())

    def _start(self, *, reset: bool, after: tuple[Any, int] | None, earlier: bool = False) -> None:
        request = _Request(self._generation, reset, self.filter, self.sort_key, self.descending, after, earlier)
        svc, user, limit, courier = self.session.svc, self.session.user_id, self.page_size, self._courier
        model = self

        def work() -> None:
            try:
                if request.generation == model._generation:     # else superseded while it waited: skip
                    f = request.filter
                    request.page = svc.list_members_page(
                        user, program_id=f.program_id, tier_id=f.tier_id, status=f.status, search=f.search,
                        sort=request.sort_key, descending=request.descending != request.earlier,
                        after=request.after, limit=limit, segment=f.segment)
            except LoyaltyError as error:
                request.error = refusal_words(error)
            except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, raised there
                request.crash = error
            courier.answered.emit(request)

        was_loading = self.loading
        self._pending[id(request)] = request
        if not was_loading:
            self.loadingChanged.emit(True)
        page_pool().start(work)

    def _answered(self, request: _Request) -> None:
        if not isValid(self) or self._pending.pop(id(request), None) is None:
            return
        current = request.generation == self._generation
        if current and not request.reset:
            self._fetching = False
        if current and request.crash is None:
            page = request.page
            rows = list(page.rows) if page is not None else []
            if request.reset:
                self._replace(rows, page)
            elif page is not None and request.earlier:
                # Nearest first: reversed, its first row's cursor is the other order's last one.
                self._prepend(rows[::-1], _Page(len(rows), page.next_after, page.first_at))
            elif page is not None:
                self._append(rows, _Page(len(rows), page.first_at, page.next_after))
            elif not request.earlier:
                self._more = False
            if request.error is not None:
                self.failed.emit(request.error)
        if not self._pending:
            self.loadingChanged.emit(False)
        if request.crash is not None:
            raise request.crash         # not a refusal but a bug: the crash reporter shows and logs it
        if current:
            self.loaded.emit(self.reached, not self._more)

    def _replace(self, rows: list[Any], page: Any) -> None:
        after = page.next_after if page is not None else None
        self._inserting = True
        try:
            self.beginResetModel()
            self.rows = rows
            self.first_row = 0
            self._pages = [_Page(len(rows), None, after)] if rows else []
            self.pages_loaded = 1 if rows else 0
            self._after, self._more = after, after is not None
            self.endResetModel()
        finally:
            self._inserting = False

    def _append(self, rows: list[Any], page: _Page) -> None:
        self._inserting = True
        try:
            if rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self.rows.extend(rows)
                self._pages.append(page)
                self._after, self._more = page.last_at, page.last_at is not None
                self.pages_loaded += 1
                self.endInsertRows()
                if len(self._pages) > self.keep_pages:
                    self._drop_first()
            else:
                self._after, self._more = page.last_at, page.last_at is not None
        finally:
            self._inserting = False

    def _prepend(self, rows: list[Any], page: _Page) -> None:
        if not rows:        # nothing before after all (members gone meanwhile): the window is the start
            self._pages[0] = replace(self._pages[0], first_at=None)
            return
        self._inserting = True
        try:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self.rows[:0] = rows
            self._pages.insert(0, page)
            self.first_row -= len(rows)
            self.endInsertRows()
            self.shifted.emit(len(rows))
            if len(self._pages) > self.keep_pages:
                self._drop_last()
        finally:
            self._inserting = False

    def _drop_first(self) -> None:
        count = self._pages[0].count
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        del self.rows[:count]
        del self._pages[0]
        self.first_row += count
        self.endRemoveRows()
        self.shifted.emit(-count)

    def _drop_last(self) -> None:
        count = self._pages[-1].count
        self.beginRemoveRows(QModelIndex(), len(self.rows) - count, len(self.rows) - 1)
        del self.rows[-count:]
        del self._pages[-1]
        self.endRemoveRows()
        self._after, self._more = self._pages[-1].last_at, True
