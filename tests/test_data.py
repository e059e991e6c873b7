"""Data layer: every table is valid, every source id resolves, and bad data gets one clear error.

Each planted fault copies data/ to a scratch folder, breaks one thing, and checks that the
error names the file, the row, the column and the rule.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from studyguide import data

RESOURCES = [r["name"] for r in data.package()["resources"]]


@pytest.mark.parametrize("name", RESOURCES)
def test_every_table_is_valid(name):
    assert data.validate(name) == []


def test_every_csv_in_data_is_described():
    described = {r["path"] for r in data.package()["resources"]}
    on_disk = {p.name for p in data.DEFAULT_DATA_DIR.glob("*.csv")}
    assert on_disk == described


@pytest.mark.parametrize("name", RESOURCES)
def test_each_dataset_states_sources_licence_coverage_and_as_of(name):
    res = data.resource(name)
    for key in ("title", "description", "sources", "coverage", "asOf", "schema"):
        assert res.get(key), f"{name} lacks {key}"
    assert res.get("licenses") or data.package().get("licenses")
    for field in res["schema"]["fields"]:
        assert field.get("type"), f"{name}.{field['name']} has no type"


def test_every_fact_row_cites_a_registered_source():
    registry = set(data.load("sources")["id"])
    for name in RESOURCES:
        frame = data.load(name)
        if "source_ids" not in frame:
            continue
        for row_no, cell in enumerate(frame["source_ids"], start=2):
            ids = data.split_ids(cell)
            assert ids, f"{name} row {row_no} cites no source"
            assert set(ids) <= registry, f"{name} row {row_no}: {set(ids) - registry}"


def test_each_source_is_registered_once():
    sources = data.load("sources")
    urls = sources.loc[sources["url"] != "", "url"].str.rstrip("/")
    assert not urls.duplicated().any(), sorted(urls[urls.duplicated()])


def test_source_kinds_and_urls():
    sources = data.load("sources")
    assert set(sources["kind"]) <= {"primary", "wire", "newspaper", "analysis", "state media",
                                    "aggregator"}
    with_url = sources[sources["url"] != ""]
    assert with_url["url"].str.match(r"https?://").all()
    # a page that was checked has an access date; only the seed text itself has no URL
    assert (sources.loc[sources["url"] == "", "id"] == "seed-commentary").all()


def test_loaded_types_follow_the_schema():
    frame = data.load("us_stance_statements")
    assert str(frame["date"].dtype).startswith("datetime64")
    assert str(data.load("claims")["chapter"].dtype) == "Int64"


def test_source_line_is_generated_from_metadata():
    frame = data.load("us_stance_statements")
    line = data.source_line("us_stance_statements", frame)
    n_cited = len(data.cited_sources(frame))
    assert f"Compiled from {n_cited} sources" in line
    assert data.resource("us_stance_statements")["asOf"] in line
    assert "data/us_stance_statements.csv" in line


# --- planted faults -------------------------------------------------------------------------

def _rewrite(path: Path, edit) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _error(base: Path, name: str) -> data.DataError:
    with pytest.raises(data.DataError) as info:
        data.load(name, base)
    return info.value


def _set(rows, row_no, column, value):
    """Set a cell by spreadsheet row number (header = row 1) and column name."""
    rows[row_no - 1][rows[0].index(column)] = value


def test_missing_column(data_copy):
    def drop_kind(rows):
        col = rows[0].index("kind")
        for r in rows:
            del r[col]
    _rewrite(data_copy / "us_stance_statements.csv", drop_kind)
    err = _error(data_copy, "us_stance_statements")
    assert err.rule == "missing-column" and err.column == "kind"
    assert "us_stance_statements.csv" in str(err) and "column 'kind'" in str(err)


def test_wrong_type(data_copy):
    _rewrite(data_copy / "claims.csv", lambda rows: _set(rows, 4, "chapter", "one"))
    err = _error(data_copy, "claims")
    assert (err.rule, err.row, err.column) == ("type", 4, "chapter")
    assert "'one' is not a valid integer" in str(err)


def test_bad_date(data_copy):
    _rewrite(data_copy / "us_stance_statements.csv", lambda rows: _set(rows, 3, "date", "2025-02-30"))
    err = _error(data_copy, "us_stance_statements")
    assert (err.rule, err.row, err.column) == ("type", 3, "date")
    assert "YYYY-MM-DD" in str(err) and "row 3" in str(err)


def test_date_out_of_range(data_copy):
    _rewrite(data_copy / "us_stance_statements.csv", lambda rows: _set(rows, 2, "date", "2019-01-01"))
    err = _error(data_copy, "us_stance_statements")
    assert (err.rule, err.row, err.column) == ("constraint:minimum", 2, "date")


def test_unknown_enum_value(data_copy):
    _rewrite(data_copy / "us_stance_statements.csv", lambda rows: _set(rows, 5, "kind", "bluff"))
    err = _error(data_copy, "us_stance_statements")
    assert (err.rule, err.row, err.column) == ("constraint:enum", 5, "kind")
    assert "'bluff'" in str(err)


def test_duplicate_key(data_copy):
    def dup(rows):
        rows.append(list(rows[1]))
    _rewrite(data_copy / "claims.csv", dup)
    err = _error(data_copy, "claims")
    assert err.rule in {"duplicate-key", "constraint:unique"}
    assert err.row == 2 + len(data.load("claims")) and err.column == "id"


def test_dangling_source_id(data_copy):
    _rewrite(data_copy / "quiz.csv",
             lambda rows: _set(rows, 3, "source_ids", "nbc-pissed-off;no-such-source"))
    err = _error(data_copy, "quiz")
    assert (err.rule, err.row, err.column) == ("unknown-source-id", 3, "source_ids")
    assert "'no-such-source'" in str(err) and "sources.csv" in str(err)


def test_empty_file(data_copy):
    (data_copy / "claims.csv").write_bytes(b"")
    err = _error(data_copy, "claims")
    assert err.rule == "empty-file" and "claims.csv" in str(err)


def test_non_utf8_bytes(data_copy):
    path = data_copy / "sources.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"The", b"Th\xe9", 1) if b"The" in lines[3] else lines[3] + b"\xe9"
    path.write_bytes(b"\n".join(lines))
    err = _error(data_copy, "sources")
    assert err.rule == "encoding" and err.row == 4 and err.column is not None
    assert "0xe9" in str(err) and "UTF-8" in str(err)


def test_missing_file(data_copy):
    (data_copy / "quiz.csv").unlink()
    err = _error(data_copy, "quiz")
    assert err.rule == "missing-file"


def test_unknown_table_name():
    with pytest.raises(KeyError, match="no table named 'nope'"):
        data.resource("nope")


def test_all_problems_are_listed(data_copy):
    def two_faults(rows):
        _set(rows, 2, "kind", "bluff")
        _set(rows, 3, "date", "yesterday")
    _rewrite(data_copy / "us_stance_statements.csv", two_faults)
    err = _error(data_copy, "us_stance_statements")
    assert len(err.problems) == 2 and "and 1 more problem" in str(err)


def test_a_data_change_is_seen_without_restarting(data_copy):
    before = len(data.load("claims", data_copy))
    _rewrite(data_copy / "claims.csv", lambda rows: rows.pop())
    assert len(data.load("claims", data_copy)) == before - 1


def test_schema_edits_are_seen(data_copy):
    pkg_path = data_copy / "datapackage.json"
    pkg = json.loads(pkg_path.read_text(encoding="utf-8"))
    res = next(r for r in pkg["resources"] if r["name"] == "claims")
    field = next(f for f in res["schema"]["fields"] if f["name"] == "verdict")
    field["constraints"]["enum"].remove("opinion")
    pkg_path.write_text(json.dumps(pkg), encoding="utf-8")
    err = _error(data_copy, "claims")
    assert err.rule == "constraint:enum" and err.column == "verdict"


def test_extra_column(data_copy):
    def add(rows):
        for i, r in enumerate(rows):
            r.append("surprise" if i == 0 else "x")
    _rewrite(data_copy / "quiz.csv", add)
    err = _error(data_copy, "quiz")
    assert (err.rule, err.row, err.column) == ("extra-column", 1, "surprise")


def test_foreign_key_to_stance_codes(data_copy):
    _rewrite(data_copy / "positions.csv", lambda rows: _set(rows, 4, "stance", "appease"))
    err = _error(data_copy, "positions")
    assert (err.rule, err.row, err.column) == ("foreign-key", 4, "stance")
    assert "'appease'" in str(err) and "stance_codes.csv" in str(err)


def test_at_most_one_snapshot_position_per_actor_and_issue():
    positions = data.load("positions")
    snap = positions[positions["period"] == "snapshot"]
    assert not snap.duplicated(["actor", "issue"]).any()
    assert (snap["date"] <= "2025-05-10").all()
    assert (positions.loc[positions["period"] == "later", "date"] > "2025-05-10").all()


def test_truce_dates_are_in_order():
    truces = data.load("truces")
    both = truces.dropna(subset=["start", "end"])
    assert (both["start"] <= both["end"]).all()
    assert (truces.dropna(subset=["start"])["announced"] <= truces.dropna(subset=["start"])["start"]).all()


def test_load_returns_a_copy_in_schema_column_order():
    first = data.load("claims")
    assert list(first.columns) == [f["name"] for f in data.resource("claims")["schema"]["fields"]]
    first.loc[first.index[0], "verdict"] = "changed by the test"
    first["extra"] = 1
    again = data.load("claims")
    assert "extra" not in again.columns and again.iloc[0]["verdict"] != "changed by the test"
    assert again.attrs["resource"] == "claims"


def test_cited_sources_come_in_order_of_first_citation():
    import pandas as pd

    frame = pd.DataFrame({"source_ids": ["interfax-jeddah;nbc-pissed-off", "cnn-crimea; interfax-jeddah"]})
    assert list(data.cited_sources(frame)["id"]) == ["interfax-jeddah", "nbc-pissed-off", "cnn-crimea"]


def test_a_problem_names_file_row_column_and_rule():
    assert str(data.Problem("data/x.csv", "type", "'a' is not a valid integer", row=3, column="n")) == \
        "data/x.csv, row 3, column 'n': [type] 'a' is not a valid integer"
    assert str(data.Problem("data/x.csv", "empty-file", "the file is empty")) == \
        "data/x.csv: [empty-file] the file is empty"
    assert str(data.Problem("data/x.csv", "column-order", "wrong order", row=1)) == \
        "data/x.csv, row 1: [column-order] wrong order"


@pytest.mark.parametrize(("n", "suffix"), [(1, ""), (2, " (and 1 more problem)"),
                                           (3, " (and 2 more problems)")])
def test_a_data_error_leads_with_the_first_problem_and_counts_the_rest(n, suffix):
    problems = [data.Problem("data/x.csv", f"rule-{i}", f"message {i}", row=i + 2, column=f"c{i}")
                for i in range(n)]
    err = data.DataError(problems)
    assert str(err) == "data/x.csv, row 2, column 'c0': [rule-0] message 0" + suffix
    assert (err.file, err.row, err.column, err.rule) == ("data/x.csv", 2, "c0", "rule-0")
    assert err.problems == problems


def test_source_line_reads_the_package_and_registry_it_is_given(data_copy):
    import pandas as pd

    pkg_path = data_copy / "datapackage.json"
    pkg = json.loads(pkg_path.read_text(encoding="utf-8"))
    claims = next(r for r in pkg["resources"] if r["name"] == "claims")
    claims.update(title="Seed claims (copy)", asOf="2030-01-01",
                  sources=[{"title": "Notes one"}, {"title": "Notes two."}])
    pkg_path.write_text(json.dumps(pkg), encoding="utf-8")
    _rewrite(data_copy / "sources.csv",
             lambda rows: _set(rows, 1 + [r[0] for r in rows].index("nbc-pissed-off"), "kind", "primary"))
    frame = pd.DataFrame({"source_ids": ["nbc-pissed-off; interfax-jeddah", "nbc-pissed-off"]})
    assert data.source_line("claims", frame, base=data_copy) == (
        "Data: data/claims.csv (Seed claims (copy)). Compiled from 2 sources (1 primary, 1 wire), "
        "listed on the Sources page. As of 2030-01-01.")
    assert data.source_line("claims", frame.head(1).assign(source_ids="nbc-pissed-off"),
                            base=data_copy) == (
        "Data: data/claims.csv (Seed claims (copy)). Compiled from 1 source (1 primary), "
        "listed on the Sources page. As of 2030-01-01.")
    assert data.source_line("claims", frame.iloc[0:0], base=data_copy) == (
        "Data: data/claims.csv (Seed claims (copy)). No rows selected, so no sources cited. "
        "As of 2030-01-01.")
    # without rows (or for a table without source_ids): the dataset's own sources
    assert data.source_line("claims", base=data_copy) == (
        "Data: data/claims.csv (Seed claims (copy)). Notes one; Notes two. As of 2030-01-01.")


def _literal_package(base: Path) -> Path:
    """A one-table package with a column of each type, written out in a scratch folder."""
    base.mkdir(parents=True, exist_ok=True)
    (base / "datapackage.json").write_text(json.dumps({"name": "lit", "resources": [{
        "name": "things", "path": "things.csv", "title": "Things",
        "schema": {"fields": [
            {"name": "code", "type": "string", "title": "Code"},
            {"name": "day", "type": "date"},
            {"name": "n", "type": "integer"},
            {"name": "share", "type": "number"},
            {"name": "ok", "type": "boolean"},
            {"name": "size", "title": "Size", "constraints": {"enum": ["S", "M", "L"]},
             "enumLabels": {"S": "Small", "M": "Medium"}, "enumShortLabels": {"S": "s."}}]}}]}),
        encoding="utf-8")
    (base / "things.csv").write_text("code,day,n,share,ok,size\n007,2025-03-01,1,0.5,true,S\n"
                                     "NA,,,,false,M\n日本,2025-12-31,-2,,,L\n", encoding="utf-8")
    return base


def test_a_literal_table_is_typed_from_its_schema(tmp_path):
    import pandas as pd

    frame = data.load("things", _literal_package(tmp_path / "lit"))
    assert frame["code"].tolist() == ["007", "NA", "日本"]  # text stays text: no 7, no NaN
    assert frame["day"].tolist()[0::2] == [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-12-31")]
    assert pd.isna(frame["day"][1]) and str(frame["day"].dtype).startswith("datetime64")
    assert str(frame["n"].dtype) == "Int64" and frame["n"].tolist()[0::2] == [1, -2]
    assert str(frame["share"].dtype) == "Float64" and frame["share"][0] == 0.5
    assert frame["share"].isna().tolist() == [False, True, True]
    assert frame["ok"].tolist()[:2] == [True, False] and pd.isna(frame["ok"][2])
    assert frame["size"].tolist() == ["S", "M", "L"]  # a column without a type is text


def test_schema_lookups_read_the_package_they_are_given(tmp_path):
    base = _literal_package(tmp_path / "lit")
    assert data.field("things", "size", base)["title"] == "Size"
    assert data.vocabulary("things", "size", base) == ["S", "M", "L"]
    assert data.labels("things", "size", base) == {"S": "Small", "M": "Medium", "L": "L"}
    assert data.labels("things", "size", base, short=True) == {"S": "s.", "M": "Medium", "L": "L"}
    assert data.titles("things", base) == {"code": "Code", "day": "day", "n": "n", "share": "share",
                                           "ok": "ok", "size": "Size"}  # no title: the name
    with pytest.raises(KeyError, match="no enum"):
        data.vocabulary("things", "code", base)


def _lit_error(tmp_path, csv_text: str, edit=None) -> data.DataError:
    base = _literal_package(tmp_path / "lit")
    if edit:
        pkg = json.loads((base / "datapackage.json").read_text(encoding="utf-8"))
        edit(pkg, base)
        (base / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    (base / "things.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(data.DataError) as info:
        data.load("things", base)
    return info.value


@pytest.mark.parametrize(("csv_text", "expected"), [
    ("code,day,share,ok,size\n007,2025-03-01,0.5,true,S\n",
     ["row 1, column 'n': [missing-column] the header lacks this column, which the schema requires"]),
    ("code,day,n,share,ok,size,extra\n007,2025-03-01,1,0.5,true,S,x\n",
     ["row 1, column 'extra': [extra-column] this column is not in the schema; add it to "
      "datapackage.json or remove it"]),
    ("day,code,n,share,ok,size\n2025-03-01,007,1,0.5,true,S\n",
     ["row 1: [column-order] columns must be in the schema's order: code, day, n, share, ok, size"]),
    ("code,day,n,share,ok,size\n007,2025-03-01,one,0.5,true,S\n",
     ["row 2, column 'n': [type] 'one' is not a valid integer"]),
    ("code,day,n,share,ok,size\n007,2025-02-30,1,0.5,true,S\n",
     ["row 2, column 'day': [type] '2025-02-30' is not a valid date (write dates as YYYY-MM-DD)"]),
])
def test_each_broken_rule_of_a_literal_table_gets_one_exact_message(tmp_path, csv_text, expected):
    err = _lit_error(tmp_path, csv_text)
    label = str(tmp_path / "lit" / "things.csv")
    assert [str(p) for p in err.problems] == [f"{label}, {e}" for e in expected]


def test_a_composite_foreign_key_names_every_value_and_the_referenced_columns(tmp_path):
    def add_key(pkg, base):
        pkg["resources"][0]["schema"]["foreignKeys"] = [
            {"fields": ["code", "size"], "reference": {"resource": "sizes", "fields": ["code", "size"]}}]
        pkg["resources"].append({"name": "sizes", "path": "sizes.csv", "title": "Sizes", "schema": {
            "fields": [{"name": "code", "type": "string"}, {"name": "size", "type": "string"}]}})
        (base / "sizes.csv").write_text("code,size\n007,S\nNA,M\n", encoding="utf-8")
    err = _lit_error(tmp_path, "code,day,n,share,ok,size\n007,2025-03-01,1,0.5,true,S\n"
                               "NA,,,,false,L\n", add_key)
    assert str(err) == (f"{tmp_path / 'lit' / 'things.csv'}, row 3, column 'size': [foreign-key] "
                        "code='NA', size='L' is not in data/sizes.csv (code, size)")


def test_source_ids_are_checked_against_the_registry_of_the_package_given(tmp_path):
    """A scratch package's own sources.csv is the registry: its ids count, the real ones do not."""
    def add_registry(pkg, base):
        pkg["resources"][0]["schema"]["fields"].append(
            {"name": "source_ids", "type": "string", "sourceRegistry": "sources"})
        pkg["resources"].append({"name": "sources", "path": "sources.csv", "title": "Registry",
                                 "schema": {"fields": [{"name": "id", "type": "string"}]}})
        (base / "sources.csv").write_text("id\nlocal-only\nalso-local\n", encoding="utf-8")
    header = "code,day,n,share,ok,size,source_ids\n"
    err = _lit_error(tmp_path, header + "a,,,,,S,local-only; also-local\n"
                                        "b,,,,,M,also-local;nbc-pissed-off\n", add_registry)
    label = tmp_path / "lit" / "things.csv"
    # nbc-pissed-off is in the guide's registry, but not in this package's
    assert [str(p) for p in err.problems] == [
        f"{label}, row 3, column 'source_ids': [unknown-source-id] source id 'nbc-pissed-off' is not "
        "in data/sources.csv"]
    (tmp_path / "lit" / "things.csv").write_text(header + "a,,,,,S,local-only; also-local\n",
                                                 encoding="utf-8")
    assert data.load("things", tmp_path / "lit")["source_ids"].tolist() == ["local-only; also-local"]


