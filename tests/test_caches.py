"""The caches change nothing but the time: memoised event texts, regimes composed once per catalog, the
converter built on first use."""

from __future__ import annotations

import json
from decimal import Decimal

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
