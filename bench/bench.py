"""The benchmark: prints its figures; run it, do not time tests.

    .venv/bin/python bench/bench.py            # the issue's sizes: 200,000 incidents, 100k vs 1M lines
    .venv/bin/python bench/bench.py --scale 0.1  # a tenth of every size, for a quick look

(a) incidents per second for ``assess-batch`` against merely parsing and
re-serialising the same JSONL with the same json module; (b) a cold
``accountability assess one.json`` against ``python -c pass`` and against
importing the dependencies alone; (c) peak RSS for N vs 10 N lines; (d) two
workers against one; (e) ``POST /assess`` of ``accountability serve``: warm p50/p99 latency
and requests per second, one worker on loopback (``--only-serve`` runs it alone). The synthetic
incidents are seeded (bench/synth.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synth import lines  # noqa: E402

PYTHON = sys.executable
CLI = [PYTHON, "-m", "accountability_cli"]


def write(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line in lines(count):
            handle.write(line + "\n")


def timed(cmd: list[str], **kw: object) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)  # type: ignore[call-overload]
    return time.perf_counter() - start


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of a command, measured in a fresh wrapper process (ru_maxrss of its only child)."""
    probe = (
        "import resource, subprocess, sys\n"
        f"subprocess.run({cmd!r}, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([PYTHON, "-c", probe], check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def parse_and_dump(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
    return time.perf_counter() - start


def median_time(cmd: list[str], runs: int) -> float:
    return statistics.median(timed(cmd) for _ in range(runs))


def serve_latency(requests: int) -> str:
    """(e) POST /assess against a real uvicorn on loopback (one worker), one keep-alive connection,
    warmed first: p50 and p99 latency and requests per second. Needs the serve extra."""
    import http.client
    import socket

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return "(e) serve: skipped (the serve extra is not installed: pip install 'accountability[serve]')"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        body = (ROOT / "docs" / "examples" / "xpcc-4-deaths.json").read_bytes()
        for _ in range(300):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/regimes")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            return "(e) serve: the server did not start"
        headers = {"Content-Type": "application/json"}

        def call() -> float:
            start = time.perf_counter()
            conn.request("POST", "/assess", body=body, headers=headers)
            answer = conn.getresponse()
            answer.read()
            assert answer.status == 200, answer.status
            return time.perf_counter() - start

        for _ in range(min(200, requests)):
            call()
        start = time.perf_counter()
        times = sorted(call() for _ in range(requests))
        total = time.perf_counter() - start
        p50 = times[len(times) // 2] * 1000
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
        return (
            f"(e) serve POST /assess (xpcc-4-deaths.json, 1 worker, keep-alive, {requests} warm requests):"
            f" p50 {p50:.2f} ms, p99 {p99:.2f} ms, {requests / total:,.0f} requests/s"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1: the issue's)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each cold-start measurement")
    parser.add_argument("--requests", type=int, default=2000, help="requests of the /assess measurement")
    parser.add_argument("--only-serve", action="store_true", help="only (e): the HTTP API's latency")
    args = parser.parse_args()
    if args.only_serve:
        print(serve_latency(args.requests))
        return
    n_batch = max(int(200_000 * args.scale), 1000)
    n_small, n_large = max(int(100_000 * args.scale), 1000), max(int(1_000_000 * args.scale), 10_000)

    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        batch = work / "batch.jsonl"
        write(batch, n_batch)

        # (a) throughput against the json module alone
        one = timed([*CLI, "assess-batch", str(batch), "-o", str(work / "out1.jsonl")])
        plain = parse_and_dump(batch)
        rate = n_batch / one
        print(f"(a) assess-batch, 1 worker: {n_batch} incidents in {one:.1f} s = {rate:,.0f} incidents/s")
        print(f"    json.loads + json.dumps of the same lines: {plain:.2f} s = {n_batch / plain:,.0f} lines/s")
        print(f"    ratio assess / parse-and-serialise: {one / plain:.1f}  (target ≤ 4; ≥ 20,000 incidents/s)")

        # (d) two workers against one
        two = timed([*CLI, "assess-batch", str(batch), "-o", str(work / "out2.jsonl"), "--workers", "2"])
        same = (work / "out1.jsonl").read_bytes() == (work / "out2.jsonl").read_bytes()
        print(
            f"(d) --workers 2: {two:.1f} s = {n_batch / two:,.0f} incidents/s; speed-up {one / two:.2f}×"
            f" (target ≥ 1.7×); output identical to one worker: {same}"
        )

        # (b) cold start
        example = ROOT / "docs" / "examples" / "xpcc-4-deaths.json"
        deps = "import attrs, cattrs, pendulum, click, chinese_calendar, yaml"
        cold = median_time([*CLI, "assess", str(example)], args.runs)
        bare = median_time([PYTHON, "-c", "pass"], args.runs)
        imports = median_time([PYTHON, "-c", deps], args.runs)
        help_time = median_time([*CLI, "--help"], args.runs)
        print(
            f"(b) cold assess one.json: {cold * 1000:.0f} ms; python -c pass: {bare * 1000:.0f} ms;"
            f" importing the dependencies alone: {imports * 1000:.0f} ms; --help: {help_time * 1000:.0f} ms"
        )
        print(f"    cold assess / dependency imports: {cold / imports:.2f}  (target ≤ 1.2)")

        # (c) memory flat in the input size
        small, large = work / "small.jsonl", work / "large.jsonl"
        write(small, n_small)
        write(large, n_large)
        rss_small = peak_rss_mb([*CLI, "assess-batch", str(small), "-o", os.devnull])
        rss_large = peak_rss_mb([*CLI, "assess-batch", str(large), "-o", os.devnull])
        print(
            f"(c) peak RSS: {n_small:,} lines {rss_small:.0f} MB; {n_large:,} lines {rss_large:.0f} MB"
            f" (ratio {rss_large / rss_small:.2f}; flat is ≈ 1)"
        )

    # (e) the HTTP API
    print(serve_latency(args.requests))


if __name__ == "__main__":
    main()
