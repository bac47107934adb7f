"""Registers on one SQLite file take turns: a waiting register is seen by the others."""
from __future__ import annotations

import os
import stat
import time

from loyalty_desk.db.turns import FRESH_S, Turns


def test_a_waiting_register_is_seen_by_another_process_of_the_same_file(tmp_path):
    path = tmp_path / "loyalty.db"
    waiter, writer = Turns(path), Turns(path)
    assert not writer.someone_waiting()  # nobody has waited yet: nobody pauses
    waiter.waiting()
    assert writer.someone_waiting()
    assert stat.S_IMODE(os.stat(waiter.marker).st_mode) == 0o600  # beside a private file, private too
    old = time.time() - FRESH_S - 1
    os.utime(waiter.marker, (old, old))  # the waiter got its turn long ago
    assert not writer.someone_waiting()


def test_without_a_file_there_is_no_marker(tmp_path):
    memory = Turns(None)
    memory.waiting()
    assert not memory.someone_waiting() and memory.marker is None
    nowhere = Turns(tmp_path / "missing-folder" / "loyalty.db")
    nowhere.waiting()  # cannot write beside the file: polling alone, no error
    assert not nowhere.someone_waiting() and nowhere.marker is None
