"""The write-ahead log is folded into the database file by the database's own thread, never by a
register's commit (db/checkpoints.py): beside the daily job, a sale once waited 640 ms while its
commit copied the job's pages into the file."""
from __future__ import annotations

import shutil
import sqlite3
import threading
import time

from loyalty_desk.services import LoyaltyService

from .support import SHOP, FakeClock, enroll, make_program


def wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)


def balance_in_the_file_alone(path, tmp_path, member_id: int) -> int:
    """The member's balance as the database file holds it, without its log."""
    alone = tmp_path / "alone.db"
    shutil.copyfile(path, alone)
    with sqlite3.connect(alone) as conn:
        return conn.execute("SELECT current_points FROM loyalty_members WHERE id = ?", (member_id,)).fetchone()[0]


def test_no_commit_folds_the_log_the_thread_does(tmp_path):
    path = tmp_path / "shop.db"
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()) as svc:
        with svc.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        program = make_program(svc)
        member = enroll(svc, program.id, "Ada Lovelace")
        assert svc.db.checkpoints is not None
        wait_for(lambda: svc.db.checkpoints.folded >= 1)
        folded = svc.db.checkpoints.folded
        svc.record_purchase(SHOP, program.id, member.id, "25.00", "BON-1")
        # A moment later the sale is in the file itself, not only in its log.
        wait_for(lambda: svc.db.checkpoints.folded > folded)
        assert balance_in_the_file_alone(path, tmp_path, member.id) == 25
        assert path.with_name("shop.db-wal").exists()          # the log stays while the shop is open
    assert not path.with_name("shop.db-wal").exists()          # and goes with the last connection


def test_a_read_only_shop_has_no_checkpoint_thread(tmp_path):
    path = tmp_path / "shop.db"
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()) as svc:
        make_program(svc)
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock(), read_only=True) as svc:
        assert svc.db.checkpoints is None
        assert svc.get_loyalty_programs(SHOP)


def restarts_of_the_log(path) -> int:
    """A count of the times SQLite started the log again from its beginning: the first salt in the
    log's header (bytes 16-19), which each restart adds one to."""
    with open(path.with_name(path.name + "-wal"), "rb") as log:
        return int.from_bytes(log.read(20)[16:20], "big")


def test_the_log_starts_again_while_a_register_never_stops_writing(tmp_path):
    # SQLite starts the log again only when a writer finds every logged page folded. A fold that
    # a busy writer commits beside never gets there, and the log grew for as long as the writes
    # went on (1 GB beside the daily job). Folding under the write lock, every fold gets there.
    path = tmp_path / "shop.db"
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()) as svc:
        program = make_program(svc)
        member = enroll(svc, program.id, "Ada Lovelace")
        stop = threading.Event()
        sales = [0]

        def register() -> None:
            while not stop.is_set():
                sales[0] += 1
                svc.record_purchase(SHOP, program.id, member.id, "3.00", f"BON-{sales[0]}")

        writing = threading.Thread(target=register)
        writing.start()
        try:
            wait_for(lambda: sales[0] > 20 and svc.db.checkpoints.folded >= 1)
            folded, restarts = svc.db.checkpoints.folded, restarts_of_the_log(path)
            wait_for(lambda: svc.db.checkpoints.folded >= folded + 10)
            # Each fold ends with the log folded to its end, and the register's next sale starts
            # it again (the last fold's restart may still be to come).
            assert restarts_of_the_log(path) - restarts >= 9
        finally:
            stop.set()
            writing.join()
        assert svc.get_loyalty_member(SHOP, member.id).current_points == 3 * sales[0]
