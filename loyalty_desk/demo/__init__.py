"""Demo data: a realistic shop with a year of history (`loyalty-desk demo-data`).

The shop, its programs, tiers and rewards are set up through LoyaltyService,
as an owner would. Members and their history are far too many for one service
call per event (100,000 members make millions of ledger rows, and each call is
a transaction with its own fsync), so they take a bulk path that obeys the same
rules:

1. Plan every member first (enrollment time, contact details, referrer), so
   that the one event that crosses members, a referral award, is known before
   the referrer's year is replayed.
2. Replay each member's year in memory, in time order. Each step writes the
   rows that the service operation of the same name writes, and computes
   points with the service's own rule functions (earning, tiers, ledger,
   pending, jobs, codes, contacts).
3. Insert the rows with SQLAlchemy Core executemany, one transaction per chunk
   of members. Primary keys are allocated here, so links (lots, consumptions,
   refunds) need no round trip.
4. Write what the service keeps beside the ledger: reward stock, the
   dashboard's running totals and expiry calendar, the last daily job run, and
   the daily analytics snapshots (by the daily job's own code).

`check_ledger()` on the result checks balances, lots, redemptions, tiers and
the running totals against the ledger rows, and the differential test
(tests/test_demo_differential.py) runs one scripted year through the service
and through this replay and compares every row.

The daily job is taken to have run just after every local midnight, as
`run_daily_jobs(user_id, as_of=day)` does for a past day. Card numbers and
reward codes come from the `secrets`-based generators of `codes`, so they
differ between runs; everything else follows the seed.

The package is an adapter above the services (tests/test_layers.py): the
engine never imports it. Modules: `catalog` (the shop, set up through the
service), `world` (what all members share), `people` (planning), `book` (one
member's ledger bookkeeping), `redeeming` and `life` (the events of a year),
`bulk` (writing rows and totals), `build` (the entry points).
"""
from __future__ import annotations

from .build import build_demo, replay_script
from .catalog import PROGRAMS, SHOP, USER_ID, ProgramSpec, RewardSpec, build_catalog
from .people import ScriptedMember

__all__ = ["PROGRAMS", "SHOP", "USER_ID", "ProgramSpec", "RewardSpec", "ScriptedMember", "build_catalog", "build_demo",
           "replay_script"]
