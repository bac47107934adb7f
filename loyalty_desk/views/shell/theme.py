"""Light, dark or system colour scheme, on the Fusion style so both read the same everywhere.

The one styling path: a widget coloured by meaning is coloured with `paint(widget, "bad")`,
which remembers the accent's name on the widget. After a scheme change every `Tab` receives
Qt's PaletteChange and calls `restyle(self)` once (tab.py), which paints its widgets again in
the new scheme's colours and lets each tab redraw what a style sheet cannot reach.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

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
    app.setProperty("loyaltyDark", dark)  # before the palette: its change event repaints in these accents
    app.setPalette(_dark_palette() if dark else _light_palette())


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


ACCENT, ACCENT_STYLE = "accent", "accentStyle"   # widget properties: the accent's name and its style sheet


def paint(widget: QWidget, name: str | None, style: str = "color: {};") -> None:
    """Colour a widget by meaning ("good", "bad", "muted", "gold"; None for the palette's own),
    in a way `restyle` repeats after a scheme change. `style` is a style sheet with {} for the colour."""
    widget.setProperty(ACCENT, name)
    widget.setProperty(ACCENT_STYLE, style)
    widget.setStyleSheet(style.format(accent(name).name()) if name else "")


def restyle(root: QWidget) -> None:
    """Paint `root` and everything in it again in the current scheme's accents."""
    for widget in (root, *root.findChildren(QWidget)):
        name = widget.property(ACCENT)
        if name:
            widget.setStyleSheet(str(widget.property(ACCENT_STYLE)).format(accent(name).name()))
