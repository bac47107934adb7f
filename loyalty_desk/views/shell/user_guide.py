"""Help ▸ User guide (F1): the offline guide shipped in the package, opened at the current screen's part."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import tr

GUIDE = Path(__file__).resolve().parents[2] / "help" / "guide.html"
SECTIONS = ("setup", "counter", "members", "programs", "rewards", "analytics", "staff", "backups", "registers")


class UserGuide(QDialog):
    """Not modal: the guide stays open beside the window while the person works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(tr("Loyalty Desk: user guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(False)     # everything it links to is in the guide itself
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(860, 720)

    def show_section(self, section: str) -> None:
        self.browser.scrollToAnchor(section if section in SECTIONS else "setup")
        self.show()
        self.raise_()
        self.activateWindow()
