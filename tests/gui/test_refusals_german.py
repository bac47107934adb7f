"""The service layer's refusals on a German screen: translated with their values in place, and
unchanged in English (the HTTP API and the logs keep English: the services raise what they did).

The catalog of refusal templates is generated from the sources (scripts/refusals.py); a refusal
added without regenerating it fails here, and one without its German fails test_translation.
"""
from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from loyalty_desk.services import InsufficientPoints, NotFound, ValidationError
from loyalty_desk.views import i18n
from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.refusal_catalog import TEMPLATES, WORDS
from loyalty_desk.views.refusals import refusal_words, template_of

from ..support import SHOP, enroll, make_program, shown
from .test_translation import english_left, visible_texts

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_the_catalog_is_what_the_sources_give():
    """Regenerating the catalog from the sources gives the committed file."""
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "refusals.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_catalog_holds_the_refusals_the_services_write():
    assert len(TEMPLATES) > 250 and "points" in WORDS
    for template in ("That phone number is not valid", "Not enough points: {current_points} of {points_cost} needed",
                     "No member #{member_id}", "{customer_name} already uses this {field} (card {format_card_number})",
                     "The file is empty"):
        assert template in TEMPLATES


def shape(template: str) -> str:
    """The template's words, whatever its placeholders are called: "No {what} #{value}" → "No {} #{}"."""
    return re.sub(r"\{\w+\}", "{}", template)


def test_every_template_is_found_again_from_a_message_written_with_it():
    """A message filled in from a template matches that template (or one of the same words), not
    a wrong one that happens to match too."""
    wrong = {}
    for template in TEMPLATES:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        sample = template.format(**{name: f"Q{n}x" for n, name in enumerate(names)})
        found = template_of(sample)
        if found is None or shape(found[0]) != shape(template):
            wrong[template] = found
    assert wrong == {}


@pytest.fixture
def shop(gui_svc):
    program = make_program(gui_svc, points_per_dollar="1", min_redemption_points=0)
    ada = enroll(gui_svc, program.id, "Ada Lovelace", email="ada@example.com")
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 300, "description": "setup"})
    gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Kaffee", "reward_type": "free_product",
                                                     "points_cost": 100})
    return program, ada


@pytest.fixture
def counter(session, qtbot, shop):
    bar = CounterBar(session)
    return shown(qtbot, bar, (1100, 200))


def refused(svc_call) -> Exception:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception) as caught:
        svc_call()
    return caught.value


def test_in_english_a_refusal_is_shown_as_the_service_wrote_it(qapp, gui_svc, shop):
    program, ada = shop
    errors = [refused(lambda: gui_svc.get_loyalty_member(SHOP, 99999)),
              refused(lambda: gui_svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "X", "phone": "12"})),
              refused(lambda: gui_svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Ada Again",
                                                                                "email": "ADA@example.com"}))]
    assert i18n.language() == "en"
    assert [refusal_words(error) for error in errors] == [str(error) for error in errors]
    assert str(errors[0]) == "No member #99999"


def test_in_german_the_service_still_raises_english(german, gui_svc, shop):
    """What the API and the logs see does not change with the desktop's language."""
    error = refused(lambda: gui_svc.get_loyalty_member(SHOP, 99999))
    assert isinstance(error, NotFound) and str(error) == "No member #99999"
    assert refusal_words(error) == "Kein Mitglied #99999"


def test_a_redemption_over_the_balance_is_refused_in_german(german, counter, qtbot, gui_svc, shop):
    program, ada = shop
    counter.open_member(ada.id)
    dialog = counter.redeem()
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)                   # Kaffee, 100 of 300: the confirmation
    assert dialog.pages.currentIndex() == dialog.CONFIRM
    # Meanwhile another register spends 250 of the 300 points: 50 are left when the cashier confirms.
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": -250, "description": "elsewhere"})
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    fields = (None, *dialog.errors.labels)
    qtbot.waitUntil(lambda: any(dialog.errors.message(f) for f in fields))
    said = [dialog.errors.message(f) for f in fields]
    assert "Nicht genug Punkte: 50 von 100 nötig" in said, said
    assert english_left(visible_texts(dialog), {"Ada Lovelace", "Kaffee", ada.card_number}) == []
    assert gui_svc.get_member_redemptions(SHOP, ada.id) == []
    # The service itself still says it in English (the API and the log).
    (kaffee,) = gui_svc.get_loyalty_rewards(SHOP, program.id)
    with pytest.raises(InsufficientPoints, match="Not enough points: 50 of 100 needed"):
        gui_svc.create_redemption(SHOP, program.id, ada.id, kaffee.id, 100)


