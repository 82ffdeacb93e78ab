"""Issue 12, a batch you can trust: every line accounted for, atomic output, clean interrupts (regressions).

Counts, exit codes and paths are asserted, never durations.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import accountability.batch
import accountability.selection
from accountability_cli import batch_io, cli
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth import lines

GOOD = '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}}'


def runner() -> CliRunner:
    """stderr apart from stdout with click 8.1 (mix_stderr=False) and 8.2+ (always apart)."""
    options: dict[str, Any] = {"mix_stderr": False}
    try:
        return CliRunner(**options)
    except TypeError:
        return CliRunner()


def run(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "accountability_cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=timeout,
    )


def records(text: str | bytes) -> list[dict[str, Any]]:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return [json.loads(x) for x in text.splitlines()]


def summary(stderr: bytes | str) -> str:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    return text.strip().splitlines()[-1]


# ------------------------------------------------------------------ every line ends as a record


def test_year_9999_and_lone_surrogate_lines_get_error_records_and_later_lines_survive(tmp_path: Path) -> None:
    """The issue: one such line killed the run (exit 1) and every later line was lost."""
    source = tmp_path / "in.jsonl"
    hostile = [
        '{"incident": {"occurred_at": "9999-12-31", "deaths": 1}}',
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "id": "\\ud800"}}',
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "decided_on": "9999-12-31"}',
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "assessment": {"year": 0}}',
        '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "assessment": {"year": 1000000000}}',
        '"\\ud800"',
    ]
    body = [GOOD, *hostile, GOOD]
    source.write_text("\n".join(body) + "\n", encoding="utf-8")
    for workers in ("1", "2"):
        result = run("assess-batch", str(source), "--workers", workers)
        assert result.returncode == 0, result.stderr
        rows = records(result.stdout)
        assert [r["line"] for r in rows] == list(range(1, len(body) + 1))
        assert [r.get("error") for r in rows] == [None] + ["bad input"] * len(hostile) + [None]
        assert (
            summary(result.stderr)
            == f"accountability assess-batch: {len(body)} in = 2 assessed + {len(hostile)} errors"
        )


def _crash_on(marker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = accountability.selection.assess_case  # type: ignore[attr-defined]

    def crashing(case: Any, regime: Any, **options: Any) -> Any:
        if case.incident.id == marker:
            raise ZeroDivisionError("a bug in the engine")
        return real(case, regime, **options)

    monkeypatch.setattr(accountability.selection, "assess_case", crashing)


def test_batch_with_10_percent_broken_and_a_crashing_line_in_the_middle_is_fully_accounted_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's done-when: 10% broken lines and an internal error in the middle; every line has its record,
    the crash is an "internal" record for its line alone, the run goes on and exits 1 at the end."""
    body = list(lines(2_000, seed=12, broken=0.1))
    body[1_000] = '{"incident": {"id": "BOOM", "occurred_at": "2024-05-12", "deaths": 2}}'
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(body) + "\n", encoding="utf-8")
    _crash_on("BOOM", monkeypatch)
    result = runner().invoke(cli, ["assess-batch", str(source), "-o", str(out)])
    assert result.exit_code == batch_io.EXIT_INTERNAL, result.output
    rows = records(out.read_text("utf-8"))
    assert [r["line"] for r in rows] == list(range(1, 2_001))
    internal = [r for r in rows if r.get("error") == "internal"]
    assert [r["line"] for r in internal] == [1_001] and internal[0]["incident_id"] == "BOOM"
    bad = [r for r in rows if r.get("error") == "bad input"]
    assert 150 <= len(bad) <= 250
    assessed = len(rows) - len(bad) - 1
    assert summary(result.stderr).startswith(
        f"accountability assess-batch: 2000 in = {assessed} assessed + {len(bad) + 1} errors"
    )


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patch reaches workers only by fork")
def test_internal_error_in_a_worker_and_a_dead_worker_lose_no_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = [GOOD] * 300
    body[10] = '{"incident": {"id": "BOOM", "occurred_at": "2024-05-12", "deaths": 2}}'
    body[200] = '{"incident": {"id": "DIE", "occurred_at": "2024-05-12", "deaths": 2}}'
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(body) + "\n", encoding="utf-8")
    _crash_on("BOOM", monkeypatch)
    real = batch_io._work

    def dying(item: Any) -> Any:
        if "DIE" in item[1]:
            os._exit(9)  # a worker killed (out of memory, kill -9)
        return real(item)

    monkeypatch.setattr(batch_io, "_work", dying)
    result = runner().invoke(cli, ["assess-batch", str(source), "--workers", "2"])
    assert result.exit_code == batch_io.EXIT_INTERNAL
    rows = records(result.stdout)
    assert [r["line"] for r in rows] == list(range(1, 301))
    internal = {r["line"] for r in rows if r.get("error") == "internal"}
    assert 11 in internal and 201 in internal
    assert all(r.get("error") in (None, "internal") for r in rows)


