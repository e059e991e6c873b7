"""studyguide.common, studyguide.text and the vocabulary functions of studyguide.data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from studyguide import common, data, text


@pytest.mark.parametrize(("chosen", "expected"), [
    (None, None),
    ("b", ["b"]),
    (["c", "a", "c"], ["a", "c"]),   # repeats dropped, the vocabulary's order
    (("a", "b", "c"), None),         # everything chosen is "all"
    ([], []),
])
def test_check_choices(chosen, expected):
    assert common.check_choices("letter", chosen, ["a", "b", "c"]) == expected


@pytest.mark.parametrize("bad", [5, 2.5, b"a", {"a": 1}, [1], ["a", None]])
def test_check_choices_refuses_the_wrong_type(bad):
    with pytest.raises(TypeError, match="letter"):
        common.check_choices("letter", bad, ["a", "b"])


def test_check_choices_names_the_unknown_values():
    with pytest.raises(ValueError, match=r"unknown letter \['z'\]; choose from \['a', 'b'\]"):
        common.check_choices("letter", ["a", "z"], ["a", "b"])


def test_check_one_refuses_a_list_with_a_type_error():
    with pytest.raises(TypeError, match="first must be one of"):
        common.check_one("first", ["a"], ["a", "b"])
    with pytest.raises(ValueError, match="unknown first 'c'"):
        common.check_one("first", "c", ["a", "b"])
    assert common.check_one("first", "b", ["a", "b"]) == "b"


def test_check_frame():
    with pytest.raises(TypeError, match="DataFrame"):
        common.check_frame(None, "claims", ["id"])
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['x'\]"):
        common.check_frame(pd.DataFrame({"id": []}), "claims", ["id", "x"])


def test_selection_text():
    assert common.selection_text(None, "actor") == "all actors"
    assert common.selection_text([], "actor") == "no actor"
    assert common.selection_text(["A", "B"], "party", "parties") == "A, B"
    assert common.selection_text(None, "party", "parties") == "all parties"


def test_sort_by_vocabulary_follows_the_enum_then_the_other_columns():
    frame = pd.DataFrame({"status": ["proposed_not_accepted", "agreed", "agreed"], "n": [1, 3, 2]})
    out = common.sort_by_vocabulary(frame, "truces", "status", "n")
    assert list(zip(out["status"], out["n"], strict=True)) == [
        ("agreed", 2), ("agreed", 3), ("proposed_not_accepted", 1)]


def test_long_date_and_plural():
    assert text.long_date(pd.Timestamp("2025-02-03")) == "3 February 2025"
    assert repr(text.long_date("2025-12-31")) == "31 December 2025"  # no quotes in prose
    assert text.plural(1, "statement") == "1 statement"
    assert text.plural(0, "statement") == "0 statements"
    assert text.plural(2, "party", "parties") == "2 parties"


def test_publish_sets_plain_values_and_glues_them(monkeypatch):
    glued = {}
    import myst_nb

    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: glued.setdefault(name, value))
    namespace: dict = {}
    text.publish(namespace, n=np.int64(3), when="1 May 2025")
    assert namespace == {"n": 3, "when": "1 May 2025"}
    assert type(namespace["n"]) is int and repr(namespace["when"]) == "1 May 2025"
    assert glued == namespace


def test_vocabulary_labels_and_titles_come_from_the_schema(data_copy, monkeypatch):
    path = data_copy / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    truces = next(r for r in pkg["resources"] if r["name"] == "truces")
    status = next(f for f in truces["schema"]["fields"] if f["name"] == "status")
    status["constraints"]["enum"] = list(reversed(status["constraints"]["enum"]))
    status["enumLabels"] = {"agreed": "Agreed!"}
    status["title"] = "State"
    path.write_text(json.dumps(pkg), encoding="utf-8")
    monkeypatch.setenv("STUDYGUIDE_DATA", str(data_copy))
    assert data.vocabulary("truces", "status") == status["constraints"]["enum"]
    labels = data.labels("truces", "status")
    assert list(labels) == status["constraints"]["enum"] and labels["agreed"] == "Agreed!"
    assert labels["proposed_not_accepted"] == "proposed_not_accepted"
    assert data.titles("truces")["status"] == "State"
    with pytest.raises(KeyError, match="no enum"):
        data.vocabulary("truces", "name")
    with pytest.raises(KeyError, match="no column"):
        data.vocabulary("truces", "nonexistent")


def test_short_labels_fall_back_to_labels_then_values():
    short = data.labels("us_stance_statements", "actor", short=True)
    assert short["Donald Trump"] == "Trump"
    assert short["White House"] == "White House"


def test_publish_keeps_plain_python_values_and_never_displays_them(monkeypatch):
    calls = []
    import myst_nb

    monkeypatch.setattr(myst_nb, "glue", lambda name, value, **kw: calls.append((name, value, kw)))
    namespace: dict = {}
    text.publish(namespace, n=3, share=0.25, days=[1, 2], pair=(np.int64(1), 2))
    assert namespace == {"n": 3, "share": 0.25, "days": [1, 2], "pair": (1, 2)}
    # the hidden cell that publishes shows nothing: the value appears only where the prose puts it
    assert calls == [(name, value, {"display": False}) for name, value in namespace.items()]
