"""Registers on one SQLite file take turns for its write lock, first come, first served."""
from __future__ import annotations

import os
import stat
import time

from loyalty_desk.db.turns import FRESH_S, Turns


def test_waiters_go_in_the_order_they_came_and_a_newcomer_queues_behind_them(tmp_path):
    path = tmp_path / "loyalty.db"
    first, second, newcomer = Turns(path), Turns(path), Turns(path)
    assert newcomer.my_turn(None)                  # nobody waits: try at once, no ticket
    a = first.join()
    b = second.join()
    assert first.my_turn(a) and not second.my_turn(b)
    assert not newcomer.my_turn(None)              # someone waits: a writer that just committed queues
    first.leave(a)
    assert second.my_turn(b)
    second.leave(b)
    assert newcomer.my_turn(None) and newcomer.queue() == []
    assert stat.S_IMODE(os.stat(first.folder).st_mode) == 0o700   # beside a private file, private too


def test_a_dead_waiters_ticket_is_passed_over(tmp_path):
    path = tmp_path / "loyalty.db"
    dead, alive = Turns(path), Turns(path)
    gone = dead.join()                             # its process is killed while waiting
    ticket = alive.join()
    assert stat.S_IMODE(os.stat(dead.folder / gone.name).st_mode) == 0o600
    assert not alive.my_turn(ticket)
    old = time.time() - FRESH_S - 1
    os.utime(dead.folder / gone.name, (old, old))
    assert alive.my_turn(ticket)
    assert not (dead.folder / gone.name).exists()


def test_without_a_folder_there_is_no_queue(tmp_path):
    memory = Turns(None)
    assert memory.my_turn(memory.join()) and memory.folder is None
    (tmp_path / "a-file").write_text("")
    nowhere = Turns(tmp_path / "a-file" / "loyalty.db")
    ticket = nowhere.join()   # cannot write beside the database: polling alone, no error
    assert nowhere.my_turn(ticket) and nowhere.folder is None
