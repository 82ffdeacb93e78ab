"""The batch is a pure map over lines: run on a local Dask bag (one partition per file), it writes what
``assess-batch`` writes for each file, byte for byte (the README's worked example)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from accountability.batch import assess_numbered, assess_partition
from accountability_cli import cli
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from synth import lines


def _files(folder: Path) -> list[Path]:
    """Two JSONL files of seeded incidents, a tenth of the lines broken."""
    folder.mkdir()
    texts = list(lines(40, seed=7, broken=0.1))
    paths = []
    for k, part in enumerate((texts[:25], texts[25:])):
        path = folder / f"incidents-{k}.jsonl"
        path.write_text("".join(t + "\n" for t in part), encoding="utf-8")
        paths.append(path)
    return paths


def _batch(path: Path, out: Path, explain: str) -> bytes:
    result = CliRunner().invoke(cli, ["assess-batch", str(path), "-o", str(out), "--explain", explain])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("explain", ["full", "none"])
def test_a_dask_bag_writes_what_assess_batch_writes(explain: str, tmp_path: Path) -> None:
    bag = pytest.importorskip("dask.bag")
    paths = _files(tmp_path / "in")
    # the README's example: one partition per file, each mapped by assess_partition
    results = bag.read_text([str(p) for p in paths], blocksize=None).map_partitions(assess_partition, explain=explain)
    results.to_textfiles(str(tmp_path / "out" / "*.jsonl"), encoding="utf-8", scheduler="synchronous")
    for k, path in enumerate(paths):
        written = (tmp_path / "out" / f"{k}.jsonl").read_bytes()
        assert written.rstrip(b"\n") == _batch(path, tmp_path / f"batch-{k}.jsonl", explain).rstrip(b"\n")


def test_assess_numbered_keeps_the_numbers_it_is_given(tmp_path: Path) -> None:
    path = _files(tmp_path / "in")[1]
    texts = path.read_text(encoding="utf-8").splitlines()
    mine = list(assess_numbered(enumerate(texts, 26)))
    assert [int(x.split(",", 1)[0].removeprefix('{"line":')) for x in mine] == list(range(26, 26 + len(texts)))
    assert list(assess_partition(texts)) == _batch(path, tmp_path / "b.jsonl", "full").decode().splitlines()