def test_enrolment_refusals_are_german_next_to_their_field(german, counter, qtbot, gui_svc, shop):
    program, ada = shop
    dialog = counter.enroll()
    qtbot.keyClicks(dialog.phone, "12")
    dialog.phone.editingFinished.emit()                                  # checked as it is typed
    assert dialog.errors.message("phone") == refusal_words(
        refused(lambda: gui_svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "X", "phone": "12"})))
    assert dialog.errors.message("phone").startswith("Diese Telefonnummer")
    dialog.phone.clear()
    qtbot.keyClicks(dialog.name, "Ada Again")
    qtbot.keyClicks(dialog.email, "ADA@example.com")
    dialog.ok_button.click()                                             # the service refuses the duplicate
    expected = f"Ada Lovelace hat bereits diese Angabe unter „E-Mail-Adresse“ (Karte {ada.card_number})"
    qtbot.waitUntil(lambda: dialog.errors.message("email") != "")
    shown_text = dialog.errors.message("email")
    assert re.sub(r"\(Karte [^)]*\)", "", shown_text) == re.sub(r"\(Karte [^)]*\)", "", expected), shown_text
    assert dialog.open_existing.isVisible()
    data = {"Ada Lovelace", "Ada Again", "ADA@example.com", "Ada", ada.card_number, "ada@example.com"}
    assert english_left(visible_texts(dialog), data | set(re.findall(r"\(Karte ([^)]*)\)", shown_text))) == []
    # German is longer: every row is shown whole, and a refusal wrapping onto two lines gets them.
    dialog.phone.setText("12")
    dialog.phone.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.errors.message("phone") != "")
    for label in (dialog.errors.labels["email"], dialog.errors.labels["phone"]):
        qtbot.waitUntil(lambda label=label: label.height() >= label.heightForWidth(label.width()))
    squeezed = [box.text() for box in dialog.findChildren(QCheckBox)
                if box.isVisible() and box.width() < box.sizeHint().width()]
    assert squeezed == []


def test_an_unknown_member_is_said_in_german_at_the_counter(german, counter, gui_svc, shop):
    counter.open_member(99999)
    assert counter.lookup_error.text() == "Kein Mitglied #99999"


def test_a_checker_names_its_field_in_german(german, gui_svc, shop):
    """The field a refusal names ("points amount") is one of the catalog's words, translated too."""
    program, ada = shop
    error = refused(lambda: gui_svc.add_points_transaction(SHOP, program.id, ada.id,
                                                           {"points_amount": "many", "description": "x"}))
    assert isinstance(error, ValidationError) and str(error) == "The points amount must be a whole number"
    assert refusal_words(error) == "„Punktzahl“ muss eine ganze Zahl sein"
    error = refused(lambda: gui_svc.record_purchase(SHOP, program.id, ada.id, "12,50", "B-1"))
    assert refusal_words(error) == ("„Betrag“ muss mit Ziffern und einem Punkt geschrieben werden, etwa 12.50 "
                                    "(ohne Kommas)")


def test_the_import_wizard_says_why_in_german(german, qtbot, session, gui_svc, tmp_path):
    """The file's refusal (MemberFileError, from the domain) and a row's (from the import service)."""
    from loyalty_desk.views.members.import_wizard import ImportWizard

    make_program(gui_svc, program_name="Zweites")
    photo = tmp_path / "photo.csv"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(photo))
    wizard.next()
    assert wizard.file_page.error.text() == ("photo.csv: Die Datei ist kein Text-CSV: Sie enthält NUL-Bytes "
                                             "(UTF-16? Speichern Sie sie als CSV UTF-8)")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,points\nAda Lovelace,12x\nGrace Hopper,40\n", encoding="utf-8")
    wizard.file_page.path.setText(str(bad))
    for _ in range(3):
        wizard.next()
    page = wizard.dry_run_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    assert page.refusals.item(0, 2).text() == "'12x' muss eine ganze Zahl von Punkten sein, etwa 1200"


def test_what_matches_no_template_is_shown_as_it_is(german):
    assert refusal_words("Something nobody wrote") == "Something nobody wrote"
    assert refusal_words(ValueError("x")) == "x"
