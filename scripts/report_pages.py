"""Time the period report and the Analytics tab's chart exports on a database, check them, and
render the report's pages to PNG (the README's report page).

    python3 scripts/report_pages.py sqlite:////tmp/copy-of-demo-100000.db OUT_STEM [DAYS ...]

Open a COPY of a demo database: the app migrates the file it opens.

For each period (default 30, 182 and 365 days, ending yesterday) it prints how long reading
the figures, drawing the charts and writing the PDF took, twice (cold, then warm), and it
writes OUT_STEM-DAYS.pdf with one PNG per page of the last period.

Then, for each period, it opens the Analytics tab itself and exports every chart as PNG, SVG
and CSV through the tab's own export (OUT_STEM-charts/DAYS/), timing each, and checks what
issue 11 asks of them: at most 13 buckets for 12 months (by month beyond 6 months), and no
negative value in any CSV. A failed check ends the run with exit status 1. The load average
is printed first and last (the machine is shared: timings are noisy).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from loyalty_desk.services import LoyaltyService  # noqa: E402
from loyalty_desk.views.analytics.analytics_data import load  # noqa: E402
from loyalty_desk.views.analytics.analytics_tab import AnalyticsTab, ExportPath  # noqa: E402
from loyalty_desk.views.analytics.analytics_report import make_report  # noqa: E402
from loyalty_desk.views.documents.documents import Letterhead  # noqa: E402
from loyalty_desk.views.documents.printing import export_pdf, render_image  # noqa: E402
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402
from loyalty_desk.views.widgets import formatting as fmt  # noqa: E402


MONTHS_MAX_BUCKETS = 13   # 12 months by month: 12 whole months and the part of a thirteenth


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def negative_cells(path: Path) -> list[str]:
    """Every numeric cell below zero in a CSV the app wrote (text cells, such as names, are skipped)."""
    found = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            for cell in row:
                try:
                    if float(cell) < 0:
                        found.append(cell)
                except ValueError:
                    continue
    return found


def chart_exports(app: QApplication, session: ShopSession, periods: list[int], folder: Path) -> list[str]:
    """Every chart of the Analytics tab exported as PNG, SVG and CSV through the tab, per period;
    the failed checks, in words."""
    failures: list[str] = []
    tab = AnalyticsTab(session)
    tab.resize(1400, 1600)
    tab.show()
    for days in periods:
        out = folder / str(days)
        out.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        tab.range.setCurrentIndex(tab.range.findData(days))
        while tab.loading or tab.data is None or (tab.data.last - tab.data.first).days != days - 1:
            app.processEvents()
            time.sleep(0.005)
        loaded = time.perf_counter() - start
        buckets = len(tab.data.buckets)
        print(f"{days:>3} days: the tab's figures in {loaded:.2f} s, {buckets} buckets")
        if days >= 365 and buckets > MONTHS_MAX_BUCKETS:
            failures.append(f"{days} days: {buckets} buckets (at most {MONTHS_MAX_BUCKETS})")
        for kind in ("png", "svg", "csv"):
            times = []
            for name in tab.charts:
                target = out / f"{name}.{kind}"
                ExportPath.ask = classmethod(lambda cls, parent, suggested, k, t=target: str(t))  # type: ignore
                begun = time.perf_counter()
                tab.export(name, kind)
                times.append(time.perf_counter() - begun)
                if not target.exists():
                    failures.append(f"{days} days: {target.name} was not written ({tab.error.text()})")
                elif kind == "csv" and negative_cells(target):
                    failures.append(f"{days} days: {target.name} has negative values {negative_cells(target)[:5]}")
            print(f"    {kind.upper()}: {len(times)} charts, {sum(times):.2f} s in all, slowest {max(times):.2f} s")
    tab.close()
    return failures


def main() -> None:
    url, stem = sys.argv[1], sys.argv[2]
    periods = [int(days) for days in sys.argv[3:]] or [30, 182, 365]
    app = QApplication(sys.argv[:1])
    svc = LoyaltyService(url)
    shop = svc.list_shops()[0].user_id
    session = ShopSession(svc, shop)
    members = svc.get_loyalty_dashboard_data(shop)["totalMembers"]
    print(f"{members:,} members; load average {load_average()} on {os.cpu_count()} CPUs")
    last = svc.clock().date() - dt.timedelta(days=1)
    for days in periods:
        first = last - dt.timedelta(days=days - 1)
        for attempt in ("cold", "warm"):
            start = time.perf_counter()
            data = load(session, first, last, None)
            read = time.perf_counter()
            report = make_report(data, Letterhead.of(session.shop, shop), session.paper_size,
                                 fmt.date_time(svc.clock()))
            drawn = time.perf_counter()
            export_pdf(report, f"{stem}-{days}.pdf")
            done = time.perf_counter()
            print(f"{days:>3} days, {attempt}: read {read - start:.2f} s, charts {drawn - read:.2f} s, "
                  f"PDF {done - drawn:.2f} s, total {done - start:.2f} s ({report.page_count()} pages)")
    for page in range(report.page_count()):
        render_image(report, 110, page).save(f"{stem}-page-{page + 1}.png")
    print("Chart exports through the Analytics tab:")
    failures = chart_exports(app, session, periods, Path(f"{stem}-charts"))
    print(f"load average {load_average()}")
    for failure in failures:
        print(f"FAILED: {failure}")
    print("all checks passed" if not failures else f"{len(failures)} checks failed")
    svc.close()
    app.quit()
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
