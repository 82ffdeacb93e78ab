"""The vocabulary: every code the input and the tables may use, with its Chinese and English label.

It is table data. The shared terms are ``tables/vocabulary.toml``; a regime's table may add terms
of its own under ``[vocabulary.GROUP]``, and a folder of user tables may hold a ``vocabulary.toml``
of its own (docs/authoring.md). A new post, sector, kind of consequence or conduct fact is a table
edit: the input is checked against the vocabulary in force (:meth:`Vocabulary.codes`), the JSON
Schema's enums and the people-facing labels (``terms``) are read from it.

A code has one label wherever it is shown: declaring again a code the vocabulary in force already has is
accepted only with the same labels (a copy of the shipped folder with its vocabulary.toml loads), and
refused with others.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

import attrs

# Each group, with the name of its definition in the input and output JSON Schemas.
GROUPS: Mapping[str, str] = {
    "post": "Post",
    "sector": "Sector",
    "accident_type": "AccidentType",
    "status": "Status",
    "unit_kind": "UnitKind",
    "system": "System",
    "level": "Level",
    "report_failure": "ReportFailure",
    "activity": "Activity",
    "form": "Form",
    "sanction": "Sanction",
    "kind": "Kind",
    "conduct": "Conduct",
    "incident_fact": "IncidentFact",
}

_CODE = re.compile(r"[a-z][a-z0-9_]*\Z")
MAX_LABEL_CHARS = 200


class VocabularyError(ValueError):
    """A vocabulary that cannot be used: every problem, each naming the file and the TOML key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@attrs.frozen
class Term:
    code: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@attrs.frozen(eq=False)
class Vocabulary:
    """Terms by group, in their declared order; ``aliases`` maps a group's accepted old spelling to a code."""

    groups: Mapping[str, Mapping[str, Term]]
    aliases: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)

    def codes(self, group: str) -> tuple[str, ...]:
        return tuple(self.groups.get(group, {}))

    def has(self, group: str, code: str) -> bool:
        return code in self.groups.get(group, {})

    def terms(self, group: str) -> tuple[Term, ...]:
        return tuple(self.groups.get(group, {}).values())

    def label(self, group: str, code: str, lang: str) -> str:
        """The label of ``code`` in ``lang``; a code the group lacks is shown as itself."""
        found = self.groups.get(group, {}).get(code)
        return code if found is None else found.label(lang)

    def extended(self, raw: object, where: str) -> Vocabulary:
        """This vocabulary with the terms of ``raw`` (the TOML of ``[vocabulary]``: group → code → labels)
        added. Raises :class:`VocabularyError` listing every problem (``where`` names the file)."""
        problems: list[str] = []
        groups = {g: dict(terms) for g, terms in self.groups.items()}
        if not isinstance(raw, dict):
            raise VocabularyError([f"{where}: expected tables [GROUP] of terms, found {type(raw).__name__}"])
        for group, terms in raw.items():
            if group not in GROUPS:
                problems.append(f"{where}: [{group}]: unknown group (expected one of: {', '.join(GROUPS)})")
                continue
            if not isinstance(terms, dict):
                problems.append(f'{where}: [{group}]: expected terms `code = {{ zh = "…", en = "…" }}`')
                continue
            for code, term in terms.items():
                problem = _term_problem(code, term)
                known = groups.setdefault(group, {}).get(code)
                if problem is None and known is not None and (known.zh, known.en) != (term["zh"], term["en"]):
                    problem = "already declared with other labels (a code has one label wherever it is shown)"
                if problem is not None:
                    problems.append(f"{where}: {group}.{code}: {problem}")
                    continue
                groups[group][code] = Term(code, term["zh"], term["en"])
        if problems:
            raise VocabularyError(problems)
        return Vocabulary(groups, self.aliases)

    def merged(self, others: Iterable[tuple[str, Vocabulary]]) -> Vocabulary:
        """This vocabulary with every term the others have beyond it (each named by its file). A code
        two of them declare with different labels is refused: a code has one label wherever it is shown."""
        groups = {g: dict(terms) for g, terms in self.groups.items()}
        problems: list[str] = []
        for where, other in others:
            for group, terms in other.groups.items():
                mine = groups.setdefault(group, {})
                for code, term in terms.items():
                    if code not in mine:
                        mine[code] = term
                    elif mine[code] != term:
                        problems.append(f"{where}: {group}.{code}: declared again with other labels")
        if problems:
            raise VocabularyError(problems)
        return Vocabulary(groups, self.aliases)


def _term_problem(code: str, term: object) -> str | None:
    if not _CODE.match(code):
        return "a code is lower-case ASCII letters, digits and _ (it is a JSON value)"
    if not isinstance(term, dict) or set(term) != {"zh", "en"}:
        return 'expected { zh = "…", en = "…" } (both labels, nothing else)'
    for lang in ("zh", "en"):
        label = term[lang]
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL_CHARS:
            return f"{lang}: expected a label of 1 to {MAX_LABEL_CHARS} characters"
    return None


def parse_vocabulary(text: str, where: str, base: Vocabulary | None = None) -> Vocabulary:
    """A vocabulary file (``tables/vocabulary.toml`` or a user's): groups of terms, and ``[aliases]``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError([f"{where}: not valid TOML: {exc}"]) from None
    raw_aliases = data.pop("aliases", {})
    vocabulary = (base or Vocabulary({})).extended(data, where)
    if not raw_aliases:
        return vocabulary
    aliases = {g: dict(a) for g, a in vocabulary.aliases.items()}
    problems = []
    for group, pairs in raw_aliases.items() if isinstance(raw_aliases, dict) else []:
        for old, code in pairs.items() if isinstance(pairs, dict) else []:
            if not vocabulary.has(group, code) or vocabulary.has(group, old) or not _CODE.match(old):
                problems.append(f"{where}: aliases.{group}.{old}: expected a new spelling of a code of [{group}]")
            aliases.setdefault(group, {})[old] = code
    if problems or not isinstance(raw_aliases, dict):
        raise VocabularyError(problems or [f"{where}: [aliases]: expected tables [aliases.GROUP]"])
    return Vocabulary(vocabulary.groups, aliases)


@cache
def shared() -> Vocabulary:
    """The shared vocabulary shipped with the package (``tables/vocabulary.toml``)."""
    entry = resources.files("accountability") / "tables" / "vocabulary.toml"
    return parse_vocabulary(entry.read_text(encoding="utf-8"), "tables/vocabulary.toml")
