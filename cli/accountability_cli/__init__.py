"""The ``accountability`` command: a thin click door onto the library.

Imports of the library are made inside the commands, so that ``--help`` and
``--version`` stay fast.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from accountability.catalog import Catalog
    from accountability.codec import Explain
    from accountability.model import Case
    from accountability.vocabulary import Vocabulary

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
EXIT_TEST_FAILED = 1  # `test`: a case failed
EXIT_TEST_INTERNAL = 3  # `test`: the library failed on a case (an internal error, not a failed case)


def __getattr__(name: str) -> str:
    """``VERSION``: the installed package's version (its one source is ``accountability.__version__``),
    read from the package metadata so that ``--version`` imports nothing of the library."""
    if name == "VERSION":
        from importlib.metadata import version

        return version("accountability")
    raise AttributeError(name)


def _fail(message: str) -> NoReturn:
    from .render import terminal_safe

    click.echo(terminal_safe(message), err=True)
    sys.exit(EXIT_BAD_INPUT)


MAX_FILE_BYTES = 10_000_000


def _read(path: str) -> str:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            import stat

            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device would block or never end
                _fail(f"{path}: not a regular file (a FIFO, device or folder): refused; use '-' to read a stream")
            with open(path, "rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _fail(f"{path}: cannot read the file: {exc.strerror or exc}")
    if len(raw) > MAX_FILE_BYTES:
        _fail(f"{path}: $: larger than {MAX_FILE_BYTES} bytes: refused (use assess-batch for many incidents)")
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM, as Notepad and Excel write
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(f"{path}: $: not UTF-8 text (byte {exc.start} cannot be decoded)")


def _set_catalog(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    """--tables DIR: add or override regimes with a user's TOML tables, checked like ours."""
    from pathlib import Path

    from accountability.catalog import Catalog, with_user_tables
    from accountability.rules import TableError

    from .tomlcache import install

    install()
    if value is None:
        ctx.obj = Catalog()
        return
    folder = Path(value)
    if not folder.is_dir():
        _fail(f"--tables: {value}: not a folder")
    texts = {}
    for path in sorted(folder.glob("*.toml")):
        texts[path.stem] = (str(path), _read(str(path)))
    if not texts:
        _fail(f"--tables: {value}: no *.toml table in it")
    try:
        ctx.obj = Catalog(with_user_tables(texts))
    except TableError as exc:
        _fail(str(exc))
    from accountability.catalog import regime_names

    for name in sorted(set(texts) & set(regime_names())):
        click.echo(f"note: --tables: {texts[name][0]} replaces the shipped regime '{name}'", err=True)
    ctx.meta["accountability.user_tables"] = texts  # assess-batch workers rebuild the catalogue from these


def _complete_regime(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of --regime: the shipped regimes' names (and ``all``)."""
    from click.shell_completion import CompletionItem

    from accountability.catalog import regime_names

    return [CompletionItem(n) for n in (*regime_names(), "all") if n.startswith(incomplete)]


def _complete_file(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of a file argument: the shell's own file names."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def _complete_dir(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="dir")]


tables_option = click.option(
    "--tables",
    metavar="DIR",
    envvar="ACCOUNTABILITY_TABLES",
    show_envvar=True,
    shell_complete=_complete_dir,
    callback=_set_catalog,
    expose_value=False,
    is_eager=True,
    help="Add or override regimes with the TOML tables in DIR (checked like the shipped ones).",
)


lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    envvar="ACCOUNTABILITY_LANG",
    show_envvar=True,
    help="Language of the people-facing formats (JSON keys and codes stay English).",
)

PEOPLE_FORMATS = ["json", "table", "markdown", "html"]

output_option = click.option(
    "-o",
    "--output",
    "outfile",
    default="-",
    show_default=True,
    shell_complete=_complete_file,
    help="Write to this file (UTF-8) instead of standard output.",
)


def _emit(text: str, outfile: str) -> None:
    """The output, to standard output or as UTF-8 bytes to ``outfile`` (whole, or not at all)."""
    if outfile == "-":
        click.echo(text, nl=False)
        return
    part = f"{outfile}.part"
    try:
        with open(part, "wb") as f:
            f.write(text.encode("utf-8"))
        os.replace(part, outfile)
    except OSError as exc:
        if os.path.exists(part):
            os.unlink(part)
        _fail(f"{outfile}: cannot write: {exc.strerror or exc}")


EXPLAIN_LEVELS = ["full", "summary", "none"]  # = accountability.codec.EXPLAIN_LEVELS (not imported: --help stays fast)

explain_option = click.option(
    "--explain",
    type=click.Choice(EXPLAIN_LEVELS),
    default="full",
    show_default=True,
    help="How much of the explanation the JSON holds: full; summary (consequences, removed, not evaluable, "
    "each official's verdict); none (consequences and what was not evaluable).",
)


def _wrap(title: str, text: str, fmt: str) -> str:
    """A text report as Markdown (fenced) or as a self-contained HTML page."""
    if fmt == "markdown":
        from .render import fence, markdown_text

        return f"# {markdown_text(title)}\n\n{fence(text)}"
    import html

    from .render import CSS

    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1><pre>{html.escape(text)}</pre></body></html>\n"
    )


