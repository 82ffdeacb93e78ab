"""The reference page of a regime, written from its tables: every rule and clause with its articles,
quoted text, dates and reading (docs/regimes/<name>.md; the tests check the pages are current)."""

from __future__ import annotations

from collections.abc import Iterable

from .outcome import Citation
from .rules import Regime

EXAMPLES = {
    "xpcc": ["xpcc.md", "assessment.md"],
    "guiyang": ["guiyang.md"],
    "card": ["card.md"],
    "national": ["national.md"],
    "zhejiang": ["jurisdictions.md"],
    "yunnan": ["jurisdictions.md"],
    "shanxi": ["jurisdictions.md"],
    "bazhong": ["jurisdictions.md"],
    "kunming": ["jurisdictions.md"],
    "tongzhou": ["jurisdictions.md"],
}


def _entry(
    heading: str,
    summary: str,
    reading: str | None,
    citations: Iterable[Citation],
    encoded: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """One rule: heading, summary, reading, each quoted article, and what the row encodes."""
    lines = [f"### {heading}", "", summary, ""]
    if reading:
        lines += [f"*Reading:* {reading}", ""]
    lines += [f"> {c.document} {c.article}: 「{c.quote}」" for c in citations]
    shown = list(encoded)
    if shown:
        lines += ["", "Encoded as:", "", "```toml", *(f"{k} = {v}" for k, v in shown), "```"]
    return [*lines, ""]


def regime_page(regime: Regime) -> str:
    own = regime.tables[0]
    lines = [
        f"# Regime `{regime.name}`: {own.title}",
        "",
        "Written from the tables by `scripts/regime-pages`; do not edit by hand.",
        "",
        f"Tables: {', '.join(f'`{t.name}`' for t in regime.tables)}. "
        f"Worked examples: {', '.join(f'[{p}](../{p})' for p in EXAMPLES.get(regime.name, ['jurisdictions.md']))}.",
        "",
    ]
    for table in regime.tables:
        if not table.rules and not table.sanctions and not table.duties:
            continue
        lines += [f"## `{table.name}`: {table.title}", ""]
        for rule in table.rules:
            span = f"{rule.effective_from}–{rule.effective_to or ''}" if not rule.date_unknown else "date unknown"
            lines += _entry(f"`{rule.id}` ({span})", rule.summary, rule.reading, rule.citations.values(), rule.encoded)
        if table.sanctions:
            lines += ["### Sanctions and their periods", "", "| code | name | period | effect |", "|---|---|---|---|"]
            for s in table.sanctions.values():
                period = (
                    f"{s.months} months"
                    if s.months
                    else (f"{s.readmission_years} years" if s.readmission_years else "—")
                )
                lines.append(f"| `{s.code}` | {s.name} | {period} | {s.effect} |")
            lines.append("")
        if table.duties:
            lines += ["### Duty catalogue", "", "| id | posts | levels | at least | source |", "|---|---|---|---|---|"]
            for d in table.duties:
                posts = ", ".join(sorted(d.posts))
                levels = ", ".join(sorted(d.levels)) or "any"
                lines.append(
                    f"| `{d.id}` | {posts} | {levels} | {d.min} {d.activity} per {d.per} | "
                    f"{d.citation.document} {d.citation.article} |"
                )
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