def test_long_line_is_never_read_whole() -> None:
    """The issue: a 500 MB line was read whole before the limit applied; now at most limit + 1 bytes at a time."""

    class Counting(io.BytesIO):
        biggest = 0

        def readline(self, size: int | None = -1) -> bytes:
            assert size is not None and 0 < size <= max(1_001, batch_io.SKIP_BYTES)
            data = super().readline(size)
            Counting.biggest = max(Counting.biggest, len(data))
            return data

    handle = Counting(b"a" * 50_000 + b"\n" + GOOD.encode() + b"\n" + b"b" * 1_001 + b"\n" + b"c" * 1_000 + b"\n")
    items = list(batch_io.read_lines(handle, limit=1_000))
    assert [(n, p is not None) for n, _, p in items] == [(1, True), (2, False), (3, True), (4, False)]
    assert Counting.biggest <= max(1_001, batch_io.SKIP_BYTES)


def test_long_line_in_a_real_batch_is_an_error_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    with source.open("wb") as handle:
        handle.write(GOOD.encode() + b"\n")
        handle.write(b'{"incident": {"id": "' + b"x" * 6_000_000 + b'"}}\n')
        handle.write(GOOD.encode() + b"\n")
    result = run("assess-batch", str(source))
    rows = records(result.stdout)
    assert result.returncode == 0 and [r.get("error") for r in rows] == [None, "bad input", None]
    assert rows[1]["line"] == 2 and rows[1]["problems"][0]["path"] == "$"


# ------------------------------------------------------------------ output: refused, atomic, whole records


def test_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    """The issue: `assess-batch X -o X` emptied X and exited 0."""
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(source)
    os.link(source, tmp_path / "hard.jsonl")
    for target in (source, tmp_path / "link.jsonl", tmp_path / "hard.jsonl", tmp_path / "." / "in.jsonl"):
        result = run("assess-batch", str(source), "-o", str(target))
        assert result.returncode == 2 and b"Traceback" not in result.stderr
    with source.open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "accountability_cli", "assess-batch", "-", "-o", str(source)],
            stdin=stdin,
            capture_output=True,
            check=False,
        )
    assert result.returncode == 2
    assert source.read_text("utf-8") == GOOD + "\n"


def test_fifo_input_is_refused_not_waited_on(tmp_path: Path) -> None:
    """The issue: a FIFO as input blocked forever."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for command in (["assess-batch", str(fifo)], ["assess", str(fifo)], ["review", str(fifo)], ["test", str(fifo)]):
        result = run(*command, timeout=60)
        assert result.returncode == 2 and b"not a regular file" in result.stderr, command


def test_output_to_a_device_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    assert run("assess-batch", str(source), "-o", "/dev/null").returncode == 2
    assert Path("/dev/null").exists() and not Path("/dev/null").is_file()


def _fail_writes_after(limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write takes at most part of a block, then ENOSPC, once ``limit`` bytes are on disk."""
    real = os.write
    state = {"done": 0}

    def write(fd: int, data: Any) -> int:
        room = limit - state["done"]
        if room <= 0:
            raise OSError(28, "No space left on device")
        n = real(fd, bytes(data)[:room])
        state["done"] += n
        return n

    monkeypatch.setattr(os, "write", write)


