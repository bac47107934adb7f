"""The desktop given a database it cannot use: a missing path asks before making one, and a
refusal is a dialog with one sentence (never a traceback), the file left untouched."""
from __future__ import annotations

import hashlib

from PySide6.QtWidgets import QMessageBox

from loyalty_desk import app
from loyalty_desk.views.shell import setup_dialogs


def test_a_missing_database_is_made_only_when_the_person_says_yes(qapp, tmp_path, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(app, "missing_display_support", lambda: None)
    monkeypatch.setattr(setup_dialogs, "ask_create_database", lambda where: asked.append(where) or False)
    refusals: list[str] = []
    monkeypatch.setattr(setup_dialogs, "show_refusal", refusals.append)
    target = tmp_path / "typo.db"
    assert app.main(["--database-url", f"sqlite:///{target}"]) == 2
    assert asked == [f"sqlite:///{target}"] and not target.exists()      # "No": nothing made
    assert len(refusals) == 1 and refusals[0].endswith("no database was created there.")


def test_another_applications_file_is_refused_in_a_dialog(qapp, tmp_path, monkeypatch):
    import sqlite3

    other = tmp_path / "firefox-places.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    monkeypatch.setattr(app, "missing_display_support", lambda: None)
    shown: list[str] = []
    monkeypatch.setattr(setup_dialogs, "show_refusal", shown.append)
    assert app.main(["--database-url", f"sqlite:///{other}"]) == 2
    assert len(shown) == 1 and "Traceback" not in shown[0]
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["firefox-places.sqlite"]


def test_the_refusal_dialog_shows_the_services_sentence(qapp, monkeypatch, tmp_path):
    from loyalty_desk.errors import LoyaltyError
    from loyalty_desk.services import LoyaltyService

    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.text()) or 0)
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    try:
        LoyaltyService(f"sqlite:///{folder}").close()
    except LoyaltyError as error:
        setup_dialogs.show_refusal(str(error))
    assert len(seen) == 1 and str(folder) in seen[0] and "Traceback" not in seen[0]
