"""The caches change nothing but the time: memoised event texts, regimes composed once per catalog, the
converter built on first use."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

from accountability import events
from accountability.catalog import Catalog, shipped_tables
from accountability.codec import dumps, parse_case, result_to_dict
from accountability.events import ev, plain, render
from accountability.selection import assess
from helpers import EXAMPLES


def test_plain_events_are_memoised_and_render_as_before() -> None:
    event = ev("selector.not", label="分管领导", parts=(ev("post.out", post="unit_head", posts=("deputy_safety",)),))
    assert plain(event)
    for lang in ("en", "zh"):
        assert render(event, lang) == events._render(event, lang)
        assert (event, lang) in events._MEMO
        assert render(event, lang) == events._render(event, lang)


def test_an_event_with_a_decimal_is_never_memoised() -> None:
    """Decimal("1.0") == 1 and hashes alike: memoising it could show one as the other."""
    whole = ev("note.split", amount="1", count=1)
    decimal = ev("note.split", amount="1", count=Decimal("1.0"))
    assert whole == decimal
    assert not plain(decimal)
    assert render(whole) != render(decimal)
    assert render(decimal) == events._render(decimal, "en")
    assert render(whole) == events._render(whole, "en")


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "MEMO_MAX", 3)
    for n in range(10):
        render(ev("note.split", amount=str(n), count=n))
        assert len(events._MEMO) <= 3


def test_a_catalog_with_user_tables_composes_each_regime_once() -> None:
    catalog = Catalog(shipped_tables())
    assert catalog.load("xpcc") is catalog.load("xpcc")
    assert catalog.compose("kunming+yunnan", ("kunming", "yunnan", "national")) is catalog.compose(
        "kunming+yunnan", ("kunming", "yunnan", "national")
    )
    data = json.loads((EXAMPLES / "place-yunnan-county.json").read_text(encoding="utf-8"))
    case = parse_case(data)
    first = dumps(result_to_dict(assess(case, catalog)))
    assert first == dumps(result_to_dict(assess(case, catalog)))
    assert first == dumps(result_to_dict(assess(case, Catalog())))


def _seeded_cases(count: int) -> list[str]:
    """Seeded synthetic incidents (bench/synth.py): 7 officials each, every shipped regime."""
    import sys

    from helpers import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from synth import lines

    return list(lines(count))


def test_a_selector_refuses_by_post_as_its_alternatives_would() -> None:
    """rules.PostScreen: the verdict kept per post and label is the one the alternatives give one by one."""
    from accountability.model import Official
    from accountability.rules import Facts, role_label

    catalog = Catalog()
    for text in _seeded_cases(30):
        case = parse_case(json.loads(text))
        facts = Facts(case.incident, assess(case, catalog).grade.national)
        regime = catalog.load(case.regime or "national")
        selectors = [s.target.selector for r in regime.rules for s in r.consequences if s.target.selector is not None]
        for selector in selectors:
            label = role_label(selector.label, case.incident)
            named = {p for alternative in selector.alternatives for p in alternative.posts}
            for post in sorted({o.post for o in case.officials} | named, key=str):
                official = Official(id="x", post=post)
                uncached = selector._match(official, facts, (), label)
                assert selector.match_all((official,), facts, ()) == [uncached]
                assert selector.match(official, facts, ()) == uncached


def test_the_shorter_outputs_are_the_same_without_the_officials_reasons() -> None:
    """official_reasons=False (assess-batch --explain summary|none) drops only what those outputs leave out."""
    catalog = Catalog()
    for text in _seeded_cases(60):
        case = parse_case(json.loads(text))
        full, short = assess(case, catalog), assess(case, catalog, official_reasons=False)
        for level in ("summary", "none"):
            assert dumps(result_to_dict(short, level)) == dumps(result_to_dict(full, level))
        assert attrs.evolve(full, officials=()) == attrs.evolve(short, officials=())
        for mine, all_of_it in zip(short.officials, full.officials, strict=True):
            assert attrs.evolve(mine, not_applied=()) == attrs.evolve(all_of_it, not_applied=())
            kept = len(mine.not_applied)  # the per-official rules' own reasons, after the incident rules'
            assert mine.not_applied == all_of_it.not_applied[len(all_of_it.not_applied) - kept :]