def test_full_disk_leaves_the_old_output_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines(400, seed=1)) + "\n", encoding="utf-8")
    out.write_text("previous results\n", encoding="utf-8")
    _fail_writes_after(100_000, monkeypatch)
    result = runner().invoke(cli, ["assess-batch", str(source), "-o", str(out)])
    assert result.exit_code == batch_io.EXIT_OUTPUT
    assert out.read_text("utf-8") == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
    assert "Traceback" not in result.stderr and "No space left" in summary(result.stderr)


def test_full_disk_on_stdout_keeps_whole_records_only(tmp_path: Path) -> None:
    """Standard output redirected to a file on a full disk: cut back to the last whole record."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines(400, seed=1)) + "\n", encoding="utf-8")
    script = (
        "import os, sys\n"
        "from accountability_cli import batch_io, main\n"
        "real, done = os.write, [0]\n"
        "def write(fd, data):\n"
        "    room = 100_000 - done[0]\n"
        "    if room <= 0: raise OSError(28, 'No space left on device')\n"
        "    n = real(fd, bytes(data)[:room]); done[0] += n; return n\n"
        "batch_io.os.write = write\n"
        f"sys.argv = ['accountability', 'assess-batch', {str(source)!r}]\n"
        "main()\n"
    )
    with out.open("wb") as stdout:
        result = subprocess.run([sys.executable, "-c", script], stdout=stdout, stderr=subprocess.PIPE, check=False)
    assert result.returncode == batch_io.EXIT_OUTPUT, result.stderr
    text = out.read_bytes()
    assert text.endswith(b"\n") and 0 < len(text) <= 100_000
    rows = records(text)
    assert [r["line"] for r in rows] == list(range(1, len(rows) + 1))
    assert f"{len(rows)} whole records" in summary(result.stderr)


def test_successful_output_replaces_the_file_atomically(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    result = run("assess-batch", str(source), "-o", str(out))
    assert result.returncode == 0
    assert records(out.read_text("utf-8"))[0]["line"] == 1
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


# ------------------------------------------------------------------ interrupts


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
@pytest.mark.parametrize(
    ("signum", "code", "to_file"),
    [
        (signal.SIGINT, batch_io.EXIT_SIGINT, False),
        (signal.SIGTERM, batch_io.EXIT_SIGTERM, False),
        (signal.SIGINT, batch_io.EXIT_SIGINT, True),
    ],
    ids=["Ctrl-C with 2 workers (issue: hung)", "SIGTERM with 2 workers (issue: traceback)", "Ctrl-C, -o FILE"],
)
def test_interrupt_stops_every_worker_and_reports(tmp_path: Path, signum: int, code: int, to_file: bool) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for text in lines(20_000, seed=2, broken=0.1):
            handle.write(text + "\n")
    command = [sys.executable, "-m", "accountability_cli", "assess-batch", str(source), "--workers", "2"]
    if to_file:
        command += ["-o", str(out)]
    stdout = (tmp_path / "stdout").open("wb")
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    workers: list[int] = []
    for _ in range(600):  # wait until both workers run (polling, no time asserted)
        workers = _children_of(process.pid)
        if len(workers) >= 2 and (to_file or (tmp_path / "stdout").stat().st_size > 0):
            break
        time.sleep(0.05)
    assert len(workers) >= 2
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    stdout.close()
    assert process.returncode == code
    assert b"Traceback" not in err and b"interrupted" in err
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    if to_file:
        assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "stdout"]
    else:
        written = (tmp_path / "stdout").read_bytes()
        assert written.endswith(b"\n")
        rows = records(written)
        assert [r["line"] for r in rows] == list(range(1, len(rows) + 1))
        assert f"{len(rows)} whole records".encode() in err


def test_a_byte_order_mark_at_the_start_of_the_batch_is_read(tmp_path: Path) -> None:
    """Notepad and Excel on Chinese Windows write a UTF-8 BOM: the first line is still an incident."""
    infile = tmp_path / "bom.jsonl"
    infile.write_bytes(b'\xef\xbb\xbf{"incident": {"occurred_at": "2024-05-12", "deaths": 1}}\n\xef\xbb\xbf{}\n')
    from click.testing import CliRunner

    from accountability_cli import cli

    result = CliRunner().invoke(cli, ["assess-batch", str(infile)])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert "error" not in first and first["line"] == 1
    assert second["error"] == "bad input"  # a BOM inside the file is not text the batch reads
