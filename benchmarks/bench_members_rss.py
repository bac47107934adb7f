"""Memory with the Members tab open: the app's window on a database, its Members tab shown and
scrolled down page after page (keyset paging, as a person scrolling to the end does), beside a
bare baseline doing the same with the same stack.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_members_rss.py --members /path/demo.db --pages 2500

The app is `loyalty-desk --database-url URL` itself (app.main); the baseline is Qt and raw
`sqlite3` in the same interpreter: a window with a table over a bare model that pages the same
index by keyset (name, id), the same page size, keeping each row as a tuple of its displayed
values. Each runs in a fresh process and prints its resident memory (RSS, /proc) after the first
page and at points while it scrolls, and its peak (getrusage). A database the app opens may get
its daily jobs run on it: point it at a copy whose jobs ran today (bench_daily_job.py --keep).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import database, run_window_child  # noqa: E402

# Both children: scroll() pages down, reporting RSS as it goes; `more()` asks for the next page
# and `busy()` says a page query is still out; `rows()` counts the rows scrolled through.
_DRIVE = """
import json, os, resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

PAGES = int(os.environ["BENCH_PAGES"])

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

def settle(busy):
    app = QApplication.instance()
    while True:
        app.processEvents()
        if not busy():
            break
        time.sleep(0.001)
    for _ in range(3):
        app.processEvents()

def scroll(table, more, busy, rows, done):
    settle(busy)
    points = {"first page": rss_mb()}
    began = time.perf_counter()
    marks = sorted({PAGES // 10, PAGES // 2, PAGES} - {0})
    for page in range(1, PAGES + 1):
        table.scrollToBottom()
        more()
        settle(busy)
        if page in marks:
            points[f"{page} pages ({rows():,} rows)"] = rss_mb()
    print("READY " + json.dumps({"rss": points, "rows": rows(), "seconds": time.perf_counter() - began,
                                 "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
    done()
"""

APP = _DRIVE + """
from PySide6.QtCore import QModelIndex

def drive():
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    tab = window.members_tab
    window.tabs.setCurrentWidget(tab)
    while window.jobs_running:      # the daily jobs the app starts with (a copy whose day is done: quick)
        app.processEvents()
        time.sleep(0.01)
    model = tab.model
    def done():
        window.close()
        app.quit()
    # Rows scrolled through: the model holds a window of them (model.reached: from the first to its end).
    scroll(tab.table, lambda: model.fetchMore(QModelIndex()), lambda: model.loading,
           lambda: getattr(model, "reached", model.rowCount()), done)

app = QApplication(sys.argv[:1])
QTimer.singleShot(0, drive)
from loyalty_desk.app import main
sys.exit(main(["--database-url", sys.argv[1]]))
"""

RAW = _DRIVE + """
import sqlite3
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QMainWindow, QTableView

SQL = ("SELECT customer_name, card_number, current_points, lifetime_points, total_spent, membership_status, "
       "last_activity_date, name_key, id FROM loyalty_members WHERE user_id = ? {after} "
       "ORDER BY name_key, id LIMIT 200")

class Model(QAbstractTableModel):
    def __init__(self, conn, user):
        super().__init__()
        self.conn, self.user, self.rows, self.after = conn, user, [], None
        self.fetch()
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 7
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()])
        return None
    def fetch(self):
        if self.after is None and self.rows:
            return
        if self.after is None:
            page = self.conn.execute(SQL.format(after=""), (self.user,)).fetchall()
        else:
            page = self.conn.execute(SQL.format(after="AND (name_key, id) > (?, ?)"),
                                     (self.user, *self.after)).fetchall()
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(row[:7] + (row[8],) for row in page)
            self.endInsertRows()
        self.after = (page[-1][7], page[-1][8]) if len(page) == 200 else None

app = QApplication(sys.argv[:1])
conn = sqlite3.connect(sys.argv[1].removeprefix("sqlite:///"))
user = conn.execute("SELECT user_id FROM loyalty_shops ORDER BY user_id LIMIT 1").fetchone()[0]
model = Model(conn, user)
window = QMainWindow()
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, lambda: scroll(table, model.fetch, lambda: False, model.rowCount, app.quit))
sys.exit(app.exec())
"""


def launch(code: str, url: str, home: Path, pages: int) -> dict[str, object]:
    return run_window_child(code, url, home, timeout=3600, BENCH_PAGES=str(pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", default="100000", help="a member count (the cached demo) or a database path")
    parser.add_argument("--pages", type=int, default=500, help="pages of 200 members to scroll through")
    args = parser.parse_args()
    url = database(int(args.members)) if args.members.isdigit() else f"sqlite:///{Path(args.members).resolve()}"
    print(f"{url}: {args.pages} pages; load {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, code in (("baseline: Qt + raw sqlite3, bare model", RAW), ("loyalty-desk, Members tab", APP)):
            began = time.perf_counter()
            result = launch(code, url, Path(folder), args.pages)
            points = ", ".join(f"{k} {v:.0f} MB" for k, v in result["rss"].items())  # type: ignore[union-attr]
            print(f"{name:<40} peak RSS {result['peak_mb']:5.0f} MB; RSS: {points}; "
                  f"{result['rows']:,} rows scrolled in {result['seconds']:.1f} s "
                  f"(process {time.perf_counter() - began:.1f} s); load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
