"""hypothesis strategies for every input type, respecting the domain (valid inputs only)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from accountability.vocabulary import shared

VOCABULARY = shared()
FLAGS = list(VOCABULARY.codes("conduct"))
FORMS = list(VOCABULARY.codes("form"))


@st.composite
def dates(draw: st.DrawFn, low: int = 2008, high: int = 2026) -> str:
    year = draw(st.integers(low, high))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    return f"{year}-{month:02d}-{day:02d}"


@st.composite
def moments(draw: st.DrawFn) -> str:
    day = draw(dates())
    if draw(st.booleans()):
        return day
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    offset = draw(st.sampled_from(["+08:00", "Z", "-05:00"]))
    return f"{day}T{hour:02d}:{minute:02d}:00{offset}"


def money() -> st.SearchStrategy[str]:
    return st.integers(0, 200_000_000).map(lambda fen: f"{fen // 100}.{fen % 100:02d}")


@st.composite
def incidents(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {
        "occurred_at": draw(moments()),
        "deaths": draw(st.integers(0, 40)),
        "serious_injuries": draw(st.integers(0, 120)),
        "direct_loss_cny": draw(money()),
    }
    if draw(st.booleans()):
        out["sector"] = draw(st.sampled_from(list(VOCABULARY.codes("sector"))))
    if draw(st.booleans()):
        out["accident_type"] = draw(st.sampled_from(list(VOCABULARY.codes("accident_type"))))
    for flag in ("responsibility_accident", "major_social_impact", "egregious", "especially_serious"):
        if draw(st.booleans()):
            out[flag] = True
    if draw(st.booleans()):
        out["unit"] = {
            "name": "某单位",
            "state_owned": draw(st.booleans()),
            "capacity_tpy": draw(st.sampled_from([60000, 90000, 90001, 300000])),
        }
    if draw(st.booleans()):
        out["jurisdiction"] = {
            "level": draw(st.sampled_from(list(VOCABULARY.codes("level")))),
            "name": "某地",
            "city": "某市",
            "county": "某县",
        }
    return out


@st.composite
def officials(draw: st.DrawFn, index: int) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f"o{index}", "post": draw(st.sampled_from(list(VOCABULARY.codes("post"))))}
    if draw(st.booleans()):
        out["portfolio"] = draw(st.lists(st.sampled_from(list(VOCABULARY.codes("sector"))), max_size=3, unique=True))
    conduct = draw(st.lists(st.sampled_from(FLAGS), max_size=5, unique=True))
    if conduct:
        out["conduct"] = dict.fromkeys(conduct, True)
    if draw(st.booleans()):
        lo, hi = sorted(draw(st.tuples(st.integers(0, 7), st.integers(0, 7))))
        out["proposed_form"] = [FORMS[lo], FORMS[hi]]
    if draw(st.booleans()):
        out["proposed_discipline"] = draw(
            st.lists(st.sampled_from(list(VOCABULARY.codes("sanction"))), max_size=2, unique=True)
        )
    if draw(st.booleans()):
        out["status"] = draw(st.sampled_from(list(VOCABULARY.codes("status"))))
    if draw(st.booleans()):
        out["previous_year_income_cny"] = draw(money())
    if draw(st.booleans()):
        out["signatory"] = True
    return out


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(0, 5))
    out: dict[str, Any] = {
        "incident": draw(incidents()),
        "officials": [draw(officials(i)) for i in range(count)],
        "history": [
            {"occurred_at": draw(dates()), "deaths": draw(st.integers(0, 12))} for _ in range(draw(st.integers(0, 3)))
        ],
    }
    if draw(st.booleans()):  # decided after the accident (an earlier decision is bad input)
        out["decided_on"] = draw(dates(low=int(out["incident"]["occurred_at"][:4]) + 1, high=2027))
    if draw(st.booleans()):
        out["assessment"] = {
            "year": draw(st.integers(2015, 2026)),
            "unit_kind": draw(st.sampled_from(["division", "bingtuan_direct", "committee_member", "regiment"])),
            "score": draw(st.integers(0, 10000)).__truediv__(100).__str__(),
            "designated": draw(st.sampled_from([True, False, None])),
        }
    return out
