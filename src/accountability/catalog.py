"""The tables shipped with the package (``accountability/tables``), read once and cached."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from .rules import Regime, Table, TableError, compose, compose_tables, parse_table
from .terms import learn
from .vocabulary import Vocabulary, VocabularyError, parse_vocabulary, shared

# The file of a folder of tables that holds vocabulary, not a regime (tables/vocabulary.toml is the shared one).
VOCABULARY_FILE = "vocabulary"


def _folder() -> Traversable:
    return resources.files("accountability") / "tables"


@cache
def regime_names() -> tuple[str, ...]:
    """The shipped regimes: one per table file (read without parsing any)."""
    names = (e.name.removesuffix(".toml") for e in _folder().iterdir() if e.name.endswith(".toml"))
    return tuple(sorted(n for n in names if n != VOCABULARY_FILE))


@cache
def shipped_table(name: str) -> Table:
    """One shipped table, parsed and checked on first use."""
    entry = _folder() / f"{name}.toml"
    return parse_table(name, entry.read_text(encoding="utf-8"), filename=f"tables/{name}.toml")


class _Lazy(Mapping[str, Table]):
    """The shipped tables as a mapping that parses a table only when a regime needs it."""

    def __getitem__(self, name: str) -> Table:
        if name not in regime_names():
            raise KeyError(name)
        return shipped_table(name)

    def __iter__(self) -> Iterator[str]:
        return iter(regime_names())

    def __len__(self) -> int:
        return len(regime_names())


def shipped_tables() -> dict[str, Table]:
    """Every shipped table, parsed and checked."""
    return {name: shipped_table(name) for name in regime_names()}


@cache
def _composed(name: str, names: tuple[str, ...]) -> Regime:
    return compose_tables(name, names, _Lazy())


@cache
def load_regime(name: str) -> Regime:
    if name not in regime_names():
        raise TableError(f"unknown regime '{name}': known regimes are {', '.join(regime_names())}")
    return compose(name, _Lazy())


MAX_TABLE_BYTES = 1_000_000


def with_user_tables(texts: Mapping[str, tuple[str, str]]) -> dict[str, Table]:
    """The shipped tables plus a user's (name → (filename, TOML text)); a user table of the same name
    replaces the shipped one. Each is checked like ours; a bad one raises :class:`TableError`.

    A ``vocabulary.toml`` among them adds terms to the shared vocabulary (posts, kinds, conduct flags, …)
    for every table; a table may add its own under ``[vocabulary.GROUP]``. The catalog's vocabulary is
    the union (:meth:`Catalog.vocabulary`)."""
    texts = dict(texts)
    base = shared()
    if VOCABULARY_FILE in texts:
        filename, text = texts.pop(VOCABULARY_FILE)
        try:
            base = parse_vocabulary(_bounded(filename, text), filename, base)
        except VocabularyError as exc:
            raise TableError("\n".join(exc.problems)) from None
    tables = dict(shipped_tables())
    for name, (filename, text) in sorted(texts.items()):
        try:
            tables[name] = parse_table(name, _bounded(filename, text), filename=filename, vocabulary=base)
        except RecursionError:
            raise TableError(f"{filename}: nested too deeply: refused") from None
    for name in tables:
        compose(name, tables)  # every regime must compose (includes resolve, no duplicate ids)
    vocabulary_of(tables)  # two tables may not declare one code twice
    return tables


def _bounded(filename: str, text: str) -> str:
    if len(text.encode("utf-8")) > MAX_TABLE_BYTES:
        raise TableError(f"{filename}: larger than {MAX_TABLE_BYTES} bytes: refused")
    return text


def vocabulary_of(tables: Mapping[str, Table]) -> Vocabulary:
    """The vocabulary in force for a set of tables: the shared terms and every term a table adds."""
    try:
        return shared().merged((f"tables/{name}.toml", t.vocabulary) for name, t in sorted(tables.items()))
    except VocabularyError as exc:
        raise TableError("\n".join(exc.problems)) from None


class Catalog:
    """The regimes a command can use: the shipped tables, optionally with a user's."""

    def __init__(self, tables: Mapping[str, Table] | None = None) -> None:
        self._tables = dict(tables) if tables is not None else None
        # Regimes composed from a user's tables, by name (one table and what it includes) or by the names of
        # the tables composed on the fly. The tables are fixed when the catalog is made, so a regime composed
        # once is the regime for the catalog's life (the shipped tables' regimes are cached in the module).
        self._composed: dict[tuple[str, tuple[str, ...] | None], Regime] = {}
        self._vocabulary: Vocabulary | None = None
        if self._tables is not None:
            self.vocabulary()  # the terms a user's tables add are known before anything is shown

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._tables)) if self._tables is not None else regime_names()

    def vocabulary(self) -> Vocabulary:
        """The vocabulary the input is checked against: the shared terms (``tables/vocabulary.toml``) and,
        with a user's tables, the terms they add (made known to the renderers, :func:`terms.learn`)."""
        if self._vocabulary is None:
            if self._tables is None:
                self._vocabulary = shared()
            else:
                self._vocabulary = vocabulary_of(self._tables)
                learn(self._vocabulary)
        return self._vocabulary

    def table(self, name: str) -> Table:
        """One table, parsed (its metadata: documents, where and from when it governs)."""
        if self._tables is None:
            if name not in regime_names():
                raise TableError(f"unknown regime '{name}': known regimes are {', '.join(self.names())}")
            return shipped_table(name)
        if name not in self._tables:
            raise TableError(f"unknown regime '{name}': known regimes are {', '.join(self.names())}")
        return self._tables[name]

    def tables(self) -> Mapping[str, Table]:
        """Every table by name (the shipped ones parsed only when read)."""
        return _Lazy() if self._tables is None else self._tables

    def compose(self, name: str, names: tuple[str, ...]) -> Regime:
        """A regime made on the fly of several tables (see :func:`compose_tables`)."""
        if self._tables is None:
            return _composed(name, names)
        key = (name, names)
        if key not in self._composed:
            self._composed[key] = compose_tables(name, names, self._tables)
        return self._composed[key]

    def load(self, name: str) -> Regime:
        if self._tables is None:
            return load_regime(name)
        if name not in self._tables:
            raise TableError(f"unknown regime '{name}': known regimes are {', '.join(self.names())}")
        key = (name, None)
        if key not in self._composed:
            self._composed[key] = compose(name, self._tables)
        return self._composed[key]


def rules_document(catalog: Catalog, regime: str) -> dict[str, object]:
    """Every rule of ``regime`` (or of every regime, ``"all"``: each table once, under its own regime):
    id, table, articles, era and summary — ``accountability rules --format json`` and ``GET /rules``."""
    names = catalog.names()
    regimes = [catalog.load(n) for n in names] if regime == "all" else [catalog.load(regime)]
    rows: list[dict[str, object]] = []
    tables: list[str] = []
    for loaded in regimes:
        for t in loaded.tables:
            if t.name not in tables:
                tables.append(t.name)
        for rule_id, table, summary, start, end in loaded.listing():
            if regime == "all" and table != loaded.name:
                continue
            rows.append(
                {
                    "id": rule_id,
                    "table": table,
                    "articles": loaded.describe(rule_id, start)[0].split("；"),
                    "effective_from": "unknown" if start.year == 1900 else start.to_date_string(),
                    "effective_to": None if end is None else end.to_date_string(),
                    "summary": summary,
                }
            )
    return {"regime": regime, "tables": tables, "rules": rows}
