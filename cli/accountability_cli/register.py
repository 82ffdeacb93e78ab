"""Incident registers (事故台账) in Excel, WPS or LibreOffice: import, template, and results as a sheet.

A register has two sheets: **事故** (one row per incident, keyed by 事故编号) and **人员** (one row
per official, with the 事故编号 of the incident). The columns are the input's fields, headed by
their Chinese labels (vocabulary.py), built from the input schema at run time; a column may also
be headed by its JSON key (``deaths``, ``unit.kind``, ``conduct.cooperated``). A CSV register is
two files: ``NAME.csv`` (事故) and, beside it, ``NAME.人员.csv`` (人员); UTF-8 (a BOM allowed) or
GB18030, as Excel on Chinese Windows saves it.

Reading uses python-calamine (xlsx, xls, xlsb, ods), writing openpyxl (the ``excel`` extra); both
are imported only here, only when a register is read or written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

import attrs

from .vocabulary import FIELDS, _in_force, choice_labels, field_label, fields_of

INCIDENTS = "事故"
OFFICIALS = "人员"
CHOICES_SHEET = "选项"
README_SHEET = "说明"
KEY = "事故编号"
TEMPLATE_ROWS = 1000
TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "t", "有"}
FALSE = {"否", "n", "no", "false", "0", "×", "✗", "f", "无"}
SEPARATORS = re.compile(r"[、,，;；/\n]+")
RANGE = re.compile(r"\s*(?:至|到|~|～|—|-)\s*")
DATE_TEXT = re.compile(
    r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?秒?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)


class RegisterError(Exception):
    """Bad cells: one message per problem, each naming the sheet, the row, the column."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@attrs.frozen
class Column:
    header: str  # the Chinese label, as the template writes it
    path: tuple[str, ...]  # JSON keys under the incident / official (the first may be "" for the case itself)
    kind: str  # vocabulary.classify kinds, plus "regime"
    enum: str | None = None
    required: bool = False
    nullable: bool = False

    @property
    def key(self) -> str:
        return ".".join(k for k in self.path if k)


def _columns(owner: str, prefix: tuple[str, ...] = ()) -> list[Column]:
    out: list[Column] = []
    for f in fields_of(owner):
        path = (*prefix, f["key"])
        if f["kind"] == "object":
            out += _columns(f["ref"], path)
            continue
        required = f["required"] and not prefix
        label = field_label(f["key"], "zh", owner)
        out.append(Column(label, path, f["kind"], f.get("enum"), required, f["nullable"]))
    return out


def incident_columns() -> list[Column]:
    """事故: the incident's fields (事故编号 first), then the case's regime and date of decision."""
    cols = _columns("Incident")
    cols.sort(key=lambda c: c.path != ("id",))
    cols[0] = attrs.evolve(cols[0], header=KEY, required=True)
    return [
        *cols,
        Column(field_label("regime", "zh"), ("", "regime"), "regime"),
        Column(field_label("decided_on", "zh"), ("", "decided_on"), "date"),
    ]


def official_columns() -> list[Column]:
    """人员: 事故编号, then the official's fields."""
    return [Column(KEY, ("", "incident_id"), "text", required=True), *_columns("Official")]


