"""The period report (File ▸ Export report…): a real PDF on the shop's paper, read back with pypdf."""
from __future__ import annotations

from pypdf import PdfReader

from loyalty_desk.views.analytics.analytics_tab import ExportPath
from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.widgets import formatting as fmt

from ..support import SHOP
from .test_analytics_tab import make_tab


def words(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.extract_text().split())


def test_the_report_holds_the_figures_charts_and_every_top_member(session, qtbot, history, gui_svc, tmp_path,
                                                                   monkeypatch):
    gui_svc.save_shop(SHOP, {"address": "1 Market Street\nSpringfield", "paper_size": "Letter"})
    session.notify(Changes(shop=True))
    tab = make_tab(session, qtbot)
    asked = []
    monkeypatch.setattr(ExportPath, "ask", classmethod(
        lambda cls, parent, suggested, kind: asked.append((suggested, kind)) or str(tmp_path / "report.pdf")))
    tab.export_report()
    qtbot.waitUntil(lambda: tab.report_path is not None, timeout=20000)
    first, last = tab.period()
    assert asked == [(f"loyalty-report-{first.isoformat()}-{last.isoformat()}.pdf", "pdf")]
    reader = PdfReader(tmp_path / "report.pdf")
    assert len(reader.pages) == 4                                         # figures, two of charts, members
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]   # US Letter, in points
    summary = words(reader.pages[0])
    figures = gui_svc.get_period_figures(SHOP, first, last)
    assert f"{fmt.date(first)} – {fmt.date(last)}" in summary and "1 Market Street" in summary
    assert f"Points issued {figures.current.points_issued:,}" in summary
    assert "Points liability and breakage" in summary and "Points by month" in summary
    assert "pts" not in summary
    top = gui_svc.get_loyalty_dashboard_data(SHOP)["topMembers"]
    members = words(reader.pages[3])
    assert len(top) == 10 and all(m["name"] in members for m in top)   # every row, none cut off
    assert "Page 4 of 4" in members
    assert tab.updated.text() == "saved report.pdf"                      # the name, not the folders
    assert tab.updated.toolTip() == str(tmp_path / "report.pdf")


def test_a_report_that_cannot_be_written_says_so(session, qtbot, history, tmp_path, monkeypatch):
    tab = make_tab(session, qtbot)
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, *a: str(tmp_path / "gone" / "report.pdf")))
    tab.export_report()
    qtbot.waitUntil(lambda: tab.error.isVisible(), timeout=20000)
    assert tab.error.text().startswith("The report could not be made")
    assert tab.report_path is None and not (tmp_path / "gone").exists()


def test_the_file_menu_exports_the_report(qtbot, session, history, tmp_path, monkeypatch):
    from loyalty_desk.views.shell.main_window import MainWindow

    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    action = window.findChild(type(window.menuBar().actions()[0]), "exportReportAction")
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, *a: str(tmp_path / "menu.pdf")))
    action.trigger()
    qtbot.waitUntil(lambda: window.analytics_tab.report_path is not None, timeout=20000)
    assert len(PdfReader(tmp_path / "menu.pdf").pages) == 4
