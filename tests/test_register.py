"""Excel registers: template → filled in (openpyxl, as a person would in Excel) → import → assess-batch →
a sheet of results, read back; and a clear error per bad cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

from click.testing import CliRunner, Result  # noqa: E402

from accountability_cli import cli  # noqa: E402
from accountability_cli.register import incident_columns, official_columns  # noqa: E402


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _fill(book: Any, sheet: str, rows: list[dict[str, object]]) -> None:
    ws = book[sheet]
    headers = {cell.value: cell.column for cell in ws[1]}
    for r, row in enumerate(rows, start=2):
        for header, value in row.items():
            ws.cell(row=r, column=headers[header], value=value)


INCIDENTS: list[dict[str, object]] = [
    {
        "事故编号": "XJ-2024-017",
        "规则体系": "xpcc",
        "发生时间": dt.datetime(2024, 5, 12, 9, 30),
        "死亡人数": 4,
        "重伤人数（含急性工业中毒）": 2,
        "直接经济损失（元）": 3500000,
        "行业领域": "煤矿",
        "事故类型": "瓦斯爆炸",
        "单位名称": "某煤矿",
        "单位类型": "企业",
        "辖区体系": "新疆生产建设兵团",
        "辖区层级": "师",
        "辖区名称": "第十师",
    },
    {"事故编号": "GY-2023-001", "规则体系": "national", "发生时间": dt.date(2023, 3, 1), "死亡人数": 1},
]
OFFICIALS: list[dict[str, object]] = [
    {"事故编号": "XJ-2024-017", "人员编号": "o1", "姓名": "王某", "职务": "分管安全生产的负责人", "分管领域": "煤矿",
     "拟问责方式": "诫勉至停职检查", "积极配合调查": "是"},
    {"事故编号": "XJ-2024-017", "人员编号": "o2", "姓名": "李某", "职务": "单位主要负责人",
     "上一年年收入（元）": 260000, "未履行或未正确履行职责": "是"},
]  # fmt: skip


def test_headers_are_unique_and_cover_the_schema() -> None:
    for columns in (incident_columns(), official_columns()):
        headers = [c.header for c in columns]
        assert len(headers) == len(set(headers))
    keys = {c.key for c in official_columns()}
    assert {"post", "portfolio", "conduct.cooperated", "proposed_form", "proposed_discipline"} <= keys


def test_template_has_headers_and_dropdowns(tmp_path: Path) -> None:
    book_path = tmp_path / "台账.xlsx"
    assert run("template", str(book_path)).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    assert {"事故", "人员", "说明"} <= set(book.sheetnames)
    headers = [c.value for c in book["事故"][1]]
    assert headers[0] == "事故编号" and "死亡人数" in headers and "行业领域" in headers
    lists = [v.formula1 for v in book["人员"].data_validations.dataValidation]
    choices = book["选项"]
    post_column = next(c.column_letter for c in choices[1] if c.value == "Post")
    assert any(f"${post_column}$" in (f or "") for f in lists)  # 职务 takes its drop-down from the Post list
    posts = [c.value for c in choices[post_column][1:] if c.value]
    assert "分管安全生产的负责人" in posts


def test_round_trip_register_to_results_sheet(tmp_path: Path) -> None:
    book_path = tmp_path / "台账.xlsx"
    assert run("template", str(book_path)).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    _fill(book, "事故", INCIDENTS)
    _fill(book, "人员", OFFICIALS)
    book.save(book_path)

    jsonl = tmp_path / "cases.jsonl"
    result = run("import", str(book_path), "-o", str(jsonl))
    assert result.exit_code == 0, result.stderr
    cases = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert [c["incident"]["id"] for c in cases] == ["XJ-2024-017", "GY-2023-001"]
    first = cases[0]
    assert first["incident"]["occurred_at"] == "2024-05-12T09:30:00+08:00"
    assert first["incident"]["sector"] == "coal_mine" and first["incident"]["accident_type"] == "gas_explosion"
    assert first["incident"]["jurisdiction"] == {"system": "xpcc", "level": "division", "name": "第十师"}
    assert first["officials"][0]["proposed_form"] == ["admonishment", "suspension"]
    assert first["officials"][0]["conduct"] == {"cooperated": True}
    assert first["officials"][1]["previous_year_income_cny"] == "260000"
    assert cases[1]["incident"]["occurred_at"] == "2023-03-01"

    out = tmp_path / "结果.xlsx"
    result = run("assess-batch", str(jsonl), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    sheets = openpyxl.load_workbook(out, read_only=True)
    rows = list(sheets["后果"].iter_rows(values_only=True))
    head = rows[0]
    col = {name: head.index(name) for name in ("事故编号", "对象", "后果代码", "后果", "事故等级", "规则")}
    xpcc = [r for r in rows[1:] if r[col["事故编号"]] == "XJ-2024-017"]
    assert ("o1", "interview") in {(r[col["对象"]], r[col["后果代码"]]) for r in xpcc}
    assert {r[col["事故等级"]] for r in xpcc} == {"较大事故"}
    assert any(r[col["后果"]] == "约谈" for r in xpcc)
    summary = list(sheets["事故"].iter_rows(values_only=True))
    assert [r[1] for r in summary[1:]] == ["XJ-2024-017", "GY-2023-001"]

    csv_out = tmp_path / "结果.csv"
    assert run("assess-batch", str(jsonl), "--format", "csv", "-o", str(csv_out)).exit_code == 0
    data = csv_out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, as Excel on Chinese Windows expects
    assert "约谈" in data.decode("utf-8-sig")


def test_a_bad_cell_names_sheet_row_column_expected_found(tmp_path: Path) -> None:
    book_path = tmp_path / "台账.xlsx"
    run("template", str(book_path))
    book = openpyxl.load_workbook(book_path)
    _fill(book, "事故", [{**INCIDENTS[0], "死亡人数": "四", "行业领域": "煤炭"}, INCIDENTS[1]])
    _fill(book, "人员", [{**OFFICIALS[0], "职务": "队长"}, {**OFFICIALS[1], "事故编号": "NOPE"}])
    book.save(book_path)
    result = run("import", str(book_path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any("sheet 事故, row 2, column 死亡人数 (C)" in line and '"四"' in line for line in lines)
    assert any("sheet 事故, row 2, column 行业领域" in line and '"煤炭"' in line for line in lines)
    assert any("sheet 人员, row 2, column 职务" in line and '"队长"' in line for line in lines)
    assert any("sheet 人员, row 3" in line and "NOPE" in line for line in lines)
    assert "Traceback" not in result.output


def test_a_problem_found_by_the_library_is_placed_on_its_cell(tmp_path: Path) -> None:
    book_path = tmp_path / "台账.xlsx"
    run("template", str(book_path))
    book = openpyxl.load_workbook(book_path)
    _fill(book, "事故", INCIDENTS[:1])
    _fill(book, "人员", [{**OFFICIALS[0], "拟问责方式": "停职检查至诫勉"}])  # heavier first
    book.save(book_path)
    result = run("import", str(book_path))
    assert result.exit_code == 2
    assert "sheet 人员, row 2, column 拟问责方式" in result.stderr


def test_csv_register_in_gb18030_with_officials_beside(tmp_path: Path) -> None:
    incidents = tmp_path / "台账.csv"
    assert run("template", str(incidents)).exit_code == 0
    head = incidents.read_text("utf-8-sig").strip()
    officials_head = (tmp_path / "台账.人员.csv").read_text("utf-8-sig").strip()
    # as Excel on Chinese Windows saves "CSV (逗号分隔)": GB18030, no BOM
    columns = head.split(",")
    row = dict.fromkeys(columns, "")
    row.update({"事故编号": "C-1", "发生时间": "2024/5/12 9:30", "死亡人数": "4", "规则体系": "xpcc"})
    incidents.write_bytes((head + "\r\n" + ",".join(row[c] for c in columns) + "\r\n").encode("gb18030"))
    columns = officials_head.split(",")
    row = dict.fromkeys(columns, "")
    row.update({"事故编号": "C-1", "人员编号": "o1", "职务": "分管安全生产的负责人"})
    (tmp_path / "台账.人员.csv").write_bytes(
        (officials_head + "\n" + ",".join(row[c] for c in columns)).encode("utf-8")
    )
    result = run("import", str(incidents))
    assert result.exit_code == 0, result.stderr
    case = json.loads(result.stdout_bytes.decode("utf-8"))
    assert case["incident"]["occurred_at"] == "2024-05-12T09:30:00+08:00"
    assert case["officials"] == [{"id": "o1", "post": "deputy_safety"}]


def test_missing_sheet_or_column_or_file_is_exit_2(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Sheet1"
    path = tmp_path / "x.xlsx"
    book.save(path)
    assert run("import", str(path)).exit_code == 2
    ws = book.create_sheet("事故")
    ws.append(["事故编号", "死亡人数", "未知列"])
    book.save(path)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "未知列" in result.stderr and "发生时间" in result.stderr
    assert run("import", str(tmp_path / "none.xlsx")).exit_code == 2
    assert run("import", str(tmp_path / "x.txt")).exit_code == 2
    assert run("assess-batch", str(path), "--format", "xlsx").exit_code == 2  # xlsx needs -o
