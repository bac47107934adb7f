"""The members table model: lazy, one SQL page at a time, sorted and filtered by the service.

Nothing here ever counts or loads all members. The first page is loaded on a
reset (new sort, new filters, refresh); the view asks for the next page with
`canFetchMore`/`fetchMore` when it scrolls near the end, and the service
continues after the keyset cursor of the last page. There is no proxy model:
a `QSortFilterProxyModel` would have to pull every row to sort them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from ..errors import LoyaltyError
from ..services.codes import format_card_number
from . import formatting as fmt
from .session import ShopSession
from .theme import accent

PAGE_SIZE = 200
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    # The service's sort key (member_views.SORT_COLUMNS), or None when the column cannot be sorted.
    sort_key: str | None
    text: Callable[[Any, str], str]
    numeric: bool = False
    tooltip: str = ""


def _status(member: Any, _currency: str) -> str:
    return str(member.membership_status or "").replace("_", " ").capitalize()


COLUMNS: tuple[Column, ...] = (
    Column("Name", "name", lambda m, _c: m.customer_name),
    Column("Card number", "card_number", lambda m, _c: format_card_number(m.card_number) if m.card_number else ""),
    Column("Tier", None, lambda m, _c: m.tier_name or "", tooltip="Filter by tier above; this column is not sortable"),
    Column("Points", "current_points", lambda m, _c: fmt.points(m.current_points), numeric=True,
           tooltip="Points the member can spend now"),
    Column("Lifetime points", "lifetime_points", lambda m, _c: fmt.points(m.lifetime_points), numeric=True,
           tooltip="Points earned since joining, less returns; tiers follow these"),
    Column("Total spent", "total_spent", lambda m, c: fmt.money(m.total_spent, c), numeric=True),
    Column("Status", None, _status, tooltip="Filter by status above; this column is not sortable"),
    Column("Last activity", "last_activity_date", lambda m, _c: fmt.date_time(m.last_activity_date),
           tooltip="In this computer's local time"),
)
NAME, CARD, TIER, POINTS, LIFETIME, SPENT, STATUS, LAST_ACTIVITY = range(len(COLUMNS))


@dataclass(frozen=True, slots=True)
class MemberFilter:
    program_id: int | None = None
    tier_id: int | None = None
    status: str | None = None
    search: str | None = None

    @property
    def narrows_program_count(self) -> bool:
        """True when count_members (which knows only the program) cannot count these rows."""
        return self.tier_id is not None or self.status is not None or bool(self.search)


class MembersTableModel(QAbstractTableModel):
    """Members, page by page, in the order and with the filters the service applies in SQL."""

    # After a reset or a new page: (rows loaded, whether the last page has been reached).
    loaded = Signal(int, bool)
    # A refusal from the service (bad filter, lost database), in plain words.
    failed = Signal(str)

    def __init__(self, session: ShopSession, parent: QObject | None = None, *, page_size: int = PAGE_SIZE,
                 load: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.page_size = page_size
        self.rows: list[Any] = []
        self.filter = MemberFilter()
        self.sort_key = "name"
        self.descending = False
        self._after: tuple[Any, int] | None = None
        self._more = False
        self._busy = False
        self.pages_loaded = 0
        if load:
            self.reload()

    # --- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name
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
            details = [member.customer_name, member.email or "", member.phone or ""]
            return "\n".join(d for d in details if d)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            column = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if column.numeric else _LEFT
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tooltip or (f"Sort by {column.title.lower()}" if column.sort_key else None)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 - Qt's name
        # Never from inside a reset or an insert of our own: a listener that asks for more while it is
        # being told about the change (Qt's model tester does) would insert rows out of place.
        return not parent.isValid() and self._more and not self._busy

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 - Qt's name
        if not self.canFetchMore(parent):
            return
        self._busy = True
        try:
            page = self._query(self._after)
            if page is None:
                self._more = False
            elif page.rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
                self.rows.extend(page.rows)
                self._after, self._more = page.next_after, page.next_after is not None
                self.pages_loaded += 1
                self.endInsertRows()
            else:
                self._after, self._more = page.next_after, page.next_after is not None
        finally:
            self._busy = False
        self.loaded.emit(len(self.rows), not self._more)

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
        """Every row matching the filters is loaded (the last page was short)."""
        return not self._more

    def set_filter(self, **changes: Any) -> None:
        """New filters (program_id, tier_id, status, search): back to the first page."""
        wanted = replace(self.filter, **changes)
        if wanted.search is not None:
            wanted = replace(wanted, search=wanted.search.strip() or None)
        if wanted != self.filter:
            self.filter = wanted
            self.reload()

    def reload(self) -> None:
        """Forget the loaded rows and load the first page again."""
        self._busy = True
        try:
            self.beginResetModel()
            page = self._query(None)
            self.rows = list(page.rows) if page else []
            self.pages_loaded = 1 if page and page.rows else 0
            self._after = page.next_after if page else None
            self._more = self._after is not None
            self.endResetModel()
        finally:
            self._busy = False
        self.loaded.emit(len(self.rows), not self._more)

    def member(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def member_id(self, row: int) -> int | None:
        member = self.member(row)
        return member.id if member is not None else None

    def row_of(self, member_id: int) -> int | None:
        """The row of a loaded member (None when not loaded: never loads more to find it)."""
        return next((i for i, m in enumerate(self.rows) if m.id == member_id), None)

    def _query(self, after: tuple[Any, int] | None) -> Any:
        f = self.filter
        try:
            return self.session.svc.list_members_page(
                self.session.user_id, program_id=f.program_id, tier_id=f.tier_id, status=f.status,
                search=f.search, sort=self.sort_key, descending=self.descending, after=after, limit=self.page_size)
        except LoyaltyError as error:
            self.failed.emit(str(error))
            return None
