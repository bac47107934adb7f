"""The one base of every screen that shows what the database holds: one refresh protocol.

A `Tab` listens to `ShopSession.changed`. When a write touches a kind of data it shows
(`CONCERNS`), it reloads at once if it is on screen, or when it is next shown; what it does not
show never costs it a query. It is also the one place that follows a scheme change: on Qt's
PaletteChange it repaints its accents (`theme.restyle`) and calls `recolour()` for the rest.
"""
from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QWidget

from .changes import KINDS, Changes
from .session import ShopSession
from .theme import restyle


class Tab(QFrame):  # a QFrame (frameless unless asked) so the counter can draw its panel border
    # The kinds of change (changes.KINDS) this screen shows; by default all of them.
    CONCERNS: ClassVar[frozenset[str]] = frozenset(KINDS)

    def __init__(self, session: ShopSession, parent: QWidget | None = None, *, stale: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.stale = stale  # True: load on the first show rather than now
        session.changed.connect(self.on_changes)

    def concerns(self, changes: Changes) -> bool:
        return changes.touches(self.CONCERNS)

    def on_changes(self, changes: Changes) -> None:
        if not self.concerns(changes):
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True  # a sale at the counter should not re-query a table nobody sees

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload what is shown from the service. Never writes, never emits `changed`."""
        self.stale = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            restyle(self)
            self.recolour()
        super().changeEvent(event)

    def recolour(self) -> None:
        """Redraw what the scheme colours and a style sheet cannot reach (charts, drawn images)."""


__all__ = ["Tab"]
