"""Help ▸ About: the version from the package, and where the data, the log and the database are."""
from __future__ import annotations

import stat
from importlib.metadata import version

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from loyalty_desk import paths
from loyalty_desk.db.engine import describe_url
from loyalty_desk.views.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_about_shows_the_version_the_database_file_and_opens_the_data_folder(session, qtbot, gui_svc, monkeypatch):
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    about = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu().actions()
    next(a for a in about if a.text() == "&About Loyalty Desk").trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.version.text() == f"Version {version('loyalty-desk')}"
    database = gui_svc.database_url.removeprefix("sqlite:///")
    assert dialog.database.text() == database and "sqlite:" not in dialog.database.text()
    assert dialog.folder.text() == str(paths.data_dir()) and dialog.log.text() == str(paths.log_file())
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_folder.click()
    assert opened == [QUrl.fromLocalFile(str(paths.data_dir()))]
    assert stat.S_IMODE(paths.data_dir().stat().st_mode) == 0o700     # made, private, before it is shown


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql+psycopg://olive:s3cret@shop-server:5433/loyalty", "PostgreSQL database “loyalty” on shop-server:5433 (user olive)"),
    ("postgresql+psycopg:///loyalty", "PostgreSQL database “loyalty” on this computer"),
    ("sqlite:////srv/shop/loyalty.db", "/srv/shop/loyalty.db"),
    ("sqlite://", "a temporary database in memory"),
])
def test_a_database_is_named_for_a_person_never_with_its_password(url, shown):
    assert describe_url(url) == shown
    assert "s3cret" not in describe_url(url)
