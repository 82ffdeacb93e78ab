"""The I/O of ``assess-batch``: stream lines in, results out, in order, in one process or several.

Nothing lost, nothing hangs:

- every line ends as one output record (a result or an error record with its line number), whatever it
  holds: a line longer than the limit is read up to the limit and skipped to its newline, never whole;
- ``-o FILE`` is written to a temporary file in FILE's folder and renamed onto FILE only when the run is
  complete; standard output only ever receives whole records;
- SIGINT and SIGTERM stop the workers at once and the run exits 130 or 143 with a summary of what was
  written; a write that fails (a full disk) leaves no half record and exits 74;
- workers start with the platform's default start method and rebuild the user tables (``--tables``) from
  their text, as the main process checked them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from types import FrameType
from typing import IO, NamedTuple, NoReturn

import click

from accountability.batch import (
    ASSESSED,
    BAD_INPUT,
    INTERNAL,
    MAX_LINE_BYTES,
    assess_line_status,
    dump,
    error_record,
    internal_record,
)
from accountability.catalog import Catalog
from accountability.codec import Explain, Problem

EXIT_INTERNAL = 1  # some line met an internal error (it has its record; every other line was assessed)
EXIT_OUTPUT = 74  # the output could not be written (EX_IOERR): disk full, closed pipe …
EXIT_SIGINT = 130  # 128 + SIGINT
EXIT_SIGTERM = 143  # 128 + SIGTERM

CHUNK_LINES = 64
CHUNK_BYTES = 1_000_000
SKIP_BYTES = 1 << 16
FLUSH_BYTES = 1 << 16

# One input line: (line number, its text, or the problem that makes it an error record before parsing).
Item = tuple[int, str, str | None]
Outcome = tuple[str, str]


class Block(NamedTuple):
    """The output of a chunk of lines, ready to write: its records as UTF-8, one a line, where each record
    ends in ``data``, and how many have each status. A worker sends one block a chunk (one bytes object,
    not a string a line), so that the main process, which shares the machine with the workers, only
    counts and writes."""

    data: bytes
    ends: list[int]
    counts: dict[str, int]

    @classmethod
    def of(cls, outcomes: list[Outcome]) -> Block:
        counts = {ASSESSED: 0, BAD_INPUT: 0, INTERNAL: 0}
        records = []
        ends = []
        size = 0
        for status, text in outcomes:
            counts[status] += 1
            record = text.encode("utf-8") + b"\n"
            records.append(record)
            size += len(record)
            ends.append(size)
        return cls(b"".join(records), ends, counts)

    @property
    def records(self) -> int:
        return len(self.ends)


_CATALOG: Catalog | None = None
_REGIME: str | None = None
_EXPLAIN: Explain = "full"


# --------------------------------------------------------------------------- work (in a worker or in process)


def _init(catalog: Catalog, regime: str | None, explain: Explain = "full") -> None:
    global _CATALOG, _REGIME, _EXPLAIN
    _CATALOG, _REGIME, _EXPLAIN = catalog, regime, explain


def _init_worker(
    user_tables: Mapping[str, tuple[str, str]] | None, regime: str | None, explain: Explain = "full"
) -> None:
    """A worker ignores Ctrl-C (the main process stops it) and rebuilds the catalogue from the tables' text."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from accountability.catalog import with_user_tables

    from .tomlcache import install

    install()  # as the command's own process reads its tables
    _init(Catalog(with_user_tables(user_tables)) if user_tables else Catalog(), regime, explain)


def _work(item: Item) -> Outcome:
    line, text, problem = item
    if problem is not None:
        return BAD_INPUT, dump(error_record(line, [Problem("$", problem)]))
    try:
        assert _CATALOG is not None
        return assess_line_status(text, line, _CATALOG.load, _CATALOG.names(), _REGIME, _CATALOG, _EXPLAIN)
    except Exception as exc:  # assess_line_status already catches; this is the last guard
        return INTERNAL, dump(internal_record(line, exc))


def _work_chunk(chunk: list[Item]) -> Block:
    return Block.of([_work(item) for item in chunk])


# --------------------------------------------------------------------------- input


