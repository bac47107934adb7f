"""Render the data screens, light and dark: the import wizard's preview, mapping and dry-run report.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_data.py

Writes docs/screenshots/import-{preview,mapping,report}-{light,dark}.png.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from screenshots import demo_shop, settle, shoot  # the same demo, settling and file naming as every screenshot

from loyalty_desk.views.members.import_wizard import ImportWizard
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme

SHEET = ("Client No;First name;Surname;E-Mail;Mobile;Balance;Lifetime;Level;Member since;Remarks\n"
         "C-1001;Amélie;Durand;amelie@example.com;(415) 555-0101;1200;5400;Gold;2024-03-02;prefers email\n"
         "C-1002;Bruno;Costa;bruno@example.com;(415) 555-0102;80;80;;2025-11-20;\n"
         "C-1003;Chloé;Martin;;(415) 555-0103;12x;300;Silver;2025-01-15;\n"
         "C-1004;Dmitri;Kim;dmitri@example;(415) 555-0104;450;900;Bronze;2025-06-01;\n"
         "C-1005;Eva;Nowak;eva@example.com;;0;0;Platinum;2026-02-30;wrong date\n")


def main() -> None:
    app, svc, shop = demo_shop(200, 3)
    path = Path(tempfile.mkdtemp()) / "old-system-export.csv"
    path.write_text(SHEET, encoding="utf-8")
    for scheme in ("light", "dark"):
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
    svc.close()


if __name__ == "__main__":
    main()
