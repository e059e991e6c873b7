"""Load the guide's tables, validated against data/datapackage.json.

`load(name)` is the only way the notebooks read a table. It checks the CSV against its
Frictionless Table Schema and against the source registry, and raises one `DataError` that names
the file, the row, the column and the rule, instead of a traceback from deep inside a library.

Rows are counted as in a spreadsheet: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REGISTRY = "sources"
LIST_SEP = ";"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The folder holding datapackage.json: the argument, $STUDYGUIDE_DATA, or the repo's data/."""
    return Path(path or os.environ.get("STUDYGUIDE_DATA") or DEFAULT_DATA_DIR)


@dataclass(frozen=True)
class Problem:
    """One rule broken at one place of one file."""

    file: str
    rule: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: [{self.rule}] {self.message}"


class DataError(ValueError):
    """A table broke its schema. `problems` lists every problem; the message leads with the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0]
        self.file, self.row, self.column, self.rule = first.file, first.row, first.column, first.rule
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{suffix}")


def _package_path(base: Path) -> Path:
    return base / "datapackage.json"


@lru_cache(maxsize=8)
def _read_package(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def package(base: str | os.PathLike | None = None) -> dict:
    """The parsed datapackage.json (re-read when the file changes)."""
    path = _package_path(data_dir(base))
    return _read_package(str(path), path.stat().st_mtime)


def resource(name: str, base: str | os.PathLike | None = None) -> dict:
    """The descriptor of one resource, by name."""
    for res in package(base)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in package(base)["resources"])
    raise KeyError(f"no table named {name!r} in datapackage.json (known: {known})")


def field(name: str, column: str, base: str | os.PathLike | None = None) -> dict:
    """The schema of one column of table `name`."""
    for f in resource(name, base)["schema"]["fields"]:
        if f["name"] == column:
            return f
    raise KeyError(f"table {name!r} has no column {column!r}")


def vocabulary(name: str, column: str, base: str | os.PathLike | None = None) -> list[str]:
    """The values a column may take, in display order: its enum in datapackage.json.

    This is the one place an order of categories comes from (legends, markers, explorer options,
    table rows). A column without an enum raises KeyError.
    """
    enum = field(name, column, base).get("constraints", {}).get("enum")
    if enum is None:
        raise KeyError(f"column {column!r} of {name!r} has no enum in datapackage.json")
    return [str(v) for v in enum]


def labels(name: str, column: str, base: str | os.PathLike | None = None, *,
           short: bool = False) -> dict[str, str]:
    """Display label of each value of a column: `enumLabels` (or `enumShortLabels`) in the
    schema, falling back to the value itself. Ordered as the vocabulary."""
    spec = field(name, column, base)
    given = {**spec.get("enumLabels", {}), **(spec.get("enumShortLabels", {}) if short else {})}
    return {v: given.get(v, v) for v in vocabulary(name, column, base)}


def titles(name: str, base: str | os.PathLike | None = None) -> dict[str, str]:
    """Column name -> the title readers see (the schema's field title)."""
    return {f["name"]: f.get("title", f["name"]) for f in resource(name, base)["schema"]["fields"]}


def _rel(base: Path, res: dict) -> str:
    return f"data/{res['path']}" if base == DEFAULT_DATA_DIR else str(base / res["path"])


def _check_bytes(raw: bytes, label: str) -> list[Problem]:
    """Empty files and bytes that are not UTF-8, located by row and column."""
    if not raw.strip():
        return [Problem(label, "empty-file", "the file is empty: it needs at least a header row")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        reader = csv.reader(io.StringIO(text))
        header = next(reader, [])
        for row_no, cells in enumerate(reader, start=2):
            for col, cell in zip(header, cells, strict=False):
                if "\ufffd" in cell:
                    return [Problem(label, "encoding", f"byte {raw[exc.start]:#04x} is not UTF-8; "
                                    "save the file as UTF-8", row=row_no, column=col)]
        return [Problem(label, "encoding", f"byte {raw[exc.start]:#04x} at offset {exc.start} "
                        "is not UTF-8; save the file as UTF-8", row=1)]
    return []


def _header_problems(raw: bytes, res: dict, label: str) -> list[Problem]:
    """The header must name exactly the schema's columns, in the schema's order."""
    header = next(csv.reader(io.StringIO(raw.decode("utf-8"))), [])
    expected = [f["name"] for f in res["schema"]["fields"]]
    problems = [Problem(label, "missing-column", "the header lacks this column, which the schema "
                        "requires", row=1, column=name) for name in expected if name not in header]
    problems += [Problem(label, "extra-column", "this column is not in the schema; add it to "
                         "datapackage.json or remove it", row=1, column=name)
                 for name in header if name not in expected]
    if not problems and header != expected:
        problems.append(Problem(label, "column-order", f"columns must be in the schema's order: "
                                f"{', '.join(expected)}", row=1))
    return problems


_RULE_NAMES = {
    "type-error": "type",
    "constraint-error": "constraint",
    "primary-key": "duplicate-key",
    "unique-error": "duplicate-key",
    "missing-label": "missing-column",
    "extra-label": "extra-column",
    "incorrect-label": "wrong-column",
    "duplicate-label": "duplicate-column",
    "blank-label": "blank-column-name",
    "missing-cell": "missing-cell",
    "extra-cell": "extra-cell",
    "blank-row": "blank-row",
}


def _import_frictionless():
    """Import Frictionless without the 3-second import of an IRI grammar it never uses here.

    jsonschema (which Frictionless uses to check descriptors) imports `rfc3987_syntax` when it is
    installed (JupyterLab pulls it in), and that module compiles ~40 Lark grammars at import.
    The guide's schemas use no "iri" formats, so we hide the module before jsonschema looks.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError
        try:
            import jsonschema  # noqa: F401
        finally:
            del sys.modules["rfc3987_syntax"]
    import frictionless

    return frictionless


def _frictionless_problems(base: Path, res: dict, label: str) -> list[Problem]:
    frictionless = _import_frictionless()
    Resource, Schema = frictionless.Resource, frictionless.Schema

    # Foreign keys name other tables; they are checked by _foreign_key_problems, with load().
    schema = Schema.from_descriptor({k: v for k, v in res["schema"].items() if k != "foreignKeys"})
    resource = Resource(path=res["path"], basepath=str(base), schema=schema, encoding="utf-8",
                        format="csv")
    report = resource.validate()
    problems = []
    for err in report.flatten(["rowNumber", "fieldName", "type", "note", "cell"]):
        row, field, kind, note, cell = err
        rule = _RULE_NAMES.get(kind, kind)
        if kind == "constraint-error" and note:
            rule = "constraint:" + note.split('"')[1] if '"' in note else rule
        if kind == "type-error":
            ftype = next((f["type"] for f in res["schema"]["fields"] if f["name"] == field), "?")
            message = f"{cell!r} is not a valid {ftype}" + (
                " (write dates as YYYY-MM-DD)" if ftype == "date" else "")
        elif kind == "constraint-error":
            message = f"{cell!r} breaks the rule {note}"
        elif kind == "primary-key":
            message = f"duplicate key: {note}"
        elif kind == "missing-label":
            message = "the header lacks this column required by the schema"
        elif kind == "extra-cell":
            field = None  # the cell lies beyond the last column: it has no column name
            message = f"extra cell {cell!r}: the row has more cells than the header has columns"
        elif kind == "missing-cell":
            message = "the row ends before this column: it has fewer cells than the header"
        elif kind == "blank-row":
            message = "the row is blank: remove it"
        else:
            message = note or kind
        problems.append(Problem(label, rule, message, row=row, column=field))
    return problems


def _source_id_problems(base: Path, res: dict, frame: pd.DataFrame, label: str) -> list[Problem]:
    """Every id in a column marked `sourceRegistry` must exist in the registry."""
    problems = []
    registry_cache: dict[str, set[str]] = {}
    for field in res["schema"]["fields"]:
        registry = field.get("sourceRegistry")
        if not registry or field["name"] not in frame:
            continue
        if registry not in registry_cache:
            registry_cache[registry] = set(load(registry, base)["id"])
        known = registry_cache[registry]
        for i, value in enumerate(frame[field["name"]], start=2):
            for sid in split_ids(value):
                if sid not in known:
                    problems.append(Problem(label, "unknown-source-id",
                                            f"source id {sid!r} is not in data/{registry}.csv",
                                            row=i, column=field["name"]))
    return problems


def _foreign_key_problems(base: Path, res: dict, frame: pd.DataFrame, label: str) -> list[Problem]:
    """Each foreign key's values must exist in the referenced table (composite keys too)."""
    problems = []
    for fk in res["schema"].get("foreignKeys", []):
        fields, ref = fk["fields"], fk["reference"]
        target = load(ref["resource"], base)
        known = set(map(tuple, target[ref["fields"]].astype(str).itertuples(index=False, name=None)))
        for row_no, values in enumerate(frame[fields].astype(str).itertuples(index=False, name=None),
                                        start=2):
            if tuple(values) not in known:
                shown = ", ".join(f"{f}={v!r}" for f, v in zip(fields, values, strict=True))
                problems.append(Problem(label, "foreign-key", f"{shown} is not in "
                                        f"data/{ref['resource']}.csv ({', '.join(ref['fields'])})",
                                        row=row_no, column=fields[-1]))
    return problems


def validate(name: str, base: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem of one table; an empty list means the table is valid."""
    base_dir = data_dir(base)
    res = resource(name, base_dir)
    label = _rel(base_dir, res)
    path = base_dir / res["path"]
    if not path.exists():
        return [Problem(label, "missing-file", "the file named in datapackage.json does not exist")]
    raw = path.read_bytes()
    problems = _check_bytes(raw, label) or _header_problems(raw, res, label)
    if problems:
        return problems
    problems = _frictionless_problems(base_dir, res, label)
    if problems:
        return problems
    frame = _read_typed(path, res)
    return _source_id_problems(base_dir, res, frame, label) + _foreign_key_problems(
        base_dir, res, frame, label)


def _read_typed(path: Path, res: dict) -> pd.DataFrame:
    """Read a CSV that passed validation, typing each column from its schema."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for field in res["schema"]["fields"]:
        name, ftype = field["name"], field.get("type", "string")
        if ftype == "date":
            frame[name] = pd.to_datetime(frame[name].replace("", None), format="%Y-%m-%d")
        elif ftype == "integer":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Int64")
        elif ftype == "number":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Float64")
        elif ftype == "boolean":
            frame[name] = frame[name].map({"true": True, "false": False, "": pd.NA})
    return frame


def _fingerprint(base: Path) -> tuple:
    """Changes whenever any file of the package changes (size or modification time)."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                        for p in base.iterdir() if p.is_file()))


@lru_cache(maxsize=32)
def _load_cached(name: str, base: str, fingerprint: tuple) -> pd.DataFrame:
    base_dir = Path(base)
    problems = validate(name, base_dir)
    if problems:
        raise DataError(problems)
    res = resource(name, base_dir)
    frame = _read_typed(base_dir / res["path"], res)
    frame.attrs["resource"] = name
    return frame


def load(name: str, base: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validate table `name` and return it as a typed DataFrame; raise DataError if invalid.

    A table is validated once per version of the data folder; later calls return a copy.
    """
    base_dir = data_dir(base)
    return _load_cached(name, str(base_dir), _fingerprint(base_dir)).copy()


def split_ids(value: str) -> list[str]:
    """'a;b' -> ['a', 'b'] (the format of every source_ids cell)."""
    return [s.strip() for s in str(value).split(LIST_SEP) if s.strip()]


def cited_sources(frame: pd.DataFrame, column: str = "source_ids",
                  base: str | os.PathLike | None = None) -> pd.DataFrame:
    """The registry rows cited anywhere in `frame[column]`, in order of first citation."""
    order: list[str] = []
    for value in frame[column]:
        for sid in split_ids(value):
            if sid not in order:
                order.append(sid)
    registry = load(REGISTRY, base).set_index("id")
    return registry.loc[order].reset_index()


def source_line(name: str, frame: pd.DataFrame | None = None,
                base: str | os.PathLike | None = None) -> str:
    """A caption's source line, generated from datapackage.json and the registry."""
    res = resource(name, base)
    parts = [f"Data: data/{res['path']} ({res['title']})"]
    has_ids = any(f["name"] == "source_ids" for f in res["schema"]["fields"])
    if frame is not None and has_ids and len(frame):
        cited = cited_sources(frame, base=base)
        kinds = cited["kind"].value_counts()
        mix = ", ".join(f"{n} {k}" for k, n in kinds.items())
        noun = "source" if len(cited) == 1 else "sources"
        parts.append(f"Compiled from {len(cited)} {noun} ({mix}), listed on the Sources page")
    elif frame is not None and has_ids:
        parts.append("No rows selected, so no sources cited")
    else:
        parts.append("; ".join(s["title"] for s in res.get("sources", [])))
    parts.append(f"As of {res['asOf']}")
    return ". ".join(p.rstrip(".") for p in parts) + "."