def read_lines(handle: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[Item]:
    """Numbered lines, each read up to ``limit`` + 1 bytes: a longer line is skipped to its newline unread."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while True:
                more = handle.readline(SKIP_BYTES)
                if not more or more.endswith(b"\n"):
                    break
            yield number, "", f"line longer than {limit} bytes: refused (not read past the limit)"
            continue
        try:
            # a UTF-8 byte-order mark (Notepad, Excel on Chinese Windows) is allowed at the start of the file
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, "", f"not UTF-8 text (byte {exc.start} cannot be decoded)"
            continue
        yield number, text.rstrip("\r\n"), None


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item[1])
        if len(chunk) >= CHUNK_LINES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _regular(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


# --------------------------------------------------------------------------- signals


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: stop, keep whole records only, report."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """While installed, SIGINT/SIGTERM raise :class:`Interrupted` — but never in the middle of a write."""

    def __init__(self) -> None:
        self.pending: int | None = None
        self.writing = False  # a write, or the clean-up after a stop, is under way: hold the signal
        self._old: dict[int, object] = {}

    def __enter__(self) -> _Signals:
        try:
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._old[signum] = signal.signal(signum, self._handle)
        except ValueError:  # not the main thread: leave signals alone
            pass
        return self

    def __exit__(self, *args: object) -> None:
        for signum, old in self._old.items():
            signal.signal(signum, old)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.pending is None:
            self.pending = signum
        if not self.writing:
            raise Interrupted(signum)

    def check(self) -> None:
        if self.pending is not None:
            raise Interrupted(self.pending)


# --------------------------------------------------------------------------- output


class OutputError(Exception):
    """Writing failed (``OSError``); every record before the failing block is whole, none after it."""


class _Sink:
    """Whole records only. A file: a temporary file beside it, renamed on success. Stdout: blocks of whole
    records; if stdout is a regular file and a write fails, it is cut back to the last whole record."""

    def __init__(self, outfile: str, signals: _Signals, fail: Callable[[str], NoReturn]) -> None:
        self.outfile = outfile
        self.signals = signals
        self.buffer = bytearray()
        self.pending = 0  # records in the buffer
        self.written = 0  # records handed to the file or stream
        self.temp: str | None = None
        self.target: str | None = None
        self.stream: IO[bytes]
        if outfile == "-":
            self.stream = sys.stdout.buffer
            self.stream.flush()  # from here on whole blocks go straight to the file descriptor
            return
        self.target = os.path.realpath(outfile)
        folder = os.path.dirname(self.target) or "."
        old = _regular(self.target)
        try:
            fd, self.temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(self.target)}.", suffix=".tmp")
        except OSError as exc:
            fail(f"{outfile}: cannot write the file: {exc.strerror or exc}")
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.temp, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~mask)
        self.stream = os.fdopen(fd, "wb")

    def add(self, block: Block) -> None:
        """Buffer a block's records; a flush comes after the record that fills the buffer, as it would
        if they came one by one."""
        data, start, done, base = block.data, 0, 0, len(self.buffer)
        for index, end in enumerate(block.ends, 1):
            if base + end - start >= FLUSH_BYTES:  # the buffer would hold FLUSH_BYTES with this record
                self.buffer += data[start:end]
                self.pending += index - done
                start, done, base = end, index, 0
                self.flush()
        self.buffer += data[start:]
        self.pending += len(block.ends) - done

    def flush(self) -> None:
        if not self.buffer:
            return
        fd = _fileno(self.stream)
        start = _position(fd) if self.temp is None else None
        stopping = self.signals.writing  # flushing after a stop: the signals stay held
        self.signals.writing = True
        try:
            if fd is None:
                self.stream.write(self.buffer)
                self.stream.flush()
            else:
                view = memoryview(bytes(self.buffer))
                while view:  # the OS may take part of a block (a nearly full disk): write the rest, or fail
                    view = view[os.write(fd, view) :]
        except OSError as exc:
            if fd is not None and start is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, start)  # stdout is a regular file: no half block stays
            self.signals.writing = stopping
            raise OutputError(exc.strerror or str(exc)) from None
        self.written += self.pending
        self.buffer.clear()
        self.pending = 0
        self.signals.writing = stopping
        if not stopping:
            self.signals.check()

    def commit(self) -> None:
        self.flush()
        if self.temp is None or self.target is None:
            return
        try:
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.replace(self.temp, self.target)
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None
        self.temp = None

    def discard(self) -> None:
        """Drop what is not committed: the temporary file (stdout keeps the whole records already sent)."""
        if self.temp is None:
            return
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)
        self.temp = None
        self.written = 0


def _fileno(stream: IO[bytes]) -> int | None:
    try:
        return stream.fileno()
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        return None


def _position(fd: int | None) -> int | None:
    if fd is None:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:
        return None


# --------------------------------------------------------------------------- the run


def _check_paths(infile: str, outfile: str, fail: Callable[[str], NoReturn]) -> None:
    source = None
    if infile != "-":
        try:
            source = os.stat(infile)
        except OSError as exc:
            fail(f"{infile}: cannot read the file: {exc.strerror or exc}")
        if not stat.S_ISREG(source.st_mode):
            fail(f"{infile}: not a regular file (a FIFO, device or folder): refused; use '-' to read a stream")
    else:
        fd = _fileno(sys.stdin.buffer) if hasattr(sys.stdin, "buffer") else None
        if fd is not None:
            try:
                source = os.fstat(fd)
            except OSError:
                source = None
    if outfile == "-":
        return
    target = _regular(outfile)
    if target is None:
        return
    if not stat.S_ISREG(target.st_mode):
        fail(f"{outfile}: -o: not a regular file: refused (use -o - and redirect standard output)")
    if source is not None and (source.st_dev, source.st_ino) == (target.st_dev, target.st_ino):
        fail(f"{outfile}: -o: this is the input file ({infile}): refused (the output would destroy the input)")


def run_batch(
    infile: str,
    outfile: str,
    regime: str | None,
    workers: int,
    catalog: Catalog,
    fail: Callable[[str], NoReturn],
    user_tables: Mapping[str, tuple[str, str]] | None = None,
    explain: Explain = "full",
) -> int:
    """Run the batch; returns the exit code (0, EXIT_INTERNAL, EXIT_OUTPUT, EXIT_SIGINT or EXIT_SIGTERM)."""
    _check_paths(infile, outfile, fail)
    try:
        source: IO[bytes] = sys.stdin.buffer if infile == "-" else open(infile, "rb")  # noqa: SIM115
    except OSError as exc:
        fail(f"{infile}: cannot read the file: {exc.strerror or exc}")
    counts = {ASSESSED: 0, BAD_INPUT: 0, INTERNAL: 0}
    where = "standard output" if outfile == "-" else outfile
    show = sys.stderr.isatty()
    pool: list[ProcessPoolExecutor] = []  # the live pool (replaced if a worker dies)
    with _Signals() as signals:
        sink: _Sink | None = None
        bar = click.progressbar(length=0, label="assessing", file=sys.stderr, show_pos=True) if show else None

        def emit(block: Block) -> None:
            assert sink is not None
            sink.add(block)
            for status, count in block.counts.items():
                counts[status] += count
            if bar is not None:
                bar.update(block.records)

        try:
            sink = _Sink(outfile, signals, fail)
            chunks = _chunks(read_lines(source))
            if workers > 1:
                pool.append(_executor(workers, user_tables, regime, explain))
                _run_pool(pool, chunks, emit, workers, user_tables, regime, explain, signals)
            else:
                _init(catalog, regime, explain)
                for chunk in chunks:
                    emit(_work_chunk(chunk))
                    signals.check()
            sink.commit()
        except Interrupted as stop:
            signals.writing = True  # a second Ctrl-C does not interrupt the clean-up
            _stop(pool)
            if sink is not None and outfile == "-":
                _quiet_flush(sink)
            elif sink is not None:
                sink.discard()
            name = "SIGINT" if stop.signum == signal.SIGINT else "SIGTERM"
            _summary(counts, sink, outfile, f"interrupted by {name}")
            return EXIT_SIGINT if stop.signum == signal.SIGINT else EXIT_SIGTERM
        except OutputError as exc:
            signals.writing = True
            _stop(pool)
            assert sink is not None
            sink.discard()
            if outfile == "-":
                _silence_stdout()
            _summary(counts, sink, outfile, f"cannot write {where}: {exc}")
            return EXIT_OUTPUT
        except BaseException:  # a bug here: no temporary file is left behind, the error is reported by main()
            signals.writing = True
            _stop(pool)
            if sink is not None:
                sink.discard()
            raise
        finally:
            signals.writing = True
            if bar is not None:
                bar.render_finish()
            _stop(pool, graceful=True)
            if infile != "-":
                source.close()
    total = sum(counts.values())
    errors = counts[BAD_INPUT] + counts[INTERNAL]
    line = f"accountability assess-batch: {total} in = {counts[ASSESSED]} assessed + {errors} errors"
    if counts[INTERNAL]:
        line += f' ({counts[INTERNAL]} internal: see the records with "error": "internal")'
    click.echo(line, err=True)
    return EXIT_INTERNAL if counts[INTERNAL] else 0


def leave(code: int, workers: int) -> None:
    """Exit with ``code``. After a stop with workers, leave at once (``os._exit``) once stdio is flushed:
    CPython's process pool can block forever at interpreter exit when its workers were killed in the middle
    of a message (its result reader waits for the rest); everything the run owes is already written."""
    if workers > 1 and code in (EXIT_SIGINT, EXIT_SIGTERM, EXIT_OUTPUT):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    if code:
        sys.exit(code)


def _quiet_flush(sink: _Sink) -> None:
    sink.signals.writing = True
    with contextlib.suppress(OutputError):
        sink.flush()


def _silence_stdout() -> None:
    """After a failed write to stdout (a closed pipe), keep Python from failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _summary(counts: dict[str, int], sink: _Sink | None, outfile: str, why: str) -> None:
    done = sum(counts.values())
    kept = (
        f"{sink.written if sink else 0} whole records written to standard output"
        if outfile == "-"
        else f"nothing written to {outfile} (left as it was; the temporary file was removed)"
    )
    click.echo(
        f"accountability assess-batch: {why}: {done} lines assessed before stopping "
        f"({counts[ASSESSED]} assessed + {counts[BAD_INPUT] + counts[INTERNAL]} errors); {kept}",
        err=True,
    )


def _executor(
    workers: int, user_tables: Mapping[str, tuple[str, str]] | None, regime: str | None, explain: Explain = "full"
) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(),  # the platform's default start method
        initializer=_init_worker,
        initargs=(dict(user_tables) if user_tables else None, regime, explain),
    )


