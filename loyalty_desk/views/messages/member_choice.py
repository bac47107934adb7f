"""The member a template is previewed for (Settings ▸ Messages… ▸ Templates): type a name, card,
phone or email, and pick among the counter's lookup results."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...errors import LoyaltyError
from ..counter.counter import SEARCH_DELAY_MS
from ..counter.counter_text import result_text
from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import build

FOUND = 10


class MemberChoice(QWidget):
    memberChanged = Signal(object)          # the member id, or None

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("previewMemberChoice")
        self.search = build.line_edit("previewMemberSearch", placeholder=tr("type a name or card to preview for"),
                                      accessible=tr("Preview for the member"))
        self.found = build.combo("previewMember", {}, accessible=tr("Member to preview for"))
        self.found.setMinimumContentsLength(28)
        build.row(self.search, (self.found, 1), margins=False, parent=self)
        # A look-up after the typing pauses, as the counter's: not a database query per key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.found.currentIndexChanged.connect(lambda _index: self.memberChanged.emit(self.member_id))
        self._show(self._first())

    @property
    def member_id(self) -> int | None:
        data = self.found.currentData()
        return int(data) if data is not None else None

    def _first(self) -> list[Any]:
        """Someone to preview for before anything is typed: the first member by name."""
        try:
            return self.session.svc.list_members_page(self.session.user_id, limit=1).rows
        except LoyaltyError:
            return []

    def look_up(self) -> None:
        text = self.search.text().strip()
        if not text:
            self._show(self._first())
            return
        try:
            found = self.session.svc.find_members(self.session.user_id, text, limit=FOUND)
        except LoyaltyError:
            found = []
        self._show(found)

    def _show(self, members: list[Any]) -> None:
        programs = {p.id: p.program_name for p in self.session.programs()} if members else {}
        choices = {m.id: result_text(m, programs.get(m.program_id, "")) for m in members}
        build.refill(self.found, choices or {None: tr("No member found")})
        self.memberChanged.emit(self.member_id)
