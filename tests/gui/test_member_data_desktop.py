"""A member's data at the desktop: Member ▸ Export member data… (JSON, owner-only file), Member ▸
Erase member… (a reason, then the counter shows nobody), and Merge… offered for a duplicate."""
from __future__ import annotations

import json
import stat

from PySide6.QtCore import Qt

from loyalty_desk.dataio import export
from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.documents.printing import SavePath
from loyalty_desk.views.members.member_detail import MemberDetail

from ..support import SHOP, enroll, make_program, shown


def test_export_data_then_erase_from_the_counter(qtbot, session, gui_svc, tmp_path, monkeypatch):
    program = make_program(gui_svc)
    ada = enroll(gui_svc, program.id, "Ada Lovelace", phone="(415) 555-2671")
    gui_svc.record_purchase(SHOP, program.id, ada.id, "12.50", "ORD-1")
    counter = shown(qtbot, CounterBar(session), (1100, 500))
    counter.open_member(ada.id)
    qtbot.waitUntil(lambda: counter.member is not None)
    counter.export_data()
    assert counter.result_label.text() == "Exports are not part of this installation"
    session.exports = export                                        # as app.py hands them in
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: str(tmp_path / "ada.json")))
    counter.export_data()
    data = json.loads((tmp_path / "ada.json").read_text(encoding="utf-8"))
    assert data["profile"]["customer_name"] == "Ada Lovelace" and len(data["ledger"]) >= 1
    assert stat.S_IMODE((tmp_path / "ada.json").stat().st_mode) == 0o600
    assert "Saved Ada Lovelace's data" in counter.result_label.text()

    dialog = counter.erase()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)               # no reason: said next to the field
    assert dialog.errors.message("reason") == "Give the reason for the erasure"
    dialog.reason.setText("The customer asked on 3 December")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert counter.member is None and counter.result_label.text().startswith("Erased")
    assert gui_svc.find_members(SHOP, "(415) 555-2671") == [] and gui_svc.find_members(SHOP, "Ada") == []
    assert gui_svc.check_ledger(SHOP) == []


def test_the_same_person_enrolled_twice_is_offered_a_merge(qtbot, session, gui_svc):
    program = make_program(gui_svc)
    first = enroll(gui_svc, program.id, "Grace Hopper", phone="(415) 555-0101")
    gui_svc.record_purchase(SHOP, program.id, first.id, "40.00", "ORD-1")
    second = enroll(gui_svc, program.id, "Grace Hopper", email="grace@example.com")   # at another visit
    gui_svc.record_purchase(SHOP, program.id, second.id, "10.00", "ORD-2")
    enroll(gui_svc, program.id, "Grace Kelly")                                       # another person
    total = sum(gui_svc.get_loyalty_member(SHOP, m.id).current_points for m in (first, second))
    detail = shown(qtbot, MemberDetail(session), (900, 500))
    detail.show_member(first.id)
    assert detail.duplicate_bar.isVisible() and "has the same name" in detail.duplicate.text()
    assert [(m.id, shared) for m, shared in detail.duplicates] == [(second.id, "name")]   # not Grace Kelly
    dialog = detail.offer_merge()
    assert [m.id for m in dialog.keep_and_merge] == [first.id, second.id]   # the selected one is kept
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    kept = gui_svc.get_loyalty_member(SHOP, first.id)
    assert kept.current_points == total
    assert gui_svc.get_loyalty_member(SHOP, second.id).merged_into_id == first.id
    assert not detail.duplicate_bar.isVisible()                       # merged: nothing left to offer
    assert gui_svc.check_ledger(SHOP) == []


def test_file_export_writes_the_programs_members_as_the_import_reads_them(qtbot, session, gui_svc, tmp_path):
    from loyalty_desk.views.members.export_dialog import ExportDialog

    program, other = make_program(gui_svc), make_program(gui_svc, program_name="Other")
    for name in ("Ada Lovelace", "Grace Hopper"):
        enroll(gui_svc, program.id, name)
    enroll(gui_svc, other.id, "Alan Turing")
    session.exports = export
    dialog = ExportDialog(session, program.id)
    qtbot.addWidget(dialog)
    assert dialog.program.currentData() == program.id               # the Members tab's program
    dialog.write("members", program.id, str(tmp_path / "members.csv"))
    qtbot.waitUntil(lambda: dialog.saved_rows is not None, timeout=10000)
    lines = (tmp_path / "members.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("customer_id,name,email,phone") and len(lines) == 3
    assert "Alan Turing" not in "\n".join(lines)
    assert stat.S_IMODE((tmp_path / "members.csv").stat().st_mode) == 0o600
    dialog.write("members", program.id, str(tmp_path / "no-such-folder" / "x.csv"))
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10000)
    assert dialog.error.text().startswith("Nothing was exported")
