"""Light, dark or system colour scheme, on the Fusion style so both read the same everywhere."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SCHEMES = ("system", "light", "dark")


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(43, 45, 50), QColor(230, 232, 235)
    for role, color in {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text, QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(38, 40, 45), QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text, QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.BrightText: QColor(255, 110, 110),
        QPalette.ColorRole.Link: QColor(110, 170, 255), QPalette.ColorRole.Highlight: QColor(52, 120, 220),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(150, 152, 158), QPalette.ColorRole.Mid: QColor(70, 72, 78),
        QPalette.ColorRole.Dark: QColor(20, 21, 24), QPalette.ColorRole.Light: QColor(80, 82, 88),
    }.items():
        p.setColor(role, color)
    disabled = QColor(120, 122, 128)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def _light_palette() -> QPalette:
    p = QStyleFactory.create("Fusion").standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor(38, 110, 210))
    p.setColor(QPalette.ColorRole.Link, QColor(20, 90, 190))
    return p


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_scheme(app: QApplication, scheme: str) -> None:
    app.setStyle("Fusion")
    dark = scheme == "dark" or (scheme == "system" and system_prefers_dark())
    app.setPalette(_dark_palette() if dark else _light_palette())
    app.setProperty("loyaltyDark", dark)


def is_dark() -> bool:
    app = QApplication.instance()
    return bool(app and app.property("loyaltyDark"))


def accent(name: str) -> QColor:
    """Semantic colours that stay readable on both schemes."""
    dark = is_dark()
    colors = {
        "good": QColor(90, 200, 120) if dark else QColor(20, 130, 60),
        "bad": QColor(255, 120, 110) if dark else QColor(190, 30, 30),
        "muted": QColor(160, 162, 168) if dark else QColor(105, 108, 115),
        "gold": QColor(230, 190, 80) if dark else QColor(160, 120, 10),
    }
    return colors[name]
