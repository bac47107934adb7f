"""Render the data screens, light and dark: the import wizard's preview, mapping and dry-run report,
Settings ▸ Backups… after a backup, the refusal of another application's database, File ▸ Export…,
Member ▸ Erase member…, and a duplicate offered for a merge (the bar, then the dialog).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_data.py

Writes docs/screenshots/import-{preview,mapping,report}-{light,dark}.png,
backup-settings-{light,dark}.png, refusal-{light,dark}.png, export-{light,dark}.png,
erase-{light,dark}.png, merge-bar-{light,dark}.png and merge-{light,dark}.png.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from screenshots import SCHEMES, demo_shop, settle, shoot  # the same demo, settling and file naming as every screenshot

from loyalty_desk.errors import LoyaltyError
from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.members.export_dialog import ExportDialog
from loyalty_desk.views.members.import_wizard import ImportWizard
from loyalty_desk.views.members.member_data import EraseDialog
from loyalty_desk.views.members.member_detail import MemberDetail
from loyalty_desk.views.shell.backups_ui import BackupDialog
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme

SHEET = ("Client No;First name;Surname;E-Mail;Mobile;Balance;Lifetime;Level;Member since;Remarks\n"
         "C-1001;Amélie;Durand;amelie@example.com;(415) 555-0101;1200;5400;Gold;2024-03-02;prefers email\n"
         "C-1002;Bruno;Costa;bruno@example.com;(415) 555-0102;80;80;;2025-11-20;\n"
         "C-1003;Chloé;Martin;;(415) 555-0103;12x;300;Silver;2025-01-15;\n"
         "C-1004;Dmitri;Kim;dmitri@example;(415) 555-0104;450;900;Bronze;2025-06-01;\n"
         "C-1005;Eva;Nowak;eva@example.com;;0;0;Platinum;2026-02-30;wrong date\n")


def refusal_of_another_apps_file(folder: Path) -> str:
    """The service's own words for another application's SQLite file (what the desktop shows)."""
    other = folder / "places.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    try:
        LoyaltyService(f"sqlite:///{other}").close()
    except LoyaltyError as error:
        return str(error)
    raise AssertionError("another application's file was opened")


def main() -> None:
    app, svc, shop = demo_shop(200, 3)
    twin = enrolled_twice(svc, shop)
    path = Path(tempfile.mkdtemp()) / "old-system-export.csv"
    path.write_text(SHEET, encoding="utf-8")
    for scheme in SCHEMES:
        apply_scheme(app, scheme)
        wizard = ImportWizard(ShopSession(svc, shop))
        wizard.show()
        wizard.file_page.path.setText(str(path))
        wizard.file_page.program.setCurrentIndex(wizard.file_page.program.findText("Maple VIP Club"))
        wizard.next()
        shoot(app, wizard, "import-preview", scheme)
        wizard.next()
        shoot(app, wizard, "import-mapping", scheme)
        wizard.next()
        while wizard.dry_run_page.report is None:
            app.processEvents()
        settle(app)
        shoot(app, wizard, "import-report", scheme)
        wizard.close()
        store = QSettings(str(path.parent / "settings.ini"), QSettings.Format.IniFormat)
        dialog = BackupDialog(ShopSession(svc, shop), store)
        dialog.folder.setText(str(path.parent / "usb-stick"))
        (path.parent / "usb-stick").mkdir(exist_ok=True)
        dialog.show()
        dialog.back_up_now()
        while not dialog.now_button.isEnabled():
            app.processEvents()
        shoot(app, dialog, "backup-settings", scheme)
        dialog.close()
        refusal = QMessageBox(QMessageBox.Icon.Warning, "Loyalty Desk",
                              refusal_of_another_apps_file(path.parent))
        refusal.show()
        shoot(app, refusal, "refusal", scheme)
        refusal.close()
        member_screens(app, svc, shop, scheme, twin)
    svc.close()


def enrolled_twice(svc: LoyaltyService, shop: str) -> tuple[int, int]:
    """A member, and the same person enrolled again at another visit (same name, another email)."""
    program = next(p for p in svc.get_loyalty_programs(shop) if p.program_name == "Maple VIP Club")
    first = svc.enroll_loyalty_member(shop, program.id, {"customer_name": "Juliette Moreau",
                                                         "phone": "(415) 555-0177"})
    svc.record_purchase(shop, program.id, first.id, "64.00", "SHOT-1")
    second = svc.enroll_loyalty_member(shop, program.id, {"customer_name": "Juliette Moreau",
                                                          "email": "juliette@example.com"})
    svc.record_purchase(shop, program.id, second.id, "18.50", "SHOT-2")
    return first.id, second.id


def member_screens(app: QApplication, svc: LoyaltyService, shop: str, scheme: str, twin: tuple[int, int]) -> None:
    session = ShopSession(svc, shop)
    export = ExportDialog(session, next(p.id for p in session.programs() if p.program_name == "Maple VIP Club"))
    export.show()
    shoot(app, export, "export", scheme)
    export.close()
    erase = EraseDialog(session, svc.get_loyalty_member(shop, twin[0]))
    erase.show()
    shoot(app, erase, "erase", scheme)
    erase.close()
    detail = MemberDetail(session)
    detail.resize(900, 520)
    detail.show()
    detail.show_member(twin[0])
    shoot(app, detail, "merge-bar", scheme)
    merge = detail.offer_merge()
    shoot(app, merge, "merge", scheme)
    merge.close()
    detail.close()


if __name__ == "__main__":
    main()
