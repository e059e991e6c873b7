"""Words and numbers for prose: dates, plurals, and values the prose shows.

Numbers in a chapter's prose are written as `{eval}`name`` roles. The book renders them from the
values a hidden cell published with `publish` (myst-nb glue, read by the guide's Sphinx
extension); JupyterLab (jupyterlab-myst) evaluates the same name in the kernel after Run All.
"""

from __future__ import annotations

import pandas as pd


class Text(str):
    """A string whose repr is the string itself, so that it shows without quotes in prose."""

    def __repr__(self) -> str:
        return str(self)


def long_date(day) -> Text:
    """12 February 2025 (no leading zero)."""
    day = pd.Timestamp(day)
    return Text(f"{day.day} {day:%B %Y}")


def plural(n: int, noun: str, many: str | None = None) -> str:
    """'1 statement', '2 statements' (or the irregular plural given)."""
    return f"{n} {noun if n == 1 else (many or noun + 's')}"


def publish(namespace: dict, **values) -> None:
    """Make each value available to the prose under its name: as a variable in `namespace`
    (pass `globals()`; jupyterlab-myst evaluates `{eval}` roles there) and as a myst-nb glue
    entry (what the book renders). Strings become `Text`, so neither shows quotes."""
    from myst_nb import glue

    for name, value in values.items():
        if isinstance(value, str):
            value = Text(value)
        elif hasattr(value, "item") and not isinstance(value, (list, tuple)):
            value = value.item()  # numpy scalars show as plain numbers
        namespace[name] = value
        glue(name, value, display=False)
