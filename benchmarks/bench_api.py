"""Purchases per second through the HTTP API with 1, 4 and 16 clients, beside `record_purchase`
called in process, on the same database in the same run (README, "HTTP API").

The server is the real one (`loyalty-desk serve`, uvicorn) in a subprocess; each client is a
thread with its own keep-alive connection posting `POST /api/loyalty/purchases` with a new order
reference each time. Rounds alternate the in-process run and the API runs, so a load spike on
this shared machine hits every side alike; the table gives each side's median over the rounds
and its ratio to the in-process rate.

    python benchmarks/bench_api.py --purchases 200 --rounds 3
    python benchmarks/bench_api.py --database-url postgresql+psycopg://...   # an empty database
"""
from __future__ import annotations

import argparse
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loyalty_desk.services import LoyaltyService  # noqa: E402

SHOP = "bench-api"
CLIENTS = (1, 4, 16)
MEMBERS = 64
_refs = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "loyalty_desk", "serve", "--port", str(port),
                                "--database-url", url], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/api/loyalty/health", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def _rate(count: int, run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return count / (time.perf_counter() - start)


def _in_process(svc: LoyaltyService, program_id: int, members: list[int], count: int) -> float:
    def run() -> None:
        for n in range(count):
            svc.record_purchase(SHOP, program_id, members[n % len(members)], "12.50", f"IP-{next(_refs)}")
    return _rate(count, run)


def _through_api(base: str, key: str, members: list[int], count: int, clients: int) -> float:
    share = [count // clients + (1 if n < count % clients else 0) for n in range(clients)]
    sessions = [httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=120)
                for _ in range(clients)]
    for session in sessions:            # connect first: the rate is of purchases, not of handshakes
        session.get("/api/loyalty/health")
    barrier = threading.Barrier(clients + 1)
    failures: list[str] = []

    def client(n: int) -> None:
        barrier.wait()
        for i in range(share[n]):
            answer = sessions[n].post("/api/loyalty/purchases", json={
                "member_id": members[(n * 7 + i) % len(members)], "amount": "12.50",
                "order_ref": f"API-{next(_refs)}"})
            if answer.status_code != 201:
                failures.append(answer.text)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    rate = count / (time.perf_counter() - start)
    for session in sessions:
        session.close()
    if failures:
        raise SystemExit(f"{len(failures)} purchases refused, e.g. {failures[0]}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--purchases", type=int, default=200, help="purchases per side and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench-api.db"
        with LoyaltyService(url) as svc:
            svc.save_shop(SHOP, {"shop_name": "API bench"})
            program = svc.create_loyalty_program(SHOP, {"program_name": "Points", "program_type": "points",
                                                         "points_per_dollar": "1"})
            members = [svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": f"Member {n}"}).id
                       for n in range(MEMBERS)]
            _, key = svc.create_api_key(SHOP, {"name": "bench", "scope": "write"})
            process, base = _start(url)
            try:
                rates: dict[str, list[float]] = {"record_purchase in process": []}
                rates.update({f"API, {c} client{'s' if c > 1 else ''}": [] for c in CLIENTS})
                _in_process(svc, program.id, members, 10)                      # warm up both sides
                _through_api(base, key, members, 10, 1)
                for _ in range(args.rounds):
                    rates["record_purchase in process"].append(_in_process(svc, program.id, members,
                                                                           args.purchases))
                    for c in CLIENTS:
                        rates[f"API, {c} client{'s' if c > 1 else ''}"].append(
                            _through_api(base, key, members, args.purchases, c))
            finally:
                os.kill(process.pid, signal.SIGTERM)
                process.wait(timeout=60)
        backend = url.split(":", 1)[0]
        baseline = statistics.median(rates["record_purchase in process"])
        print(f"{args.purchases} purchases per side and round, {args.rounds} rounds, {backend}, "
              f"{os.cpu_count()} CPUs\n")
        print("| side | purchases/s (median) | min | max | vs in process |")
        print("|---|---|---|---|---|")
        for label, samples in rates.items():
            middle = statistics.median(samples)
            print(f"| {label} | {middle:.0f} | {min(samples):.0f} | {max(samples):.0f} | {middle / baseline:.2f}x |")


if __name__ == "__main__":
    main()