def _catalog() -> Catalog:
    from accountability.catalog import Catalog

    from .tomlcache import install

    install()
    obj = click.get_current_context().obj
    return obj if isinstance(obj, Catalog) else Catalog()


REGIME_HELP = (
    "Regime to apply (default: the file's own, else the regimes that govern the incident's place "
    "on its date; 'auto' asks for that choice)."
)


def _regime_name(path: str, regime: str | None, own: str | None, *, auto: bool = True) -> str:
    """The regime asked for by name (--regime, else the file's own); ``auto`` when none is (for an
    incident: chosen by its place and date)."""
    names = _catalog().names()
    name = regime or own or "auto"
    if name == "auto" and auto:
        return name
    if name not in names:
        where = "--regime" if regime else "$.regime"
        _fail(f'{path}: {where}: unknown regime "{name}" (expected one of: {", ".join(names)})')
    return name


T = TypeVar("T")


def _parsed(path: str, parse: Callable[[object, Vocabulary], T]) -> T:
    """Read FILE as JSON and type it with ``parse`` against the vocabulary in force (the shared terms and
    those --tables add); bad input exits 2 with one line per problem."""
    from accountability.codec import InputError, parse_json

    try:
        return parse(parse_json(_read(path)), _catalog().vocabulary())
    except InputError as exc:
        _fail("\n".join(f"{path}: {p}" for p in exc.problems))


def _offer_vocabulary() -> None:
    """The web page and the register offer the vocabulary in force (the terms --tables add included)."""
    from .vocabulary import use

    use(_catalog().vocabulary())


def _load_case(path: str, regime: str | None) -> tuple[Case, str]:
    """The case in FILE and the regime asked for (a name, or ``auto``)."""
    from accountability.codec import parse_case

    case = _parsed(path, parse_case)
    return case, _regime_name(path, regime, case.regime)


def format_option(choices: list[str], default: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="json for systems; table, markdown or html (a printable page) for people.",
    )


