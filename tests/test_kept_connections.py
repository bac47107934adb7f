"""Each thread keeps its read connection between reads (db/kept_connections.py): short-lived
threads never starve the pool, and closing the database closes every connection kept."""
from __future__ import annotations

import threading

from loyalty_desk.services import LoyaltyService

from .support import SHOP, FakeClock, enroll, make_program


def read_in_threads(svc: LoyaltyService, member_id: int, threads: int, *, together: bool) -> list[str]:
    names: list[str] = []

    def read() -> None:
        names.append(svc.get_loyalty_member(SHOP, member_id).customer_name)

    started = [threading.Thread(target=read) for _ in range(threads)]
    for thread in started:
        thread.start()
        if not together:
            thread.join()
    for thread in started:
        thread.join()
    return names


def test_many_short_lived_reading_threads_leave_the_pool_free_for_writes(tmp_path):
    # SQLAlchemy's pool holds 15 connections at most: 40 threads that each kept theirs for good
    # would leave the write below waiting for one until the pool gives up.
    clock = FakeClock()
    with LoyaltyService(f"sqlite:///{tmp_path / 'shop.db'}", clock=clock) as svc:
        program = make_program(svc)
        member = enroll(svc, program.id, "Ada Lovelace")
        assert read_in_threads(svc, member.id, 40, together=False) == ["Ada Lovelace"] * 40
        assert read_in_threads(svc, member.id, 20, together=True) == ["Ada Lovelace"] * 20
        svc.record_purchase(SHOP, program.id, member.id, "10.00", "BON-1")
        assert svc.get_loyalty_member(SHOP, member.id).current_points == 10


def test_closing_the_database_closes_the_connections_threads_kept(tmp_path):
    # SQLite removes a file's write-ahead log when its last connection closes: a connection kept
    # open by a reading thread would leave it behind.
    path = tmp_path / "shop.db"
    read_done, keep_reading = threading.Event(), threading.Event()

    def read_then_wait(svc: LoyaltyService, member_id: int) -> None:
        svc.get_loyalty_member(SHOP, member_id)
        read_done.set()
        keep_reading.wait()

    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()) as svc:
        program = make_program(svc)
        member = enroll(svc, program.id, "Ada Lovelace")
        reader = threading.Thread(target=read_then_wait, args=(svc, member.id))
        reader.start()
        assert read_done.wait(30)
        assert path.with_name("shop.db-wal").exists()
    try:
        assert not path.with_name("shop.db-wal").exists()
    finally:
        keep_reading.set()
        reader.join()


def test_a_read_that_ends_after_the_database_closed_closes_its_connection(tmp_path):
    # The counter's worker may still be reading when the window closes the database.
    path = tmp_path / "shop.db"
    svc = LoyaltyService(f"sqlite:///{path}", clock=FakeClock())
    program = make_program(svc)
    member = enroll(svc, program.id, "Ada Lovelace")
    in_read, closed = threading.Event(), threading.Event()

    def slow_read() -> None:
        # Begin a read, let the database close under it, then finish.
        conn = svc.db.reads.take()
        conn.exec_driver_sql("SELECT count(*) FROM loyalty_members").scalar()
        in_read.set()
        closed.wait(30)
        svc.db.reads.give_back(conn, reusable=True)

    reader = threading.Thread(target=slow_read)
    reader.start()
    assert in_read.wait(30)
    svc.close()
    assert path.with_name("shop.db-wal").exists()     # the reading thread still holds its connection
    closed.set()
    reader.join()
    assert not path.with_name("shop.db-wal").exists()