# --------------------------------------------------------------------------- reading cells


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _shown(value: object) -> str:
    text = json.dumps(value if isinstance(value, (str, int, float, bool)) else str(value), ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class _Bad(ValueError):
    pass


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _int(value: object) -> int:
    if isinstance(value, bool):
        raise _Bad("a whole number, 0 or more")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        value = int(value)
    if not isinstance(value, int) or value < 0:
        raise _Bad("a whole number, 0 or more")
    return value


def _money(value: object) -> str:
    if isinstance(value, bool):
        raise _Bad("an amount in 元 such as 3500000 or 3500000.50")
    if isinstance(value, int | float):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = str(value).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise _Bad("an amount in 元 such as 3500000 or 3500000.50") from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise _Bad("an amount in 元, 0 or more, to the fen")
    return format(amount.normalize(), "f") if amount == amount.to_integral() else format(amount, "f")


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise _Bad("是 or 否")


def _moment(value: object, need_time: bool) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat() + "+08:00"
        return value.isoformat()
    if isinstance(value, dt.date):
        if need_time:
            raise _Bad("a date and time such as 2024-05-12 10:05")
        return value.isoformat()
    text = _text(value)
    match = DATE_TEXT.match(text)
    if match is None:
        return text  # RFC 3339 as it is, or nonsense: the codec's reading decides, named by its cell
    year, month, day, hour, minute, second, offset = match.groups()
    date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if hour is None:
        if need_time:
            raise _Bad("a date and time such as 2024-05-12 10:05")
        return date
    if offset is None:
        offset = "+08:00"
    elif offset != "Z" and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    return f"{date}T{int(hour):02d}:{minute}:{second or '00'}{offset}"


def _date(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = DATE_TEXT.match(_text(value))
    if match is None or match.group(4) is not None:
        raise _Bad("a date such as 2024-08-01")
    year, month, day = match.groups()[:3]
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


class _Choices:
    """code ← code, Chinese label or English label, for one enum."""

    def __init__(self, enum: str) -> None:
        self.zh = choice_labels(enum, "zh")
        self.lookup: dict[str, str] = {}
        for lang in ("en", "zh"):
            for code, label in choice_labels(enum, lang).items():
                self.lookup[label.lower()] = code
        for code in self.zh:
            self.lookup[code.lower()] = code

    def one(self, value: object) -> str:
        text = _text(value)
        code = self.lookup.get(text.lower())
        if code is None:
            shown = "、".join(list(self.zh.values())[:12]) + ("…" if len(self.zh) > 12 else "")
            raise _Bad(f"one of the list ({shown})")
        return code


def _cell(column: Column, value: object, choices: dict[str, _Choices], regimes: Sequence[str]) -> object:
    kind = column.kind
    if kind == "text":
        return _text(value)
    if kind == "int":
        return _int(value)
    if kind == "money":
        return _money(value)
    if kind == "bool":
        return _bool(value)
    if kind in ("moment", "timestamp"):
        return _moment(value, kind == "timestamp")
    if kind == "date":
        return _date(value)
    if kind == "regime":
        text = _text(value)
        if text not in regimes:
            raise _Bad(f"one of: {', '.join(regimes)}")
        return text
    assert column.enum is not None
    pick = choices.setdefault(column.enum, _Choices(column.enum))
    if kind == "choice":
        return pick.one(value)
    if kind == "choices":
        return [pick.one(part) for part in SEPARATORS.split(_text(value)) if part.strip()]
    if kind == "forms":
        return [pick.one(part) for part in RANGE.split(_text(value)) if part.strip()]
    raise AssertionError(kind)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------- sheets


Rows = list[list[object]]


def _read_workbook(path: Path) -> dict[str, Rows]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for unreadable files
        raise RegisterError([f"{path}: cannot read the workbook: {exc}"]) from None
    sheets: dict[str, Rows] = {}
    for name in book.sheet_names:
        sheets[name] = [list(row) for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
    return sheets


def _read_csv(path: Path) -> Rows:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RegisterError([f"{path}: neither UTF-8 nor GB18030 text"])
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def officials_csv(path: Path) -> Path:
    """The 人员 file of a CSV register: ``NAME.人员.csv`` beside ``NAME.csv``."""
    return path.with_name(f"{path.stem}.{OFFICIALS}.csv")


def read_sheets(path: Path) -> dict[str, Rows]:
    if not path.is_file():
        raise RegisterError([f"{path}: no such file"])
    if path.suffix.lower() == ".csv":
        sheets = {INCIDENTS: _read_csv(path)}
        other = officials_csv(path)
        if other.is_file():
            sheets[OFFICIALS] = _read_csv(other)
        return sheets
    return _read_workbook(path)


def _header_map(sheet: str, header: Sequence[object], columns: list[Column], where: str) -> dict[int, Column]:
    by_name: dict[str, Column] = {}
    for c in columns:
        by_name[c.header] = c
        by_name[c.key] = c
        by_name[c.path[-1]] = by_name.get(c.path[-1], c)  # a bare JSON key where it is unambiguous
    mapping: dict[int, Column] = {}
    problems = []
    for index, cell in enumerate(header):
        name = _text(cell) if not _empty(cell) else ""
        if not name:
            continue
        column = by_name.get(name)
        if column is None:
            problems.append(f"{where}: sheet {sheet}, column {_letter(index)}: unknown column {_shown(name)}")
        elif column in mapping.values():
            problems.append(f"{where}: sheet {sheet}, column {_letter(index)}: column {name} appears twice")
        else:
            mapping[index] = column
    for c in columns:
        if c.required and c not in mapping.values():
            problems.append(f"{where}: sheet {sheet}: required column {c.header} missing")
    if problems:
        raise RegisterError(problems)
    return mapping


@attrs.define
class _Place:
    sheet: str
    row: int  # as Excel numbers it (the header is row 1)
    column: str = ""
    letter: str = ""

    def __str__(self) -> str:
        cell = f", column {self.column} ({self.letter})" if self.column else ""
        return f"sheet {self.sheet}, row {self.row}{cell}"


def _set(target: dict[str, Any], keys: Sequence[str], value: object) -> None:
    node = target
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def _rows(rows: Rows) -> Iterator[tuple[int, list[object]]]:
    for number, row in enumerate(rows[1:], start=2):
        if any(not _empty(v) for v in row):
            yield number, row


def register_cases(path: Path, regimes: Sequence[str]) -> list[dict[str, Any]]:
    """The register's incidents as input documents (docs/contract.md), in sheet order; checked with the
    library's own reader; every bad cell reported (RegisterError)."""
    from accountability.codec import InputError, parse_case

    sheets = read_sheets(path)
    where = str(path)
    if INCIDENTS not in sheets:
        raise RegisterError([f"{where}: no sheet named {INCIDENTS} (sheets: {', '.join(sheets) or 'none'})"])
    problems: list[str] = []
    choices: dict[str, _Choices] = {}
    cases: dict[str, tuple[dict[str, Any], dict[str, _Place]]] = {}

    def fill(
        target: dict[str, Any],
        inner: str | None,
        places: dict[str, _Place],
        row: list[object],
        number: int,
        sheet: str,
        mapping: dict[int, Column],
    ) -> None:
        """Read one row into ``target`` (its fields under ``target[inner]`` when given); note each cell's place."""
        for index, column in mapping.items():
            value = row[index] if index < len(row) else None
            place = _Place(sheet, number, column.header, _letter(index))
            if _empty(value):
                if column.required:
                    problems.append(f"{where}: {place}: required, found an empty cell")
                continue
            try:
                parsed = _cell(column, value, choices, regimes)
            except _Bad as exc:
                problems.append(f"{where}: {place}: expected {exc}, found {_shown(value)}")
                continue
            keys = [k for k in column.path if k]
            if column.path[0] == "" or inner is None:
                _set(target, keys, parsed)
                places["$." + ".".join(keys)] = place
            else:
                _set(target.setdefault(inner, {}), keys, parsed)
                places[f"$.{inner}." + ".".join(keys)] = place

    rows = sheets[INCIDENTS]
    mapping = _header_map(INCIDENTS, rows[0] if rows else [], incident_columns(), where)
    for number, row in _rows(rows):
        case: dict[str, Any] = {"incident": {}}
        places: dict[str, _Place] = {"$": _Place(INCIDENTS, number)}
        fill(case, "incident", places, row, number, INCIDENTS, mapping)
        key = case["incident"].get("id")
        if isinstance(key, str):
            if key in cases:
                problems.append(f"{where}: sheet {INCIDENTS}, row {number}: {KEY} {_shown(key)} appears twice")
            else:
                cases[key] = (case, places)

    rows = sheets.get(OFFICIALS, [])
    if rows:
        mapping = _header_map(OFFICIALS, rows[0], official_columns(), where)
        for number, row in _rows(rows):
            official: dict[str, Any] = {}
            places = {}
            fill(official, None, places, row, number, OFFICIALS, mapping)
            key = official.pop("incident_id", None)
            if key is None:
                continue
            if key not in cases:
                problems.append(
                    f"{where}: sheet {OFFICIALS}, row {number}: {KEY} {_shown(key)} is not in sheet {INCIDENTS}"
                )
                continue
            case, case_places = cases[key]
            officials = case.setdefault("officials", [])
            base = f"$.officials[{len(officials)}]"
            officials.append(official)
            case_places[base] = _Place(OFFICIALS, number)
            for sub, place in places.items():
                if sub != "$.incident_id":
                    case_places[base + sub[1:]] = place
    if problems:
        raise RegisterError(problems)

    out = []
    for case, places in cases.values():
        try:
            parse_case(case, _in_force())
        except InputError as exc:
            for p in exc.problems:
                place = _nearest(places, p.path)
                problems.append(f"{where}: {place}: {p.message}")
            continue
        out.append(case)
    if problems:
        raise RegisterError(problems)
    return out


def _nearest(places: dict[str, _Place], path: str) -> _Place:
    best = "$"
    for known in places:
        if (path == known or path.startswith(known + ".") or path.startswith(known + "[")) and len(known) > len(best):
            best = known
    return places[best] if best in places else places["$"]


def to_jsonl(cases: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n" for c in cases)


# --------------------------------------------------------------------------- the template


def _hint(column: Column) -> str:
    return {
        "text": "文字",
        "int": "整数，不小于 0",
        "money": "金额（元），如 3500000 或 3500000.50",
        "bool": "是 / 否（空：否或不详）",
        "moment": "日期，或日期和时间：2024-05-12 或 2024-05-12 09:30（北京时间）",
        "timestamp": "日期和时间：2024-05-12 10:05（北京时间）",
        "date": "日期：2024-08-01",
        "choice": "从下拉列表中选择",
        "choices": "一项或多项，用顿号“、”分隔",
        "forms": "一种方式，或“较轻至较重”，如 诫勉至停职检查",
        "regime": "规则体系名称（空：默认）",
    }[column.kind]


def write_template(path: Path, regimes: Sequence[str]) -> list[Path]:
    """An empty register: the headers, drop-down lists from the vocabulary, a sheet that explains them."""
    if path.suffix.lower() == ".csv":
        written = []
        for target, columns in ((path, incident_columns()), (officials_csv(path), official_columns())):
            target.write_bytes(_csv_bytes([[c.header for c in columns]]))
            written.append(target)
        return written
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    lists = book.create_sheet(CHOICES_SHEET)
    lists.sheet_state = "hidden"
    enum_ranges: dict[str, str] = {}

    def choice_range(name: str, values: list[str]) -> str:
        if name not in enum_ranges:
            column = _letter(len(enum_ranges))
            lists.cell(row=1, column=len(enum_ranges) + 1, value=name)
            for i, v in enumerate(values, start=2):
                lists.cell(row=i, column=len(enum_ranges) + 1, value=v)
            enum_ranges[name] = f"{CHOICES_SHEET}!${column}$2:${column}${len(values) + 1}"
        return enum_ranges[name]

    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="9B1C1C")
    for sheet, columns in ((INCIDENTS, incident_columns()), (OFFICIALS, official_columns())):
        ws = book.create_sheet(sheet)
        ws.freeze_panes = "B2"
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=index, value=column.header)
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            letter = _letter(index - 1)
            ws.column_dimensions[letter].width = max(10, min(28, 2 * len(column.header) + 4))
            area = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
            formula = None
            if column.kind == "bool":
                formula = '"是,否"'
            elif column.kind == "regime":
                formula = choice_range("regime", list(regimes))
            elif column.kind in ("choice", "forms") and column.enum:
                formula = choice_range(column.enum, list(choice_labels(column.enum, "zh").values()))
            if formula is not None:
                check = DataValidation(type="list", formula1=formula, allow_blank=True)
                check.error = "请从下拉列表中选择"
                check.errorTitle = column.header
                check.showErrorMessage = column.kind != "forms"  # a range "诫勉至停职检查" is typed
                check.prompt = _hint(column)
                check.showInputMessage = True
                ws.add_data_validation(check)
                check.add(area)
            elif column.kind in ("moment", "timestamp", "date"):
                for row in range(2, TEMPLATE_ROWS + 2):
                    ws.cell(row=row, column=index).number_format = (
                        "yyyy-mm-dd" if column.kind == "date" else "yyyy-mm-dd hh:mm"
                    )
            elif column.kind in ("text", "choices") and column.header == KEY:
                for row in range(2, TEMPLATE_ROWS + 2):
                    ws.cell(row=row, column=index).number_format = "@"
        ws.row_dimensions[1].height = 32

    readme = book.create_sheet(README_SHEET, 0)
    readme.append(["事故台账：每起事故一行（工作表“事故”），每名相关人员一行（工作表“人员”，以事故编号对应）。"])
    readme.append(
        [
            "填好后：accountability import 本文件.xlsx -o 事故.jsonl；"
            "accountability assess-batch 事故.jsonl --format xlsx -o 结果.xlsx"
        ]
    )
    readme.append([])
    readme.append(["工作表", "列", "填写方式", "必填", "JSON 键"])
    for sheet, columns in ((INCIDENTS, incident_columns()), (OFFICIALS, official_columns())):
        for column in columns:
            readme.append([sheet, column.header, _hint(column), "是" if column.required else "", column.key])
    readme.column_dimensions["A"].width = 10
    readme.column_dimensions["B"].width = 30
    readme.column_dimensions["C"].width = 60
    readme.column_dimensions["E"].width = 36
    book.active = 1
    book.save(path)
    return [path]


# --------------------------------------------------------------------------- results as a sheet


RESULT_HEADERS = [
    "行号", "事故编号", "规则体系", "事故等级", "对象类型", "对象", "后果", "后果代码", "方式", "由", "向", "范围",
    "问责方式", "处分", "金额（元）", "金额下限（元）", "金额上限（元）", "比例", "开始日期", "截止日期", "期限",
    "规则", "文件", "条款", "错误",
]  # fmt: skip
SUMMARY_HEADERS = ["行号", "事故编号", "规则体系", "事故等级", "死亡档", "后果数", "错误"]


def _result_rows(records: Iterable[dict[str, Any]]) -> Iterator[tuple[list[object], list[list[object]]]]:
    """Per batch record: its summary row and its consequence rows (an error: one row naming it)."""
    from accountability.terms import FORM, GRADE, KIND, MODALITY, SANCTION, TARGET, term

    for rec in records:
        line = rec.get("line")
        if "error" in rec:
            message = "; ".join(f"{p['path']}: {p['message']}" for p in rec.get("problems", []))
            summary: list[object] = [line, rec.get("incident_id"), None, None, None, None, message]
            yield summary, [[line, rec.get("incident_id"), *[None] * (len(RESULT_HEADERS) - 3), message]]
            continue
        grade = term(GRADE, rec["grade"]["national"], "zh")
        consequences = rec["consequences"]
        summary = [line, rec["incident_id"], rec["regime"], grade, rec["grade"]["death_band"], len(consequences), None]
        rows: list[list[object]] = []
        for c in consequences:
            target = c["target"]
            forms = c.get("form_range") or []
            citation = c.get("citation") or {}
            rows.append(
                [
                    line, rec["incident_id"], rec["regime"], grade,
                    term(TARGET, target["type"], "zh"), target.get("id") or target.get("name"),
                    term(KIND, c["kind"], "zh"), c["kind"], term(MODALITY, c["modality"], "zh"),
                    c.get("by"), "、".join(c.get("to") or []) or None, c.get("scope"),
                    "至".join(term(FORM, f, "zh") for f in forms) or None,
                    term(SANCTION, c["sanction"], "zh") if c.get("sanction") else None,
                    _amount(c.get("amount_cny")), _amount(c.get("amount_min_cny")), _amount(c.get("amount_max_cny")),
                    c.get("rate"), c.get("starts_on"), c.get("ends_on"), c.get("due_on"),
                    c["rule"], citation.get("document"), citation.get("article"), None,
                ]
            )  # fmt: skip
        if not rows:
            rows.append([line, rec["incident_id"], rec["regime"], grade, *[None] * (len(RESULT_HEADERS) - 4)])
        yield summary, rows


def _amount(text: object) -> object:
    return Decimal(text) if isinstance(text, str) else None


def _records(jsonl: Path) -> Iterator[dict[str, Any]]:
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def write_results(jsonl: Path, fmt: str, out: Path | None) -> bytes | None:
    """The batch's JSONL as a sheet: xlsx (sheets 后果 and 事故) or CSV (后果, UTF-8 with a BOM).
    Returns the CSV bytes when ``out`` is None (standard output)."""
    if fmt == "csv":
        data = _csv_bytes([RESULT_HEADERS, *(r for _, rows in _result_rows(_records(jsonl)) for r in rows)])
        if out is None:
            return data
        out.write_bytes(data)
        return None
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    assert out is not None
    book = Workbook(write_only=True)
    detail = book.create_sheet("后果")
    summary = book.create_sheet("事故")
    bold = Font(bold=True)

    def header(ws: Any, names: list[str]) -> None:
        cells = []
        for name in names:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)

    header(detail, RESULT_HEADERS)
    header(summary, SUMMARY_HEADERS)
    detail.freeze_panes = "C2"
    summary.freeze_panes = "C2"
    for head, rows in _result_rows(_records(jsonl)):
        summary.append(head)
        for row in rows:
            detail.append(row)
    book.save(out)
    return None


__all__ = [
    "FIELDS",
    "RegisterError",
    "incident_columns",
    "official_columns",
    "register_cases",
    "to_jsonl",
    "write_results",
    "write_template",
]


# --------------------------------------------------------------------------- the commands' doors


def _excel_needed(fail: Callable[[str], NoReturn]) -> None:
    try:
        import openpyxl  # noqa: F401
        import python_calamine  # noqa: F401
    except ImportError as exc:
        fail(f"registers need the excel extra ({exc.name} is not installed): pip install 'accountability[excel]'")


def import_command(register: str, outfile: str, regimes: Sequence[str], fail: Callable[[str], NoReturn]) -> None:
    import sys

    path = Path(register)
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"):
        fail(f"{register}: expected a register .xlsx, .xls, .ods or .csv")
    if path.suffix.lower() != ".csv":
        _excel_needed(fail)
    try:
        cases = register_cases(path, regimes)
    except RegisterError as exc:
        fail("\n".join(exc.problems))
    data = to_jsonl(cases).encode("utf-8")
    if outfile == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            Path(outfile).write_bytes(data)
        except OSError as exc:
            fail(f"{outfile}: cannot write the file: {exc.strerror or exc}")
    print(f"accountability import: {len(cases)} incidents", file=sys.stderr)


def template_command(register: str, regimes: Sequence[str], fail: Callable[[str], NoReturn]) -> None:
    path = Path(register)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        fail(f"{register}: a template is written as .xlsx or .csv")
    if path.suffix.lower() == ".xlsx":
        _excel_needed(fail)
    try:
        written = write_template(path, regimes)
    except OSError as exc:
        fail(f"{register}: cannot write the file: {exc.strerror or exc}")
    import sys

    print("accountability template: " + ", ".join(str(p) for p in written), file=sys.stderr)


def batch_as_sheet(fmt: str, outfile: str, run: Callable[[str], None], fail: Callable[[str], NoReturn]) -> None:
    """assess-batch --format xlsx|csv: the batch runs into a JSONL beside, then becomes a sheet."""
    import sys
    import tempfile

    if fmt == "xlsx":
        if outfile == "-":
            fail("--format xlsx: give the workbook's name with -o FILE.xlsx")
        _excel_needed(fail)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "results.jsonl"
        run(str(jsonl))
        try:
            data = write_results(jsonl, fmt, None if outfile == "-" else Path(outfile))
        except OSError as exc:
            fail(f"{outfile}: cannot write the file: {exc.strerror or exc}")
    if data is not None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
