"""File ▸ Import members…: the wizard reads the file as the import does, maps its columns, shows the
dry run's report, imports with progress, and a Cancel leaves nothing half-imported."""
from __future__ import annotations

from PySide6.QtWidgets import QWizard

from loyalty_desk.views.members.import_wizard import ImportWizard

from ..support import SHOP, make_program

GOOD = ("Client Ref;Full name;E-Mail;Balance;Remarks\n"
        "C-1;Ada Lovelace;ada@example.com;120;likes tea\n"
        "C-2;Grace Hopper;grace@example.com;80;\n").encode("cp1252")


def open_wizard(qtbot, session, path) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    return wizard


def test_preview_mapping_dry_run_and_import(qtbot, session, gui_svc, tmp_path):
    program = make_program(gui_svc)
    path = tmp_path / "members.csv"
    path.write_bytes(GOOD)
    wizard = open_wizard(qtbot, session, path)
    wizard.file_page.program.setCurrentIndex(wizard.file_page.program.findData(program.id))
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    assert "2 rows, read as UTF-8, separated by semicolons" in wizard.preview_page.subTitle()
    grid = wizard.preview_page.grid
    assert (grid.rowCount(), grid.item(0, 1).text()) == (2, "Ada Lovelace")
    wizard.next()
    boxes = wizard.mapping_page.boxes
    assert {h: b.currentData() for h, b in boxes.items()} == {
        "Client Ref": None, "Full name": "customer_name", "E-Mail": "email", "Balance": "points",
        "Remarks": "notes"}
    boxes["Client Ref"].setCurrentIndex(boxes["Client Ref"].findData("customer_id"))   # the owner maps it
    wizard.next()
    page = wizard.dry_run_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    assert page.summary.text().startswith("2 to add, 0 to update, 0 unchanged, 0 refused")
    assert gui_svc.count_members(SHOP) == 0                       # a dry run writes nothing
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.report is not None, timeout=20000)
    assert wizard.import_page.stage.text().startswith("2 added")
    members = {m.customer_name: m for m in gui_svc.get_loyalty_members(SHOP, program.id)}
    assert members["Ada Lovelace"].current_points == 120 and members["Ada Lovelace"].customer_id == "C-1"
    assert gui_svc.check_ledger(SHOP) == []


def test_refused_rows_are_listed_and_block_the_import_unless_skipped(qtbot, session, gui_svc, tmp_path):
    make_program(gui_svc)
    path = tmp_path / "bad.csv"
    path.write_text("name,points\nAda Lovelace,12x\nGrace Hopper,40\n", encoding="utf-8")
    wizard = open_wizard(qtbot, session, path)
    wizard.next()
    wizard.next()
    wizard.next()
    page = wizard.dry_run_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    assert page.refusals.rowCount() == 1 and page.refusals.item(0, 0).text() == "2"
    assert not page.isComplete()                                   # all or nothing: fix the file first
    page.skip.setChecked(True)
    qtbot.waitUntil(page.isComplete)


def test_a_file_that_is_not_a_members_file_is_refused_on_the_first_page(qtbot, session, gui_svc, tmp_path):
    make_program(gui_svc)
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    wizard = open_wizard(qtbot, session, path)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "NUL bytes" in wizard.file_page.error.text()
    wizard.file_page.path.setText(str(tmp_path / "missing.csv"))
    wizard.next()
    assert "No such file" in wizard.file_page.error.text()


def test_cancel_leaves_nothing_imported(qtbot, session, gui_svc, tmp_path):
    program = make_program(gui_svc)
    path = tmp_path / "many.csv"
    path.write_text("name,email\n" + "".join(f"Member {i},m{i}@example.com\n" for i in range(20000)), encoding="utf-8")
    wizard = open_wizard(qtbot, session, path)
    wizard.file_page.program.setCurrentIndex(wizard.file_page.program.findData(program.id))
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.dry_run_page.report is not None, timeout=20000)
    wizard.next()
    wizard.import_page.cancel.click()                              # long before the first 1,000 rows are in
    qtbot.waitUntil(lambda: not wizard.import_page.running, timeout=20000)
    assert wizard.import_page.stage.text() == "Cancelled: nothing was imported."
    assert gui_svc.count_members(SHOP) == 0
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
