"""Translation of the desktop's words (Qt's translation system: `pyside6-lupdate` finds every
`tr("…")` in loyalty_desk/views and writes loyalty_desk/translations/loyalty_desk_LANG.ts; Qt
Linguist edits it; `pyside6-lrelease` compiles the .qm the app loads). See
scripts/translations.py and README, "Languages".

Conventions, so that lupdate finds every string:

- `tr("Record purchase")`: a literal, never an f-string. Values go in with `.format`:
  `tr("Saved {name}").format(name=...)`; translators keep the `{name}`.
- Plurals: `plural(n, tr("{n} point"), tr("{n} points")).format(n=fmt.points(n))`: the one/other
  forms of English, German and Spanish (a language with more forms would need Qt's numerus forms).
- One context for the whole app: the same English words are translated once.
- Names and data (a member's name, a reward, a program) are never passed through `tr`.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = {"en": "English", "de": "Deutsch"}   # the languages shipped; "system" picks one of them
_installed: list[QTranslator] = []
_language = "en"


def tr(text: str, disambiguation: str | None = None) -> str:
    """`text` in the chosen language (as it is when no translation is loaded)."""
    return QCoreApplication.translate("", text, disambiguation)


def plural(n: int, one: str, other: str) -> str:
    """The form for n of two translated forms; the caller fills in the number:
    `plural(n, tr("{n} line"), tr("{n} lines")).format(n=fmt.points(n))`."""
    return one if n == 1 else other


def language() -> str:
    """The language installed ("en" until another is): for words that come from elsewhere, such
    as country names from CLDR."""
    return _language


def language_for(setting: str | None, system: QLocale | None = None) -> str:
    """The language to load: the setting's, or for "system" (or nothing) the system's when shipped."""
    if setting in LANGUAGES:
        return setting
    name = (system or QLocale.system()).name().split("_")[0]
    return name if name in LANGUAGES else "en"


def install(language: str) -> bool:
    """Load the app's translation and Qt's own (its dialogs' buttons) for `language`; English needs
    none. Returns whether the app's translation was found. Call before any window is built."""
    global _language
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(old)
    _installed.clear()
    _language = "en"
    if language == "en":
        return True
    ours = QTranslator()
    found = ours.load(str(TRANSLATIONS / f"loyalty_desk_{language}.qm"))
    qt_own = QTranslator()
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt_own)
    if found:
        _installed.append(ours)
    for translator in _installed:
        QCoreApplication.installTranslator(translator)
    if found:
        _language = language
    return found
