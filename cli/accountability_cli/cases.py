"""``accountability test CASES``: a user's expected outcomes, checked against the tables (like ``openfisca test``).

A cases file (JSON, or YAML) is a list of cases::

    - name: four deaths reach the deputies
      file: xpcc-4-deaths.json          # or input: {...}; paths are relative to the cases file
      regime: xpcc                       # optional: else the input's own, else chosen by place and date
      expect:
        grade: larger                    # the national grade
        consequences:                    # each must be among the output's (keys compared as output)
          - {rule: xpcc.larger_3_5, kind: self_criticism, target: o1}
        absent:                          # none of these may be
          - {rule: xpcc.larger_6_9}
        officials:                       # per official id, fields of the summary
          o1: {accountable: true, form_range: [notice, suspension]}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from accountability import assess_case
from accountability.catalog import Catalog
from accountability.codec import InputError, parse_case, result_to_dict
from accountability.rules import Regime
from accountability.selection import AUTO
from accountability.selection import assess as assess_chosen

CASE_KEYS = {"name", "file", "input", "regime", "expect"}
EXPECT_KEYS = {"grade", "consequences", "absent", "officials", "not_evaluable"}


class CasesError(ValueError):
    """A cases file that cannot be run; the message names the case and what was expected."""


def load_yaml(text: str) -> object:
    """YAML cases as plain data, strictly: dates (``2024-05-12``) and decimals (``1.10``) stay strings, as
    the JSON input needs them; only ``true``/``false`` are booleans and only plain decimal integers are
    numbers; aliases (``*name``) are refused, so a "billion laughs" file fails at once. Raises
    ``yaml.YAMLError`` (or :class:`CasesError` for nesting too deep)."""
    import yaml

    try:
        return yaml.load(text, Loader=_strict_loader())
    except RecursionError:
        raise CasesError("nested too deeply") from None


_LOADER: type | None = None


def _strict_loader() -> type:
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import re

    import yaml

    class StrictLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed in a cases file", event.start_mark
                )
            return super().compose_node(parent, index)

    resolvers: dict[Any, list[tuple[str, Any]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [
            (tag, regexp)
            for tag, regexp in entries
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
            and tag != "tag:yaml.org,2002:int"
        ]
        if kept:
            resolvers[first] = kept
    StrictLoader.yaml_implicit_resolvers = resolvers
    StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
    )
    _LOADER = StrictLoader
    return StrictLoader


def _matches(consequence: Mapping[str, Any], want: Mapping[str, Any]) -> bool:
    for key, value in want.items():
        if key == "target":
            target = consequence["target"]
            if value not in (target.get("id"), target.get("name")):
                return False
        elif consequence.get(key) != value:
            return False
    return True


def run_case(
    index: int,
    case: object,
    read_input: Callable[[str], object],
    load: Callable[[str], Regime],
    names: tuple[str, ...],
    catalog: Catalog | None = None,
) -> tuple[str, list[str]]:
    """Run one case; returns its name and the list of failures (empty when it passes)."""
    where = f"case #{index + 1}"
    if not isinstance(case, dict):
        raise CasesError(f"{where}: expected a mapping with name, file or input, and expect")
    name = str(case.get("name") or where)
    where = f"{where} ({name})"
    extra = set(case) - CASE_KEYS
    if extra:
        raise CasesError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
    if ("file" in case) == ("input" in case):
        raise CasesError(f"{where}: give exactly one of file and input")
    expect = case.get("expect")
    if not isinstance(expect, dict) or not expect or set(expect) - EXPECT_KEYS:
        raise CasesError(f"{where}: expect is a mapping of {', '.join(sorted(EXPECT_KEYS))}")
    data = read_input(str(case["file"])) if "file" in case else case["input"]
    try:
        parsed = parse_case(data, None if catalog is None else catalog.vocabulary())
    except InputError as exc:
        raise CasesError(f"{where}: the input is not valid: {exc.problems[0]}") from None
    regime = str(case.get("regime") or parsed.regime or AUTO)
    if regime != AUTO and regime not in names:
        raise CasesError(f"{where}: unknown regime {regime!r}")
    if regime == AUTO:  # chosen by the incident's place and date
        out = result_to_dict(assess_chosen(parsed, catalog or Catalog(), AUTO))
    else:
        out = result_to_dict(assess_case(parsed, load(regime)))
    failures: list[str] = []
    if "grade" in expect and out["grade"]["national"] != expect["grade"]:  # type: ignore[index]
        failures.append(f"grade: expected {expect['grade']}, got {out['grade']['national']}")  # type: ignore[index]
    consequences: list[dict[str, Any]] = out["consequences"]  # type: ignore[assignment]
    for want in expect.get("consequences", []):
        if not any(_matches(c, want) for c in consequences):
            failures.append(f"missing consequence {want}")
    for unwanted in expect.get("absent", []):
        found = [c for c in consequences if _matches(c, unwanted)]
        if found:
            failures.append(f"unexpected consequence {unwanted} ({len(found)} found)")
    for rule in expect.get("not_evaluable", []):
        if not any(n["rule"] == rule for n in out["not_evaluable"]):  # type: ignore[attr-defined]
            failures.append(f"expected {rule} to be not evaluable")
    officials = {o["id"]: o for o in out["officials"]}  # type: ignore[attr-defined]
    for official_id, fields in (expect.get("officials") or {}).items():
        summary = officials.get(official_id)
        if summary is None:
            failures.append(f"no official {official_id} in the output")
            continue
        for key, value in fields.items():
            if summary.get(key) != value:
                failures.append(f"official {official_id}: {key} expected {value!r}, got {summary.get(key)!r}")
    return name, failures
