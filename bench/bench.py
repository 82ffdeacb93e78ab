"""The benchmark: prints every figure of issue #14 with its ratio and target, in one run; run it, do not time tests.

    .venv/bin/python bench/bench.py            # the issue's sizes: 200,000 incidents, 100k vs 1M lines
    .venv/bin/python bench/bench.py --scale 0.1  # a tenth of every size, for a quick look

Times are CPU seconds (user + system) of the process that does the work (the machine is shared: CPU time
is steadier than the clock), except the speed-up of two workers, which is wall-clock time. Every ratio's
denominator is the json module doing the least the command must do with the same bytes:

(a) ``assess-batch --explain none`` against ``json.loads`` + ``json.dumps`` of the input lines (target ≤ 4);
    ``--explain full`` against ``json.loads`` + ``json.dumps`` of the input lines and of the output lines plus
    writing the output (target ≤ 2); ``summary`` for information;
(b) 10 % broken lines: the run, and an error line's cost against a good line's (target ≤ 3) and against the
    json baseline of its line;
(c) ``--workers 2`` against one (wall clock, target ≥ 1.8×), output identical;
(d) peak RSS for N vs 10 N lines (flat);
(e) ``--tables`` (a folder holding the shipped tables) against the shipped tables (target ≤ 1: no slower);
(f) a cold ``accountability assess one.json`` against importing its runtime dependencies alone (target ≤ 1.2),
    ``--help`` against ``import click`` (≤ 1.1); each the median of ``--runs``, with bytecode cached as an
    installed package has it (PYTHONDONTWRITEBYTECODE is unset for these);
(g) ``POST /assess`` of ``accountability serve``: warm p50/p99 latency and requests per second, one worker on
    loopback (``--only-serve`` runs it alone).

The synthetic incidents are seeded (bench/synth.py): 7 officials each, valid vocabulary.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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
# What `accountability assess one.json` imports that is not ours or the standard library's (the denominator
# of the cold start: python -X importtime shows these and nothing else from site-packages).
RUNTIME_DEPS = ("attrs", "cattrs", "pendulum", "click", "chinese_calendar")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def write(path: Path, count: int, broken: float = 0.0) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line in lines(count, broken=broken):
            handle.write(line + "\n")


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of ``cmd`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of a command, measured in a fresh wrapper process (ru_maxrss of its only child)."""
    probe = (
        "import resource, subprocess, sys\n"
        f"subprocess.run({cmd!r}, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([PYTHON, "-c", probe], check=True, capture_output=True, text=True, env=ENV).stdout
    return int(out.strip()) / 1024


def json_baseline(path: Path, out: Path | None = None) -> float:
    """CPU seconds of json.loads + json.dumps of every line of ``path`` (and writing the dumps to ``out``)."""
    start = time.process_time()
    sink = out.open("w", encoding="utf-8") if out is not None else None
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
            if sink is not None:
                sink.write(text + "\n")
    if sink is not None:
        sink.close()
    return time.process_time() - start


def best(values: list[float]) -> float:
    return min(values)


def median_wall(cmd: list[str], runs: int) -> float:
    wall(cmd)  # warm: bytecode written, files in the page cache
    return statistics.median(wall(cmd) for _ in range(runs))


def verdict(ratio: float, target: float, at_most: bool = True) -> str:
    met = ratio <= target if at_most else ratio >= target
    return f"(target {'≤' if at_most else '≥'} {target:g}: {'met' if met else 'NOT MET'})"


def serve_latency(requests: int) -> str:
    """(g) POST /assess against a real uvicorn on loopback (one worker), one keep-alive connection,
    warmed first: p50 and p99 latency and requests per second. Needs the serve extra."""
    import http.client
    import socket

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return "(g) serve: skipped (the serve extra is not installed: pip install 'accountability[serve]')"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
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
            return "(g) serve: the server did not start"
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
            f"(g) serve POST /assess (xpcc-4-deaths.json, 1 worker, keep-alive, {requests} warm requests):"
            f" p50 {p50:.2f} ms, p99 {p99:.2f} ms, {requests / total:,.0f} requests/s"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1: the issue's)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each cold-start measurement")
    parser.add_argument("--requests", type=int, default=2000, help="requests of the /assess measurement")
    parser.add_argument("--only-serve", action="store_true", help="only (g): the HTTP API's latency")
    args = parser.parse_args()
    if args.only_serve:
        print(serve_latency(args.requests))
        return
    n_batch = max(int(200_000 * args.scale), 1000)
    n_small, n_large = max(int(100_000 * args.scale), 1000), max(int(1_000_000 * args.scale), 10_000)
    n_errors = max(n_batch // 10, 100)

    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; times are CPU seconds unless said")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        batch = work / "batch.jsonl"
        write(batch, n_batch)
        size_in = batch.stat().st_size

        # (a) throughput against the json module alone, per --explain level
        base_in = json_baseline(batch)
        print(
            f"(a) {n_batch:,} incidents, {size_in / n_batch / 1000:.1f} KB a line; json.loads + json.dumps of the"
            f" input lines: {base_in:.2f} s ({1e6 * base_in / n_batch:.0f} µs a line)"
        )
        spent: dict[str, float] = {}
        for level in ("none", "summary", "full"):
            out = work / f"out-{level}.jsonl"
            spent[level] = cpu([*CLI, "assess-batch", str(batch), "-o", str(out), "--explain", level])
            size_out = out.stat().st_size
            rate = n_batch / spent[level]
            line = (
                f"    --explain {level:7}: {spent[level]:.1f} s = {rate:,.0f} incidents/s,"
                f" output {size_out / n_batch / 1000:.1f} KB a line"
            )
            if level == "none":
                ratio = spent[level] / base_in
                line += f"; ratio to json parse+dump of the input: {ratio:.1f} {verdict(ratio, 4)}"
            elif level == "full":
                base_out = json_baseline(out, work / "json-out.jsonl")
                denominator = base_in + base_out
                ratio = spent[level] / denominator
                line += (
                    f"; json parse+dump+write of the bytes read and written: {denominator:.1f} s;"
                    f" ratio {ratio:.1f} {verdict(ratio, 2)}"
                )
            print(line)

        # (b) broken lines: the run, and what an error line costs
        broken = work / "broken.jsonl"
        write(broken, n_batch, broken=0.1)
        mixed = cpu([*CLI, "assess-batch", str(broken), "-o", str(work / "out-broken.jsonl")])
        bad = work / "bad.jsonl"
        write(bad, n_errors, broken=1.0)
        good = work / "good.jsonl"
        write(good, n_errors)
        nothing = work / "nothing.jsonl"
        nothing.write_text("")
        empty = best([cpu([*CLI, "assess-batch", str(nothing), "-o", "-"]) for _ in range(3)])  # start-up
        t_bad = (best([cpu([*CLI, "assess-batch", str(bad), "-o", "-"]) for _ in range(3)]) - empty) / n_errors
        t_good = (best([cpu([*CLI, "assess-batch", str(good), "-o", "-"]) for _ in range(2)]) - empty) / n_errors
        base_bad = json_baseline(good) / n_errors  # the json baseline of such a line (its well-formed twin)
        print(
            f"(b) 10 % broken lines: {mixed:.1f} s = {n_batch / mixed:,.0f} lines/s ({mixed / spent['full']:.2f}×"
            f" the clean run); an error line {1e6 * t_bad:.0f} µs, a good line {1e6 * t_good:.0f} µs (full):"
            f" error / good {t_bad / t_good:.2f} {verdict(t_bad / t_good, 3)};"
            f" error / json parse+dump of the line {t_bad / base_bad:.1f}"
        )

        # (c) two workers against one (wall clock)
        one = wall([*CLI, "assess-batch", str(batch), "-o", str(work / "w1.jsonl")])
        two = wall([*CLI, "assess-batch", str(batch), "-o", str(work / "w2.jsonl"), "--workers", "2"])
        same = (work / "w1.jsonl").read_bytes() == (work / "w2.jsonl").read_bytes()
        print(
            f"(c) wall clock: 1 worker {one:.1f} s, --workers 2 {two:.1f} s: speed-up {one / two:.2f}×"
            f" {verdict(one / two, 1.8, at_most=False)}; output identical to one worker's: {same}"
        )

        # (d) memory flat in the input size
        small, large = work / "small.jsonl", work / "large.jsonl"
        write(small, n_small)
        write(large, n_large)
        rss_small = peak_rss_mb([*CLI, "assess-batch", str(small), "-o", "-"])
        rss_large = peak_rss_mb([*CLI, "assess-batch", str(large), "-o", "-"])
        print(
            f"(d) peak RSS: {n_small:,} lines {rss_small:.0f} MB; {n_large:,} lines {rss_large:.0f} MB"
            f" (ratio {rss_large / rss_small:.2f}; flat is ≈ 1)"
        )

        # (e) --tables: the same tables from a folder
        folder = work / "tables"
        folder.mkdir()
        for table in sorted((ROOT / "tables").glob("*.toml")):
            shutil.copy(table, folder / table.name)
        with_tables = cpu([*CLI, "assess-batch", str(batch), "-o", str(work / "t.jsonl"), "--tables", str(folder)])
        same = (work / "t.jsonl").read_bytes() == (work / "out-full.jsonl").read_bytes()
        ratio = with_tables / spent["full"]
        print(
            f"(e) --tables (the shipped tables from a folder): {with_tables:.1f} s against {spent['full']:.1f} s:"
            f" ratio {ratio:.2f} {verdict(ratio, 1.05)} (no slower: within the ±5 % noise of CPU time);"
            f" output identical: {same}"
        )

    # (f) cold start
    example = ROOT / "docs" / "examples" / "xpcc-4-deaths.json"
    cold = median_wall([*CLI, "assess", str(example)], args.runs)
    deps = median_wall([PYTHON, "-c", f"import {', '.join(RUNTIME_DEPS)}"], args.runs)
    bare = median_wall([PYTHON, "-c", "pass"], args.runs)
    help_time = median_wall([*CLI, "--help"], args.runs)
    click_time = median_wall([PYTHON, "-c", "import click"], args.runs)
    print(
        f"(f) cold assess one.json {cold * 1000:.0f} ms; importing its runtime dependencies alone"
        f" ({', '.join(RUNTIME_DEPS)}) {deps * 1000:.0f} ms: ratio {cold / deps:.2f} {verdict(cold / deps, 1.2)}"
    )
    print(
        f"    --help {help_time * 1000:.0f} ms; import click {click_time * 1000:.0f} ms:"
        f" ratio {help_time / click_time:.2f} {verdict(help_time / click_time, 1.1)};"
        f" python -c pass {bare * 1000:.0f} ms"
    )

    # (g) the HTTP API
    print(serve_latency(args.requests))


if __name__ == "__main__":
    main()
