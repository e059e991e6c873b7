"""What every chapter's views share: the `View` they return and the checking of their arguments.

A view function takes validated tables and a reader's choices and returns a `View`. Bad
arguments raise a `TypeError` (wrong kind of value) or a `ValueError` (a value not in the data's
vocabulary), with a message that says what is allowed, never an error from deep inside pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from . import charts, tables


@dataclass
class View:
    """What a view function returns: a chart, a table, the rows behind both, and a one-line
    summary (what the HTML explorer announces when the view changes)."""

    table: tables.Table
    chart: charts.Chart
    frame: pd.DataFrame
    summary: str = ""

    def _repr_html_(self) -> str:
        return self.chart._repr_html_() + self.table._repr_html_()

    def __repr__(self) -> str:
        return f"{self.summary}\n{self.chart!r}\n{self.table!r}".strip()


def check_frame(frame, name: str, columns: Iterable[str]) -> pd.DataFrame:
    """`frame` must be a DataFrame with the given columns (as `data.load(name)` returns it)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected the {name!r} table as a pandas DataFrame (from load({name!r})), "
                        f"got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"the {name!r} table lacks column(s) {missing}; pass load({name!r})")
    return frame


def check_choices(name: str, chosen, known: list[str]) -> list[str] | None:
    """A reader's choice among `known` values: None means all; a string means that one value;
    an iterable of strings means those values (repeats dropped, order kept). The result is
    None whenever every known value is chosen, so that captions can say "all"."""
    if chosen is None:
        return None
    if isinstance(chosen, str):
        chosen = [chosen]
    elif not isinstance(chosen, Iterable) or isinstance(chosen, (bytes, dict)):
        raise TypeError(f"{name}s must be None (all), one {name} as a string or a list of "
                        f"strings; got {type(chosen).__name__}")
    values: list[str] = []
    for value in chosen:
        if not isinstance(value, str):
            raise TypeError(f"each {name} must be a string; got {type(value).__name__} {value!r}")
        if value not in values:
            values.append(value)
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValueError(f"unknown {name} {unknown!r}; choose from {known}")
    if set(values) == set(known):
        return None
    return [v for v in known if v in values]  # the vocabulary's order


def check_one(name: str, value, known: list[str]) -> str:
    """Exactly one value among `known` (a list is a TypeError, not 'unknown [...]')."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {known} as a string; got {type(value).__name__} "
                        f"{value!r}")
    if value not in known:
        raise ValueError(f"unknown {name} {value!r}; choose from {known}")
    return value


def selection_text(values: list[str] | None, noun: str, plural: str | None = None) -> str:
    """'all actors', 'no actor', or the chosen values joined by commas."""
    plural = plural or f"{noun}s"
    if values is None:
        return f"all {plural}"
    return ", ".join(values) or f"no {noun}"


def sort_by_vocabulary(frame: pd.DataFrame, resource: str, column: str, *then: str) -> pd.DataFrame:
    """Rows sorted by the schema's order of `column` (its enum), then by the other columns."""
    from . import data

    rank = {v: i for i, v in enumerate(data.vocabulary(resource, column))}
    return frame.sort_values([column, *then], key=lambda s: s.map(rank) if s.name == column else s)
