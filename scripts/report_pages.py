"""Time the period report on a database, and render its pages to PNG (the README's report page).

    python3 scripts/report_pages.py sqlite:///benchmarks/data/demo-100000.db OUT_STEM [DAYS ...]

For each period (default 30, 182 and 365 days, ending yesterday) it prints how long reading
the figures, drawing the charts and writing the PDF took, twice (cold, then warm), and it
writes OUT_STEM-DAYS.pdf with one PNG per page of the last period.
"""
from __future__ import annotations

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
from loyalty_desk.views.analytics.analytics_report import make_report  # noqa: E402
from loyalty_desk.views.documents.documents import Letterhead  # noqa: E402
from loyalty_desk.views.documents.printing import export_pdf, render_image  # noqa: E402
from loyalty_desk.views.shell.session import ShopSession  # noqa: E402
from loyalty_desk.views.widgets import formatting as fmt  # noqa: E402


def main() -> None:
    url, stem = sys.argv[1], sys.argv[2]
    periods = [int(days) for days in sys.argv[3:]] or [30, 182, 365]
    app = QApplication(sys.argv[:1])
    svc = LoyaltyService(url)
    shop = svc.list_shops()[0].user_id
    session = ShopSession(svc, shop)
    members = svc.get_loyalty_dashboard_data(shop)["totalMembers"]
    print(f"{members:,} members")
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
    svc.close()
    app.quit()


if __name__ == "__main__":
    main()
