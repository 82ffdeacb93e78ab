"""The I/O of ``assess-batch``: stream lines in, results out, in order, in one process or several."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from typing import IO, NoReturn

import click

from accountability.batch import assess_line
from accountability.catalog import Catalog

_CATALOG: Catalog | None = None
_REGIME: str | None = None


def _init(catalog: Catalog, regime: str | None) -> None:
    global _CATALOG, _REGIME
    _CATALOG, _REGIME = catalog, regime


def _work(item: tuple[int, str]) -> tuple[bool, str]:
    assert _CATALOG is not None
    line, text = item
    return assess_line(text, line, _CATALOG.load, _CATALOG.names(), _REGIME, _CATALOG)


def _lines(handle: IO[bytes]) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = f"\x00not UTF-8 (byte {exc.start})"
        yield number, text.rstrip("\r\n")


def _decode_guard(item: tuple[int, str]) -> tuple[bool, str] | None:
    line, text = item
    if text.startswith("\x00not UTF-8"):
        import json

        from accountability.batch import error_record
        from accountability.codec import Problem

        record = error_record(line, [Problem("$", f"not UTF-8 text ({text[1:]})")])
        return False, json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return None


def _checked(item: tuple[int, str]) -> tuple[bool, str]:
    return _decode_guard(item) or _work(item)


def run_batch(
    infile: str, outfile: str, regime: str | None, workers: int, catalog: Catalog, fail: Callable[[str], NoReturn]
) -> None:
    try:
        source: IO[bytes] = sys.stdin.buffer if infile == "-" else open(infile, "rb")  # noqa: SIM115
    except OSError as exc:
        fail(f"{infile}: cannot read the file: {exc.strerror or exc}")
    try:
        sink: IO[str] = (
            io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
            if outfile == "-"
            else open(outfile, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        )
    except OSError as exc:
        fail(f"{outfile}: cannot write the file: {exc.strerror or exc}")
    assessed = errors = 0
    show = sys.stderr.isatty()
    _init(catalog, regime)
    pool = None
    try:
        items = _lines(source)
        if workers > 1:
            import multiprocessing

            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init, initargs=(catalog, regime))
            results: Iterator[tuple[bool, str]] = pool.imap(_checked, items, chunksize=256)
        else:
            results = map(_checked, items)
        with click.progressbar(length=0, label="assessing", file=sys.stderr, show_pos=True) if show else _Null() as bar:
            for ok, text in results:
                sink.write(text + "\n")
                if ok:
                    assessed += 1
                else:
                    errors += 1
                if show and (assessed + errors) % 1000 == 0:
                    bar.update(1000)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        sink.flush()
        if outfile != "-":
            sink.close()
        if infile != "-":
            source.close()
    click.echo(f"accountability assess-batch: {assessed + errors} in = {assessed} assessed + {errors} errors", err=True)


class _Null:
    def __enter__(self) -> _Null:
        return self

    def __exit__(self, *args: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None