def _utf8_stdout() -> None:
    """JSON, HTML, Markdown and text go out as UTF-8 whatever the console's code page (a Chinese
    Windows console redirected to a file would write GBK and fail on ✓/✗); messages never crash."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and out.encoding.replace("-", "").lower() != "utf8":
        out.reconfigure(encoding="utf-8")
    err = sys.stderr
    if isinstance(err, io.TextIOWrapper):
        err.reconfigure(errors="backslashreplace")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="accountability", prog_name="accountability")
def cli() -> None:
    """Chinese workplace-safety responsibility rules as computed, cited consequences."""
    _utf8_stdout()


@cli.command()
@tables_option
@click.argument("file", metavar="FILE", shell_complete=_complete_file)
@click.option("--regime", help=REGIME_HELP, shell_complete=_complete_regime)
@format_option(PEOPLE_FORMATS, "json")
@lang_option
@output_option
@click.option(
    "--produced-on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The date the html report names as produced (default: today in Asia/Shanghai, "
    "or the day of SOURCE_DATE_EPOCH when set).",
)
@explain_option
def assess(
    file: str, regime: str | None, fmt: str, lang: str, outfile: str, produced_on: dt.datetime | None, explain: Explain
) -> None:
    """Assess the incident in FILE (JSON; `accountability schema input` prints its schema); '-' reads standard input.

    --regime all runs every regime side by side (as `compare`).
    """
    from accountability.codec import dumps, result_to_dict
    from accountability.selection import assess as assess_chosen

    if explain != "full" and (fmt != "json" or regime == "all"):
        _fail(f"--explain {explain}: only the JSON of one regime has levels (--format json, not --regime all)")
    if regime == "all":
        _compare(file, fmt, lang, outfile)
        return
    case, name = _load_case(file, regime)
    result = assess_chosen(case, _catalog(), name)
    if fmt == "json":
        _emit(dumps(result_to_dict(result, explain)), outfile)
        return
    from . import render

    if fmt == "html":  # the HTML renderer escapes every value itself
        day = produced_on.date() if produced_on else None  # None: SOURCE_DATE_EPOCH, else today in Shanghai
        _emit(render.render_html(case, result, lang, produced_on=day), outfile)
        return
    renderer = {"table": render.render_table, "markdown": render.render_markdown}[fmt]
    escape = render.terminal_text if fmt == "table" else render.markdown_text
    text = renderer(render.escaped(case, escape), render.escaped(result, escape), lang)
    _emit(render.terminal_safe(text), outfile)


@cli.command("assess-batch")
@tables_option
@click.argument("infile", metavar="IN.jsonl", shell_complete=_complete_file)
@click.option("-o", "--output", "outfile", default="-", show_default=True, help="Where to write the results (JSONL).")
@click.option(
    "--regime",
    help="Regime for every line (default: each line's own, else chosen by its place and date; 'auto': always so).",
    shell_complete=_complete_regime,
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "xlsx", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl; or a sheet, one row per consequence (xlsx needs -o FILE and the excel extra; CSV: UTF-8 with a BOM).",
)
@explain_option
def assess_batch(infile: str, outfile: str, regime: str | None, workers: int, fmt: str, explain: Explain) -> None:
    """Assess one incident per line of IN.jsonl ('-': standard input), one result per line, in input order.

    A bad line becomes an error record with its line number, JSON path and message; the run never stops on it.
    The summary (in = assessed + errors) goes to standard error.
    """
    from .batch_io import EXIT_OUTPUT, EXIT_SIGINT, EXIT_SIGTERM, leave, run_batch

    catalog = _catalog()
    if regime is not None and regime != "auto" and regime not in catalog.names():
        _fail(f'--regime: unknown regime "{regime}" (expected one of: {", ".join(catalog.names())}, auto)')
    user_tables = click.get_current_context().meta.get("accountability.user_tables")
    if fmt != "jsonl":
        from .register import batch_as_sheet

        codes: list[int] = []

        def into(jsonl: str) -> None:
            codes.append(run_batch(infile, jsonl, regime, workers, catalog, _fail, user_tables, explain))
            if codes[-1] in (EXIT_SIGINT, EXIT_SIGTERM, EXIT_OUTPUT):
                leave(codes[-1], workers)  # interrupted or failed to write: no sheet from a partial run

        batch_as_sheet(fmt, outfile, into, _fail)
        leave(codes[0] if codes else 0, workers)
        return
    leave(run_batch(infile, outfile, regime, workers, catalog, _fail, user_tables, explain), workers)


@cli.command()
@tables_option
@click.argument("file", metavar="FILE", shell_complete=_complete_file)
@click.option(
    "--regime",
    help="Regime whose duty catalogue to check against (default: the file's own, else card).",
    shell_complete=_complete_regime,
)
@format_option(["json", "table"], "table")
@lang_option
def duties(file: str, regime: str | None, fmt: str, lang: str) -> None:
    """Check an official's ledger (FILE: {regime, official: {post, ledger}}) against the duty catalogue."""
    from accountability.codec import dumps, ledger_to_dict, parse_ledger_case
    from accountability.duties import check_ledger

    data = _parsed(file, parse_ledger_case)
    name = _regime_name(file, regime, data.regime, auto=False)
    official = data.official
    assert official.ledger is not None
    result = check_ledger(_catalog().load(name).duties, official.post, official.ledger)
    out = ledger_to_dict(official, result)
    if fmt == "json":
        click.echo(dumps({"regime": name, **out}), nl=False)
    else:
        from .render import escaped, render_ledger, terminal_safe, terminal_text

        text = render_ledger(name, escaped(official, terminal_text), escaped(out, terminal_text), lang)
        click.echo(terminal_safe(text), nl=False)