def _key_code(pkg, base):
    pkg["resources"][0]["schema"]["primaryKey"] = ["code"]


def _code_unique(pkg, base):
    pkg["resources"][0]["schema"]["fields"][0]["constraints"] = {"unique": True}


def _n_required_at_least_0(pkg, base):
    pkg["resources"][0]["schema"]["fields"][2]["constraints"] = {"required": True, "minimum": 0}


_HEAD = "code,day,n,share,ok,size\n"


@pytest.mark.parametrize(("csv_text", "edit", "expected"), [
    (_HEAD + "a,,,,,S\nb,,,,,M\na,,,,,L\n", _key_code,
     ["row 4: [duplicate-key] duplicate key: the same as in the row at position 2"]),
    (_HEAD + "a,,,,,S\nb,,,,,M\na,,,,,L\n", _code_unique,
     ["row 4, column 'code': [duplicate-key] the same as in the row at position 2"]),
    (_HEAD + "a,,,,,XL\n", None,
     ["row 2, column 'size': [constraint:enum] 'XL' breaks the rule "
      """constraint "enum" is "['S', 'M', 'L']\""""]),
    (_HEAD + "a,,,,,S\nb,,-1,,,S\n", _n_required_at_least_0,
     ["""row 2, column 'n': [constraint:required] '' breaks the rule constraint "required" is "True\"""",
      """row 3, column 'n': [constraint:minimum] '-1' breaks the rule constraint "minimum" is "0\""""]),
    (_HEAD + "a,,,x,maybe,S\n", None,
     ["row 2, column 'share': [type] 'x' is not a valid number",
      "row 2, column 'ok': [type] 'maybe' is not a valid boolean"]),
    (_HEAD + "a,,,,,S,surplus\n", None,
     ["row 2: [extra-cell] extra cell 'surplus': the row has more cells than the header has columns"]),
    (_HEAD + "a,,,,,S\nb,,,,\n", None,
     ["row 3, column 'size': [missing-cell] the row ends before this column: it has fewer cells "
      "than the header"]),
    (_HEAD + "a,,,,,S\n,,,,,\nb,,,,,M\n", None, ["row 3: [blank-row] the row is blank: remove it"]),
])
def test_each_broken_cell_rule_gets_one_exact_message(tmp_path, csv_text, edit, expected):
    err = _lit_error(tmp_path, csv_text, edit)
    label = str(tmp_path / "lit" / "things.csv")
    assert [str(p) for p in err.problems] == [f"{label}, {e}" for e in expected]


