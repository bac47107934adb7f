"""Help ▸ User guide (F1): the offline guide shipped in the package, in the app's language, opened at
the current screen's part."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import language, tr

HELP = Path(__file__).resolve().parents[2] / "help"
GUIDE = HELP / "guide.html"          # English, and the guide of any language that has none of its own
SECTIONS = ("setup", "counter", "members", "programs", "rewards", "analytics", "staff", "backups", "registers")


def guide_for(lang: str) -> Path:
    """The guide in `lang` (help/guide.LANG.html, its pictures in help/images/LANG), else the English one."""
    translated = HELP / f"guide.{lang}.html"
    return translated if lang != "en" and translated.is_file() else GUIDE


class UserGuide(QDialog):
    """Not modal: the guide stays open beside the window while the person works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(tr("Loyalty Desk: user guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(False)     # everything it links to is in the guide itself
        self.source = guide_for(language())          # the language installed at start, as every window
        self.browser.setSource(QUrl.fromLocalFile(str(self.source)))
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