@cli.command()
@click.argument("which", type=click.Choice(["input", "output", "review", "ledger"]))
@tables_option
def schema(which: str) -> None:
    """Print the JSON Schema (draft 2020-12) of the input or output documents (with --tables: their
    enums include the terms the tables add to the vocabulary)."""
    from accountability.codec import dumps
    from accountability.schema import schema as build

    click.echo(dumps(build(which, _catalog().vocabulary())), nl=False)


@cli.command()
@tables_option
@click.argument("file", metavar="FILE", shell_complete=_complete_file)
@format_option(PEOPLE_FORMATS, "table")
@lang_option
@output_option
def compare(file: str, fmt: str, lang: str, outfile: str) -> None:
    """Run every regime on the incident in FILE and show, per official, what each would do."""
    _compare(file, fmt, lang, outfile)


def _compare(file: str, fmt: str, lang: str, outfile: str) -> None:
    from accountability.codec import compare_to_dict, dumps
    from accountability.engine import compare_case

    case, _ = _load_case(file, None)
    catalog = _catalog()
    results = compare_case(case, [catalog.load(n) for n in catalog.names()])
    if fmt == "json":
        _emit(dumps(compare_to_dict(results)), outfile)
    else:
        from .render import escaped, render_compare, terminal_safe, terminal_text

        text = terminal_safe(render_compare(escaped(case, terminal_text), escaped(results, terminal_text), lang))
        _emit(text if fmt == "table" else _wrap(f"compare {case.incident.id or ''}", text, fmt), outfile)


@cli.command()
@tables_option
@click.argument("file", metavar="FILE", shell_complete=_complete_file)
@click.option("--regime", help=REGIME_HELP, shell_complete=_complete_regime)
@format_option(PEOPLE_FORMATS, "json")
@lang_option
@output_option
def review(file: str, regime: str | None, fmt: str, lang: str, outfile: str) -> None:
    """A unit's year (FILE: assessment, incidents, officials): band, veto, fine or reward and every share."""
    from accountability.codec import dumps, parse_review, review_to_dict
    from accountability.engine import review_case

    data = _parsed(file, parse_review)
    name = _regime_name(file, regime, data.regime, auto=False)
    result = review_case(data, _catalog().load(name))
    if fmt == "json":
        _emit(dumps(review_to_dict(result)), outfile)
    else:
        from .render import escaped, render_review, terminal_safe, terminal_text

        text = terminal_safe(
            render_review(escaped(data.officials, terminal_text), escaped(result, terminal_text), lang)
        )
        title = f"review {data.assessment.name or ''} {data.assessment.year}"
        _emit(text if fmt == "table" else _wrap(title, text, fmt), outfile)


@cli.command()
@tables_option
@click.argument("file", metavar="FILE", shell_complete=_complete_file)
@click.option("--official", "official_id", required=True, help="The official's id in $.officials.")
@click.option("--regime", help=REGIME_HELP, shell_complete=_complete_regime)
@lang_option
@output_option
def explain(file: str, official_id: str, regime: str | None, lang: str, outfile: str) -> None:
    """The trail for one official: clauses applied, considered and not applied (why), conflicts, unknowns."""
    from accountability.selection import assess as assess_chosen
    from accountability.selection import choose

    from .render import escaped, render_explain, terminal_safe, terminal_text

    case, name = _load_case(file, regime)
    ids = [o.id for o in case.officials]
    if official_id not in ids:
        known = ", ".join(ids) if ids else "none"
        _fail(f'{file}: --official: no official "{official_id}" in $.officials (ids: {known})')
    loaded, _ = choose(case, _catalog(), name)
    result = assess_chosen(case, _catalog(), name)
    text = render_explain(
        escaped(case, terminal_text), escaped(result, terminal_text), loaded, terminal_text(official_id), lang
    )
    _emit(terminal_safe(text), outfile)


