"""The right law for the place and the day: regimes chosen from the incident's jurisdiction and date
(docs/regimes-by-place.md). Each worked example is pinned, and each boundary day."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from accountability import TableError, assess, parse_case, parse_table
from accountability.catalog import Catalog
from accountability.codec import result_to_dict
from accountability.outcome import Result, Selection
from accountability.selection import choose
from helpers import EXAMPLES, ROOT


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text("utf-8"))
    return data


def _incident(day: str, jurisdiction: dict[str, Any] | None, **more: Any) -> dict[str, Any]:
    incident: dict[str, Any] = {"id": "S-1", "occurred_at": day, "deaths": 3, **more}
    if jurisdiction is not None:
        incident["jurisdiction"] = jurisdiction
    return {"incident": incident}


def _sel(result: Result) -> Selection:
    assert result.selection is not None
    return result.selection


def _codes(result: Result) -> list[tuple[str, object]]:
    return [(r.code, r.param("regime")) for r in _sel(result).reasons]


GUIYANG_COUNTY = {"system": "local", "level": "county", "name": "清镇市", "city": "贵阳市"}


# ------------------------------------------------------------------ the worked examples


def test_xpcc_regiment() -> None:
    result = assess(_example("place-xpcc-regiment.json"))
    assert result.regime == "xpcc"
    assert _sel(result).chosen == ("xpcc", "national")
    assert _sel(result).auto
    assert _codes(result) == [("system_from_level", None), ("governs", "xpcc"), ("national", "national")]
    assert "xpcc.larger_3_5" in {c.rule for c in result.consequences}


def test_guiyang_county() -> None:
    result = assess(_example("place-guiyang-county.json"))
    assert result.regime == "guiyang"
    assert _sel(result).chosen == ("guiyang", "national")
    assert _codes(result) == [("province_from_city", "guiyang"), ("governs", "guiyang"), ("national", "national")]
    assert "guiyang.accountability" in {c.rule for c in result.consequences}


def test_yunnan_county() -> None:
    result = assess(_example("place-yunnan-county.json"))
    assert result.regime == "yunnan"
    assert _sel(result).chosen == ("yunnan", "national")
    assert _codes(result) == [("governs", "yunnan"), ("national", "national")]
    assert {"yunnan.interview", "yunnan.press"} <= {c.rule for c in result.consequences}


def test_no_local_table() -> None:
    result = assess(_example("place-no-local-table.json"))
    assert result.regime == "national"
    assert _sel(result).chosen == ("national",)
    assert _codes(result) == [("no_local_table", None), ("national", "national")]
    looked_for = str(_sel(result).reasons[0].param("looked_for"))
    assert "广东省" in looked_for and "广州市" in looked_for and "从化区" in looked_for


def test_before_a_local_document_took_effect() -> None:
    result = assess(_example("place-guiyang-before.json"))
    assert result.regime == "national"
    assert _sel(result).chosen == ("national",)
    assert ("not_in_force_yet", "guiyang") in _codes(result)
    assert not any(c.rule.startswith("guiyang.") for c in result.consequences)


def test_the_same_case_named_explicitly_gives_the_same_consequences() -> None:
    auto = assess(_example("place-guiyang-county.json"))
    named = assess({**_example("place-guiyang-county.json"), "regime": "guiyang"})
    assert named.consequences == auto.consequences
    assert not _sel(named).auto
    assert _codes(named) == [("explicit", "guiyang")]


# ------------------------------------------------------------------ boundary days


@pytest.mark.parametrize(
    ("day", "chosen", "code"),
    [
        ("2018-04-07", ("national",), "not_in_force_yet"),
        ("2018-04-08", ("guiyang", "national"), "governs"),
    ],
)
def test_guiyang_boundary(day: str, chosen: tuple[str, ...], code: str) -> None:
    result = assess(_incident(day, GUIYANG_COUNTY))
    assert _sel(result).chosen == chosen
    assert (code, "guiyang") in _codes(result)


@pytest.mark.parametrize(
    ("day", "chosen", "code"),
    [
        ("2014-07-28", ("national",), "not_in_force_yet"),
        ("2014-07-29", ("xpcc", "national"), "governs"),
    ],
)
def test_xpcc_boundary(day: str, chosen: tuple[str, ...], code: str) -> None:
    result = assess(_incident(day, {"system": "xpcc", "level": "division", "name": "第十师"}))
    assert _sel(result).chosen == chosen
    assert (code, "xpcc") in _codes(result)


@pytest.mark.parametrize(
    ("day", "chosen"),
    [("2014-03-11", ("national",)), ("2014-03-12", ("tongzhou", "national"))],
)
def test_tongzhou_boundary(day: str, chosen: tuple[str, ...]) -> None:
    result = assess(_incident(day, {"system": "local", "level": "county", "name": "通州区", "city": "北京市"}))
    assert _sel(result).chosen == chosen


def test_an_explicit_regime_before_its_day_says_it_is_not_in_force() -> None:
    result = assess({**_incident("2018-04-07", GUIYANG_COUNTY), "regime": "guiyang"})
    assert result.regime == "guiyang"
    assert _codes(result) == [("explicit", "guiyang"), ("not_in_force_yet", "guiyang")]
    why = {n.rule: n.why for n in result.not_applied}
    assert (why["guiyang.accountability"].code, why["guiyang.accountability"].param("start")) == (
        "rule.table_not_in_force",
        "2018-04-08",
    )
    after = assess({**_incident("2018-04-08", GUIYANG_COUNTY), "regime": "guiyang"})
    assert _codes(after) == [("explicit", "guiyang")]


# ------------------------------------------------------------------ how places are read


def test_no_jurisdiction_is_national_law_alone() -> None:
    result = assess(_incident("2024-05-12", None))
    assert result.regime == "national"
    assert _codes(result) == [("no_jurisdiction", None), ("national", "national")]


def test_a_city_in_a_province_with_its_own_table_composes_both() -> None:
    place = {"system": "local", "level": "county", "name": "禄劝县", "city": "昆明市"}
    result = assess(_incident("2024-05-12", place, deaths=11))
    assert result.regime == "kunming+yunnan"
    assert _sel(result).chosen == ("kunming", "yunnan", "national")
    assert [t for t, _ in result.tables] == ["kunming", "yunnan", "national"]
    codes = _codes(result)
    assert ("date_unknown", "kunming") in codes and ("governs", "yunnan") in codes
    assert "yunnan.press" in {c.rule for c in result.consequences}


def test_a_province_whose_table_gives_no_date_applies_whatever_the_day() -> None:
    result = assess(_incident("2001-01-01", {"system": "local", "level": "province", "name": "山西省"}))
    assert _sel(result).chosen == ("shanxi", "national")
    assert ("date_unknown", "shanxi") in _codes(result)


def test_short_names_and_bodies() -> None:
    short = assess(_incident("2024-05-12", {"level": "city", "name": "贵阳"}))
    assert _sel(short).chosen == ("guiyang", "national")
    assert ("system_assumed_local", None) in _codes(short)
    body = assess(_incident("2024-05-12", {"system": "local", "level": "department", "name": "巴中市经信委"}))
    assert _sel(body).chosen == ("bazhong", "national")


def test_an_xpcc_division_is_not_a_local_place() -> None:
    result = assess(_incident("2024-05-12", {"system": "xpcc", "level": "division", "name": "贵阳市"}))
    assert _sel(result).chosen == ("xpcc", "national")


def test_card_is_never_chosen_by_place_but_stays_available_by_name() -> None:
    catalog = Catalog()
    for day, j in [("2024-05-12", {"system": "xpcc", "level": "division", "name": "第十师"}), ("2024-05-12", None)]:
        _, selection = choose(parse_case(_incident(day, j)), catalog)
        assert "card" not in selection.chosen
    named = assess({**_incident("2024-05-12", None), "regime": "card"})
    assert named.regime == "card"
    auto = assess({**_incident("2024-05-12", None), "regime": "auto"})
    assert auto.regime == "national"


def test_the_argument_wins_over_the_file() -> None:
    data = {**_incident("2024-05-12", GUIYANG_COUNTY), "regime": "card"}
    assert assess(data).regime == "card"
    assert assess(data, regime="auto").regime == "guiyang"
    assert assess(data, regime="xpcc").regime == "xpcc"
    with pytest.raises(TableError):
        assess(data, regime="nowhere")


def test_selection_in_the_json_output_is_byte_stable() -> None:
    data = _example("place-guiyang-county.json")
    first = json.dumps(result_to_dict(assess(data)), ensure_ascii=False)
    assert first == json.dumps(result_to_dict(assess(data)), ensure_ascii=False)
    out = json.loads(first)
    assert out["selection"]["chosen"] == ["guiyang", "national"]
    assert [r["code"] for r in out["selection"]["reasons"]] == ["province_from_city", "governs", "national"]


def test_citations_name_number_issuer_and_date_of_effect() -> None:
    result = assess(_example("place-no-local-table.json"))
    fine = next(c for c in result.consequences if c.rule == "national.unit_fine")
    assert fine.citation.number == "中华人民共和国主席令第八十八号"
    assert fine.citation.issuer == "全国人民代表大会常务委员会"
    assert str(fine.citation.effective_from) == "2021-09-01"
    consequences = result_to_dict(result)["consequences"]
    assert isinstance(consequences, list)
    cited = next(c for c in consequences if c["rule"] == "national.unit_fine")["citation"]
    assert cited["number"] == "中华人民共和国主席令第八十八号" and cited["effective_from"] == "2021-09-01"


# ------------------------------------------------------------------ the tables' declarations


BASE = '[table]\nname = "t"\ntitle = "t"\n'
DOC = '[documents.d]\nsource = "s"\ntitle = "t"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BASE + '[table.governs]\nplaces = [{ province = "X" }]\n', "table.governs.from: required key missing"),
        (BASE + '[table.governs]\nplaces = [{ province = "X" }]\nfrom = "unknown"\n', "reading"),
        (
            BASE + '[table.governs]\nplaces = [{ planet = "X" }]\nfrom = 2020-01-01\n',
            r'table\.governs\.places\[0\]\.planet: unknown key "planet"',
        ),
        (BASE + '[table.governs]\nplaces = [{ system = "moon" }]\nfrom = 2020-01-01\n', "'system'"),
        (BASE + "[table.governs]\nplaces = []\nfrom = 2020-01-01\n", "non-empty"),
        (BASE + '[table.governs]\nplaces = [{ system = "local" }]\nfrom = 2020-01-01\n', "names a province"),
        (BASE + '[table.governs]\nplaces = [{ province = "X" }]\nfrom = 2020-13-01\n', "not valid TOML"),
        (BASE + DOC + "issued = 2020-01-01\n", "unknown key"),
        (BASE + DOC + 'effective_from = "soon"\n', "TOML date"),
        (BASE + DOC + 'effective_from = "unknown"\n', "reading"),
        (BASE + DOC + "issued_on = 2020-02-01\neffective_from = 2020-01-01\n", "before 'issued_on'"),
    ],
)
def test_bad_declarations_are_refused(text: str, message: str) -> None:
    with pytest.raises(TableError, match=message):
        parse_table("t", text)


def test_governs_from_must_be_the_first_rule_in_force() -> None:
    rule = (
        '[[rule]]\nid = "t.r"\nsummary = "s"\neffective_from = 2020-01-01\nwhen = { always = true }\n'
        'note = "n"\n[[rule.cite]]\nkey = "a"\ndoc = "d"\narticle = "一"\nquote = "q"\n'
    )
    good = BASE + '[table.governs]\nplaces = [{ province = "X" }]\nfrom = 2020-01-01\n' + DOC + rule
    assert parse_table("t", good).governs is not None
    bad = good.replace("\nfrom = 2020-01-01", "\nfrom = 2019-01-01")
    with pytest.raises(TableError, match="first rule"):
        parse_table("t", bad)


def test_every_shipped_regime_but_card_declares_where_it_governs() -> None:
    catalog = Catalog()
    for name in catalog.names():
        table = catalog.table(name)
        assert (table.governs is None) == (name == "card"), name
        if name != "card":
            assert table.documents, name


# ------------------------------------------------------------------ the command


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "accountability_cli", *args], cwd=ROOT, capture_output=True, check=False
    )


def test_regimes_command_lists_places_documents_and_dates() -> None:
    proc = _cli("regimes", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {r["name"]: r for r in json.loads(proc.stdout)["regimes"]}
    assert set(rows) == set(Catalog().names())
    assert rows["xpcc"]["governs"]["from"] == "2014-07-29"
    assert rows["guiyang"]["governs"]["places"] == ["贵州省 贵阳市"]
    assert rows["kunming"]["governs"]["from"] == "unknown"
    assert rows["card"]["governs"] is None
    assert {d["number"] for d in rows["xpcc"]["documents"]} == {"新兵办发〔2014〕15号"}
    tongzhou = rows["tongzhou"]["documents"][0]
    assert (tongzhou["number"], tongzhou["issuer"], tongzhou["effective_from"]) == (
        "通政发〔2014〕11号",
        "北京市通州区人民政府",
        "2014-03-12",
    )
    table = _cli("regimes")
    assert table.returncode == 0 and "新兵办发〔2014〕15号" in table.stdout.decode()


def test_assess_without_a_regime_prints_the_reason() -> None:
    proc = _cli("assess", str(EXAMPLES / "place-guiyang-county.json"), "--format", "table", "--lang", "en")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "chosen: guiyang, national" in proc.stdout.decode()


def test_an_unknown_regime_in_the_file_is_bad_input() -> None:
    bad = ROOT / "docs" / "examples" / "place-no-local-table.json"
    data = json.loads(bad.read_text("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "assess", "-"],
        input=json.dumps({**data, "regime": "nowhere"}).encode(),
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 2
    assert b"$.regime" in proc.stderr and b"Traceback" not in proc.stderr
