"""The German translation: complete, compiled, and used by every main screen and dialog.

With the translation loaded, no visible text of the window, its menus, its tabs and the
counter's dialogs is left in English, except names and data. A text counts as left in English
when it is a source string the translation translates differently (a `tr()` evaluated before the
translation was loaded, or one never passed through it), or when it holds an English word of
the app's own vocabulary that no German text contains.
"""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from loyalty_desk.views import i18n

from ..support import SHOP, enroll, make_program

pytestmark = pytest.mark.gui

TS = i18n.TRANSLATIONS / "loyalty_desk_de.ts"
BIN = Path(sys.executable).parent
# Words of the app's English that a German screen never shows (names and data avoid them here).
ENGLISH = re.compile(r"\b(the|and|with|your|Save|Cancel|Close|points?|Points?|members?|Members?|Record|Redeem|"
                     r"Enroll|Print|Settings|Help|File|View|Refresh|Reward|Rewards|Program|Tier|Card|Voucher|"
                     r"Purchase|Return|Adjust|Edit|Search|Export|Import|Email|Phone|Birthday)\b")


def messages() -> dict[str, str]:
    return {m.findtext("source") or "": (m.find("translation").text or "")  # type: ignore[union-attr]
            for m in ET.parse(TS).iter("message")}


def test_every_string_is_translated():
    tree = ET.parse(TS)
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
                  or not (m.find("translation").text or "").strip()]  # type: ignore[union-attr]
    assert len(messages()) > 500
    assert unfinished == []


def test_the_translation_holds_every_marked_string_and_its_placeholders(tmp_path):
    """lupdate over the views finds no string the shipped .ts lacks, and every {placeholder}
    of a source is kept in its German."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (Path(i18n.__file__).parent).rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    shipped = messages()
    assert found - set(shipped) == set()
    for source, german in shipped.items():
        assert set(re.findall(r"\{\w*\}", source)) == set(re.findall(r"\{\w*\}", german)), (source, german)


def test_the_compiled_translation_is_the_sources(tmp_path):
    compiled = tmp_path / "de.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes()


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()                 # the cells: a status or a type is a word too
            root = QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
            texts += [str(model.index(row, column).data() or "") for row in range(min(model.rowCount(root), 20))
                      for column in range(columns)]
        texts.append(widget.toolTip())
    return [re.sub(r"<[^>]+>", " ", t).replace("&", "") for t in texts if t]


def english_left(texts: list[str], data: set[str]) -> list[str]:
    translated = {source.replace("&", "") for source, german in messages().items() if german != source}
    left = []
    for text in texts:
        bare = text
        for value in data:
            bare = bare.replace(value, "")
        if text in translated or ENGLISH.search(bare):
            left.append(text)
    return left


def test_the_main_screens_and_dialogs_are_all_german(german, gui_svc, qtbot):
    from loyalty_desk.views.shell.main_window import MainWindow
    from loyalty_desk.views.shell.session import ShopSession

    program = make_program(gui_svc, program_name="Kaffeeklub")
    member = enroll(gui_svc, program.id, "Ada Lovelace", email="ada@example.com")
    gui_svc.record_purchase(SHOP, program.id, member.id, "12.50", "BON-1")
    data = {"Ada Lovelace", "Ada", "Kaffeeklub", "ada@example.com", "Corner Shop", member.card_number, SHOP}
    # A ledger row's description is written with the row, in the language of that day: stored data.
    data |= {t.description for t in gui_svc.get_member_points_history(SHOP, member.id) if t.description}
    window = MainWindow(ShopSession(gui_svc, SHOP), run_jobs=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.counter.open_member(member.id)
    seen: dict[str, list[str]] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        seen[f"tab {index}"] = visible_texts(window)
    seen["menus"] = [action.text().replace("&", "") for menu in window.menuBar().findChildren(QMenu)
                     for action in menu.actions() if action.text()]
    for name in ("record_purchase", "redeem", "enroll", "adjust", "reverse", "edit"):
        dialog = getattr(window.counter, name)()
        seen[name] = visible_texts(dialog)
        dialog.close()
    for name in ("open_settings", "open_staff", "open_register", "open_backups", "open_integrations",
                 "open_messages", "about", "show_shortcuts", "show_customer_display"):
        before = set(QApplication.topLevelWidgets())
        getattr(window, name)()
        for widget in set(QApplication.topLevelWidgets()) - before:
            if widget.isVisible():
                seen[name] = visible_texts(widget)
                widget.close()
    left = {where: english_left(texts, data) for where, texts in seen.items()}
    left = {where: texts for where, texts in left.items() if texts}
    assert left == {}, "\n".join(f"{where}: {texts}" for where, texts in left.items())


def test_every_audit_action_has_its_words(german):
    from loyalty_desk.services.queries.audit_log import ACTIONS
    from loyalty_desk.views.audit.audit_tab import action_text

    english = {action: action.replace("_", " ").capitalize() for action in ACTIONS}
    assert [action for action in sorted(ACTIONS) if action_text(action) == english[action]] == []


def test_every_starting_program_of_the_first_run_is_offered_in_german(german):
    from loyalty_desk.services.shop_templates import template_labels
    from loyalty_desk.views.shell.setup_dialogs import template_label

    labels = template_labels()
    assert set(labels) >= {"points", "tiered", "cash_back", "stamps"}
    assert [key for key, english in labels.items() if template_label(key, english) == english] == []
    assert template_label("stamps", labels["stamps"]) == "Stempelkarte: jeder 10. Besuch gratis"