@cli.command()
@click.option("--deaths", type=click.IntRange(min=0), required=True, help="Deaths.")
@click.option(
    "--injuries",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Serious injuries, acute industrial poisoning included.",
)
@click.option("--loss", default="0", show_default=True, help="Direct economic loss in CNY.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@lang_option
def grade(deaths: int, injuries: int, loss: str, fmt: str, lang: str) -> None:
    """The national grade (493号 第三条) and the death band of a set of figures."""
    from decimal import Decimal, InvalidOperation

    from accountability.codec import dumps
    from accountability.grading import death_band, national_grade
    from accountability.money import money_text

    from .render import grade_lines

    try:
        amount = Decimal(loss)
    except InvalidOperation:
        _fail(f"--loss: expected an amount in CNY such as 3500000, found {loss!r}")
    if not amount.is_finite() or amount < 0:
        _fail(f"--loss: expected a non-negative amount in CNY, found {loss!r}")
    overall, by_deaths, by_injuries, by_loss = national_grade(deaths, injuries, amount)
    band = death_band(deaths)
    if fmt == "json":
        click.echo(
            dumps(
                {
                    "death_band": band.value,
                    "national": overall.value,
                    "criteria": {
                        "deaths": by_deaths.value,
                        "serious_injuries": by_injuries.value,
                        "direct_loss": by_loss.value,
                    },
                    "input": {
                        "deaths": deaths,
                        "serious_injuries": injuries,
                        "direct_loss_cny": money_text(amount),
                    },
                }
            ),
            nl=False,
        )
    else:
        click.echo(grade_lines(deaths, injuries, amount, lang), nl=False)


@cli.command()
@tables_option
@click.option(
    "--regime",
    default="card",
    show_default=True,
    help="Regime whose rules to list ('all': every table).",
    shell_complete=_complete_regime,
)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
def rules(regime: str, fmt: str) -> None:
    """List the rules of a regime: id, article, one-line summary."""
    from accountability.codec import dumps

    catalog = _catalog()
    names = catalog.names()
    if regime not in (*names, "all"):
        _fail(f'--regime: unknown regime "{regime}" (expected one of: {", ".join(names)}, all)')
    from accountability.catalog import rules_document

    document = rules_document(catalog, regime)
    tables, rows = document["tables"], document["rules"]
    assert isinstance(tables, list) and isinstance(rows, list)
    if fmt == "json":
        click.echo(dumps(document), nl=False)
        return
    lines = [
        f"规则体系 regime {regime}: tables {', '.join(tables)}; {len(rows)} rules",
        "",
    ]
    for row in rows:
        lines.append(f"{row['id']}")
        lines.append(f"    {'; '.join(row['articles'])}")
        lines.append(f"    {row['summary']}")
    from .render import terminal_safe

    click.echo(terminal_safe("\n".join(lines) + "\n"), nl=False)


@cli.command()
@tables_option
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
def regimes(fmt: str) -> None:
    """List every regime: where it governs, from which day, and its documents (文号, issuer, dates)."""
    from accountability.codec import dumps
    from accountability.selection import regimes_listing

    rows = regimes_listing(_catalog())
    if fmt == "json":
        click.echo(dumps({"regimes": rows}), nl=False)
        return
    lines: list[str] = []
    for row in rows:
        governs = row["governs"]
        if governs is None:
            where = "不按地点选定 (chosen only by name)"
        else:
            where = "; ".join(governs["places"]) + f" · 自 from {governs['from']}"
        lines += [f"{row['name']}: {row['title']}", f"  适用 governs: {where}"]
        if row["includes"]:
            lines.append(f"  包含 includes: {', '.join(row['includes'])}")
        for doc in row["documents"]:
            facts = [doc["number"], doc["issuer"]]
            if doc["issued_on"]:
                facts.append(f"印发 issued {doc['issued_on']}")
            facts.append(f"施行 in force {doc['effective_from']}")
            lines.append(f"  - {doc['title']} · " + " · ".join(f for f in facts if f))
        lines.append("")
    click.echo("\n".join(lines), nl=False)


@cli.command("test")
@tables_option
@click.argument("cases_file", metavar="CASES", shell_complete=_complete_file)
def test_cases(cases_file: str) -> None:
    """Run expected-outcome cases (CASES.json or .yaml) against the tables.

    Exit 0 all pass, 1 a case failed, 2 bad input (the cases file or a case's input), 3 an internal error.
    """
    from pathlib import Path

    from accountability.codec import InputError, parse_json

    from .cases import CasesError, run_case
    from .render import terminal_safe

    text = _read(cases_file)
    if cases_file.endswith((".yaml", ".yml")):
        import yaml

        from .cases import load_yaml

        try:
            cases = load_yaml(text)
        except (yaml.YAMLError, CasesError) as exc:
            _fail(f"{cases_file}: not valid YAML: {exc}")
    else:
        try:
            cases = parse_json(text)
        except InputError as exc:
            _fail(f"{cases_file}: {exc.problems[0]}")
    if not isinstance(cases, list) or not cases:
        _fail(f"{cases_file}: expected a list of cases")
    base = Path(cases_file).parent
    catalog = _catalog()

    def read_input(name: str) -> object:
        path = str(base / name)
        try:
            return parse_json(_read(path))
        except InputError as exc:
            _fail(f"{path}: {exc.problems[0]}")

    passed = failed = broken = 0
    for index, case in enumerate(cases):
        try:
            name, failures = run_case(index, case, read_input, catalog.load, catalog.names(), catalog)
        except CasesError as exc:
            _fail(f"{cases_file}: {exc}")
        except Exception as exc:  # the library failed on this case: not the user's fault, not a failed case
            broken += 1
            click.echo(terminal_safe(f"ERROR case #{index + 1}: internal error: {type(exc).__name__}: {exc}"))
            continue
        if failures:
            failed += 1
            click.echo(terminal_safe(f"FAIL {name}"))
            for failure in failures:
                click.echo(terminal_safe(f"  - {failure}"))
        else:
            passed += 1
            click.echo(terminal_safe(f"PASS {name}"))
    click.echo(f"{passed} passed, {failed} failed" + (f", {broken} internal errors" if broken else ""))
    if broken:
        sys.exit(EXIT_TEST_INTERNAL)
    if failed:
        sys.exit(EXIT_TEST_FAILED)


@cli.command()
@tables_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """The HTTP JSON API and the web page (needs the serve extra: pip install 'accountability[serve]').

    POST /assess, /explain, /compare, /review, /duties; GET /regimes, /rules, /schema/NAME, /openapi.json;
    the form for people at /. See docs/serve.md.
    """
    try:
        from .serve import run
    except ImportError as exc:
        click.echo(
            f"accountability serve needs the serve extra ({exc.name} is not installed): "
            "pip install 'accountability[serve]'",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    _offer_vocabulary()
    run(host, port, _catalog())


@cli.command("import")
@tables_option
@click.argument("register", metavar="REGISTER", shell_complete=_complete_file)
@click.option("-o", "--output", "outfile", default="-", show_default=True, help="Where to write the JSONL.")
def import_register(register: str, outfile: str) -> None:
    """Turn a register (REGISTER.xlsx, .xls, .ods or .csv: sheets 事故 and 人员) into the JSONL assess-batch reads.

    A bad cell exits 2 naming the sheet, the row, the column, what was expected and what was found.
    See docs/registers.md.
    """
    from .register import import_command

    _offer_vocabulary()
    import_command(register, outfile, _catalog().names(), _fail)


@cli.command()
@tables_option
@click.argument("register", metavar="REGISTER", shell_complete=_complete_file)
def template(register: str) -> None:
    """Write an empty register (REGISTER.xlsx: headers, drop-down lists, a sheet that explains each column;
    REGISTER.csv: NAME.csv and NAME.人员.csv with the headers)."""
    from .register import template_command

    _offer_vocabulary()
    template_command(register, _catalog().names(), _fail)


def main() -> None:
    """Entry point: exit 0 assessed, 2 bad input, 1 internal error (never a traceback)."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.exceptions.Abort:  # Ctrl-C outside assess-batch (which reports its own interrupts)
        click.echo("aborted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: a message, not a traceback
        from .render import terminal_safe

        click.echo(terminal_safe(f"internal error: {type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_INTERNAL)
