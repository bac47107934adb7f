"""Start-up: from launching the process to the main window on screen, and its memory.

Each run is a fresh process (a warm start: the file is in the page cache after the first run).
The app is `loyalty-desk --database-url URL` itself (app.main, as the command runs it); the
baseline, started alternately in the same run, is the physical limit of the same stack: the
same interpreter importing Qt, opening the same file with raw `sqlite3`, and showing a bare
window with a table of the first members by name (the index the Members tab reads). Both report
once their window has been shown and painted. The app's daily jobs and integrity check run in
workers after that point, as they do for a person.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_startup.py --members 100000 --repeat 5
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import database, run_window_child  # noqa: E402

# Printed by either child once its window is up: seconds since the parent spawned it, peak RSS.
_REPORT = """
import json, os, resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def report():
    app = QApplication.instance()
    shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]
    for _ in range(5):
        app.processEvents()
    print("READY " + json.dumps({"s": time.time() - float(os.environ["SPAWNED_AT"]),
                                 "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                                 "windows": [w.objectName() or type(w).__name__ for w in shown]}), flush=True)
    for window in shown:
        window.close()   # as a person quits: the app's close waits for its workers (the daily jobs)
    app.quit()
"""

# The app's own order: the command opens the database (importing the services) before the desktop
# imports Qt; the report is set up where the desktop starts (_start_desktop), so Qt's import hook
# (PySide's __feature__ check, which reads the source of every module imported after it) sees the
# same modules as in `loyalty-desk`, not every module of the app.
APP = _REPORT.replace("from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication\n", "") + """
from loyalty_desk import app as entry
start_desktop = entry._start_desktop

def started(*args):
    global QApplication, qt_app
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    qt_app = QApplication(sys.argv[:1])
    QTimer.singleShot(0, report)   # runs once the event loop starts: after the window is shown
    return start_desktop(*args)

entry._start_desktop = started
sys.exit(entry.main(["--database-url", sys.argv[1]]))
"""

RAW = _REPORT + """
import sqlite3
from PySide6.QtWidgets import QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
path = sys.argv[1].removeprefix("sqlite:///")
conn = sqlite3.connect(path)
rows = conn.execute("SELECT customer_name, card_number, current_points FROM loyalty_members "
                    "ORDER BY customer_name LIMIT 100").fetchall()
window = QMainWindow()
table = QTableWidget(len(rows), 3)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(str(value)))
window.setCentralWidget(table)
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, report)
sys.exit(app.exec())
"""


def launch(code: str, url: str, home: Path) -> dict[str, object]:
    return run_window_child(code, url, home, timeout=600, SPAWNED_AT=repr(time.time()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", default="100000", help="a member count (the cached demo) or a database path")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = database(int(args.members)) if args.members.isdigit() else f"sqlite:///{Path(args.members).resolve()}"
    app_runs, raw_runs = [], []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        launch(RAW, url, home)                       # warm the page cache and Python's bytecode
        launch(APP, url, home)
        for i in range(args.repeat):
            for code, runs in ((APP, app_runs), (RAW, raw_runs))[:: 1 if i % 2 == 0 else -1]:
                runs.append(launch(code, url, home))
    def line(name: str, runs: list[dict[str, object]]) -> str:
        seconds = [float(r["s"]) for r in runs]  # type: ignore[arg-type]
        rss = max(float(r["rss_mb"]) for r in runs)  # type: ignore[arg-type]
        return (f"{name:<44} p50 {statistics.median(seconds):6.2f} s   worst {max(seconds):6.2f} s   "
                f"peak RSS {rss:6.0f} MB")
    print(f"{url}  ({args.repeat} runs each, alternating; load average {os.getloadavg()[0]:.1f})")
    print(line("loyalty-desk to its window", app_runs), app_runs[-1]["windows"])
    print(line("baseline: Qt + raw sqlite3, bare window", raw_runs))
    ratio = statistics.median(float(r["s"]) for r in app_runs) / statistics.median(float(r["s"]) for r in raw_runs)  # type: ignore[arg-type]
    print(f"ratio {ratio:.1f}x")


if __name__ == "__main__":
    main()
