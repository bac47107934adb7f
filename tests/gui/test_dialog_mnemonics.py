"""The first run's dialog and the small dialogs an owner opens from the menus (Export, Import
members, Print a sheet of cards, a reward's delivery) are worked from the keyboard: every field's
label underlines a letter, no two of them (or a button, or a group's title) share it, and Alt
with that letter puts the cursor in the field; in English and in German."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFormLayout, QGroupBox, QLabel, QWidget

from loyalty_desk.dataio import export
from loyalty_desk.views.documents.card_sheet_dialog import CardSheetDialog
from loyalty_desk.views.members.export_dialog import ExportDialog
from loyalty_desk.views.members.import_wizard import ImportWizard
from loyalty_desk.views.rewards.redemptions_queue import DeliveryChoice
from loyalty_desk.views.shell.setup_dialogs import FirstRunDialog

from ..support import enroll, make_program, shown


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a plain ampersand), lower case."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def form_labels(window: QWidget) -> list[QLabel]:
    """The labels of the window's visible form rows that name a field."""
    labels = []
    for form in window.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.isVisibleTo(window) and label.text():
                labels.append(label)
    return labels


@pytest.fixture(params=["en", "de"])
def language(request):  # type: ignore[no-untyped-def]
    """The dialogs in each language the app ships (the German letters are the translator's)."""
    if request.param == "de":
        request.getfixturevalue("german")
    return request.param


def check_keyboard(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    labels = form_labels(window)
    assert labels, "the window should have form rows"
    letters = [mnemonic(label.text()) for label in labels]
    assert None not in letters, [label.text() for label in labels]
    others = [mnemonic(b.text()) for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    others += [mnemonic(box.title()) for box in window.findChildren(QGroupBox) if box.isVisibleTo(window)]
    taken = letters + [letter for letter in others if letter]
    assert len(taken) == len(set(taken)), taken
    for label, letter in zip(labels, letters, strict=True):
        buddy = label.buddy()
        assert buddy is not None, label.text()
        window.activateWindow()
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
        focused = QApplication.focusWidget()
        assert focused is buddy or buddy.isAncestorOf(focused), (label.text(), focused)


def test_the_first_run(qtbot, gui_svc, language):
    dialog = shown(qtbot, FirstRunDialog(gui_svc), activate=True)
    dialog.owner.setChecked(True)          # its name and PIN rows shown too
    check_keyboard(qtbot, dialog)


def test_the_export_dialog(qtbot, session, gui_svc, language):
    program = make_program(gui_svc)
    session.exports = export
    check_keyboard(qtbot, shown(qtbot, ExportDialog(session, program.id), activate=True))


def test_the_import_wizards_first_page(qtbot, session, gui_svc, language):
    make_program(gui_svc)
    check_keyboard(qtbot, shown(qtbot, ImportWizard(session), activate=True))


def test_the_card_sheet(qtbot, session, gui_svc, language):
    program = make_program(gui_svc)
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    check_keyboard(qtbot, shown(qtbot, CardSheetDialog(session, [ada.id], None), activate=True))


def test_a_rewards_delivery(qtbot, language):
    seen: list[bool] = []

    def look() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
                      and w.objectName() == "deliveryDialog")
        try:
            with qtbot.waitActive(dialog):
                dialog.activateWindow()
            check_keyboard(qtbot, dialog)
            seen.append(True)
        finally:
            dialog.reject()

    QTimer.singleShot(0, look)
    assert DeliveryChoice.ask(None, None, None) is None    # closed: nothing chosen
    assert seen == [True]
