"""A tab page whose content is made the first time it is shown or asked for.

The Analytics tab brings pyqtgraph and numpy (about two thirds of the window's start-up): a
cashier who never opens it never pays for them, and one who does pays once, on that click.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyPage(QWidget, Generic[W]):
    def __init__(self, make: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make = make
        self._content: W | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> W:
        """The page's widget, made now if it was not yet."""
        if self._content is None:
            self._content = self._make()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._content)
            self._content.show()  # now, inside this show, rather than on Qt's next pass
        return self._content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.content()
        super().showEvent(event)