@pytest.mark.parametrize(("raw", "expected"), [
    (b"code,day,n,share,ok,size\na,,,,,S\nb\xe9,,,,,M\n",
     "row 3, column 'code': [encoding] byte 0xe9 is not UTF-8; save the file as UTF-8"),
    (b"code,day,n,share,ok,size\na,2025-01-01,1,0.5,true,\xb5\n",
     "row 2, column 'size': [encoding] byte 0xb5 is not UTF-8; save the file as UTF-8"),
    (b"code,day,n,share,ok,size\nshort,row\nc\xe9,,,,,S\n",  # a ragged row before it: still found
     "row 3, column 'code': [encoding] byte 0xe9 is not UTF-8; save the file as UTF-8"),
    (b"co\xffde,day,n,share,ok,size\na,,,,,S\n",
     "row 1: [encoding] byte 0xff at offset 2 is not UTF-8; save the file as UTF-8"),
    (_HEAD.encode("utf-16"), "row 1: [encoding] byte 0xff at offset 0 is not UTF-8; save the file as UTF-8"),
    (b"\n  \r\n", "[empty-file] the file is empty: it needs at least a header row"),
])
def test_bytes_that_are_not_a_utf8_table_are_located_exactly(tmp_path, raw, expected):
    base = _literal_package(tmp_path / "lit")
    (base / "things.csv").write_bytes(raw)
    label = str(base / "things.csv")
    assert [str(p) for p in data.validate("things", base)] == [
        f"{label}, {expected}" if expected.startswith("row") else f"{label}: {expected}"]


def test_a_text_column_of_digits_stays_text(tmp_path):
    base = _literal_package(tmp_path / "lit")
    (base / "things.csv").write_text(_HEAD + "007,,,,,S\n10,,,,,M\n", encoding="utf-8")
    assert data.load("things", base)["code"].tolist() == ["007", "10"]  # codes, not numbers 7 and 10


def test_a_problem_in_the_guides_own_data_folder_names_the_file_as_data_slash(tmp_path, monkeypatch):
    base = _literal_package(tmp_path / "lit")
    (base / "things.csv").write_text(_HEAD + "a,,one,,,S\n", encoding="utf-8")
    monkeypatch.delenv("STUDYGUIDE_DATA", raising=False)
    monkeypatch.setattr(data, "DEFAULT_DATA_DIR", base)
    assert [str(p) for p in data.validate("things")] == [
        "data/things.csv, row 2, column 'n': [type] 'one' is not a valid integer"]


def test_a_missing_file_is_named_with_the_rule_and_what_to_do(tmp_path):
    base = _literal_package(tmp_path / "lit")
    (base / "things.csv").unlink()
    assert [str(p) for p in data.validate("things", base)] == [
        f"{base / 'things.csv'}: [missing-file] the file named in datapackage.json does not exist"]