def _run_pool(
    pool: list[ProcessPoolExecutor],
    chunks: Iterator[list[Item]],
    emit: Callable[[Block], None],
    workers: int,
    user_tables: Mapping[str, tuple[str, str]] | None,
    regime: str | None,
    explain: Explain = "full",
    signals: _Signals | None = None,
) -> None:
    """At most 2 × workers chunks in flight (memory stays flat); results written in input order. A worker
    that dies takes the lines in flight with it: each becomes an internal error record, and a new pool goes on.

    A submission may start a worker (a fork): a signal is held while it does, so that it never lands inside
    the fork's own handlers (there an exception is only printed and lost), and is acted on right after."""
    window: deque[tuple[list[Item], Future[Block]]] = deque()

    def drain() -> None:
        chunk, future = window.popleft()
        try:
            emit(_result(future))
            return
        except Exception as exc:  # BrokenProcessPool: a worker died (killed, out of memory)
            lost = exc
        blocks = [_lost(chunk, lost)]
        for rest, other in window:
            blocks.append(other.result() if other.done() and other.exception() is None else _lost(rest, lost))
        window.clear()
        _stop(pool)
        pool.append(_executor(workers, user_tables, regime, explain))
        for block in blocks:
            emit(block)

    def submit(chunk: list[Item]) -> Future[Block]:
        if signals is None:
            return pool[0].submit(_work_chunk, chunk)
        held, signals.writing = signals.writing, True
        try:
            return pool[0].submit(_work_chunk, chunk)
        finally:
            signals.writing = held
            if not held:
                signals.check()

    for chunk in chunks:
        window.append((chunk, submit(chunk)))
        while len(window) >= 2 * workers:
            drain()
    while window:
        drain()


def _lost(chunk: list[Item], lost: BaseException) -> Block:
    """The block of a chunk a dead worker took with it: an internal error record a line."""
    return Block.of([(INTERNAL, dump(internal_record(n, lost))) for n, _, _ in chunk])


def _result(future: Future[Block]) -> Block:
    """Wait in short steps: a signal may reach another thread, and only the main thread's own bytecode runs the
    handler; an unbounded wait here could leave Ctrl-C unanswered until the next result."""
    while True:
        try:
            return future.result(timeout=0.1)
        except TimeoutError:
            continue


def _stop(pool: list[ProcessPoolExecutor], graceful: bool = False) -> None:
    """Stop the workers: at once (terminate, then kill what is still alive after a second) unless graceful."""
    while pool:
        executor = pool.pop()
        if graceful:
            executor.shutdown(wait=True)
            continue
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        # The queue that feeds the workers may have a thread blocked writing to the dead workers' pipe
        # (CPython gh-107219): do not wait for it at exit, and close our read end so that the write fails.
        calls = getattr(executor, "_call_queue", None)
        if calls is not None:
            with contextlib.suppress(Exception):
                calls.cancel_join_thread()
                calls._reader.close()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(1)
            if process.is_alive():
                process.kill()
                process.join(1)
