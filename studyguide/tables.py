"""Static HTML tables: every cell escaped, links only for http(s) URLs, a generated caption."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from . import data


def _cell(value) -> str:
    """A cell as text: missing values (None, NaN, NA, NaT) are empty, dates are YYYY-MM-DD."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def safe_link(url: str, text: str | None = None) -> str:
    """An <a> for an http(s) URL; anything else (javascript:, data:, junk) becomes escaped text."""
    url = _cell(url).strip()
    label = html.escape(text if text is not None else url)
    if urlparse(url).scheme in ("http", "https") and not any(c in url for c in "<>\"' "):
        return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>'
    return label


SOURCES_PAGE = "sources.html"  # the rendered registry, next to the chapter pages
DATA_URL = "../data/"  # the book publishes data/ at its root; chapter pages sit in chapters/
_DATA_FILE = re.compile(r"\bdata/([A-Za-z0-9_-]+\.(?:csv|json))")


def internal_link(href: str, text: str) -> str:
    """A link to another file of the guide. It opens in a new tab (so that JupyterLab is never
    navigated away); the book's script makes it open in place."""
    return (f'<a class="sg-internal" href="{html.escape(href, quote=True)}" target="_blank" '
            f'rel="noopener">{html.escape(text)}</a>')


def source_html(text: str) -> str:
    """A caption's source line as HTML: escaped, with each data file named in it linked to the
    CSV published with the book."""
    out, pos = [], 0
    for m in _DATA_FILE.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(internal_link(DATA_URL + m.group(1), m.group(0)))
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def source_anchor(source_id: str) -> str:
    """The id of a source's entry on the Sources page."""
    return "src-" + "".join(c if c.isalnum() or c == "-" else "-" for c in source_id.lower())


def source_links(cell: str) -> str:
    """'a;b' -> links to the entries of sources a and b on the Sources page."""
    ids = data.split_ids(_cell(cell))
    return ", ".join(internal_link(f"{SOURCES_PAGE}#{source_anchor(i)}", i) for i in ids)


@dataclass
class Table:
    """A DataFrame rendered as an accessible static table."""

    frame: pd.DataFrame
    caption: str
    source: str
    labels: dict | None = None
    source_columns: tuple[str, ...] = ()
    anchor_column: str | None = None  # give each row id="src-<value>" (the Sources page)
    title_links: dict | None = None  # {shown column: column holding its URL}; URL column hidden

    def _repr_html_(self) -> str:
        labels = self.labels or {}
        title_links = self.title_links or {}
        hidden = set(title_links.values())
        shown = [c for c in self.frame.columns if c not in hidden]
        head = "".join(f'<th scope="col">{html.escape(str(labels.get(c, c)))}</th>' for c in shown)
        rows = []
        anchors = (self.frame[self.anchor_column].map(source_anchor).tolist()
                   if self.anchor_column else [None] * len(self.frame))
        for anchor, rec in zip(anchors, self.frame.to_dict("records"), strict=True):
            cells = []
            for col in shown:
                text = _cell(rec[col])
                if col in title_links and _cell(rec[title_links[col]]):
                    inner = safe_link(rec[title_links[col]], text)
                elif col in self.source_columns:
                    inner = source_links(text)
                else:
                    inner = html.escape(text)
                cells.append(f"<td>{inner}</td>")
            row_id = f' id="{html.escape(anchor)}"' if anchor else ""
            rows.append(f"<tr{row_id}>" + "".join(cells) + "</tr>")
        body = "".join(rows) or (f'<tr><td colspan="{max(len(shown), 1)}">'
                                 "No rows match this selection.</td></tr>")
        return (
            # A wide table scrolls sideways; tabindex lets keyboard users scroll it too.
            f'<div class="sg-table-wrap" tabindex="0" role="region" '
            f'aria-label="{html.escape(self.caption, quote=True)}"><table class="sg-table">'
            f"<caption>{html.escape(self.caption)} "
            f'<span class="sg-source">{source_html(self.source)}</span></caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        shown = self.frame.rename(columns=self.labels or {})
        return f"{self.caption}\n{shown.to_string(index=False)}\n{self.source}"


def table(frame: pd.DataFrame, *, caption: str, source: str | None = None, columns=None,
          labels: dict | None = None, source_columns=None, resource: str | None = None,
          anchor_column: str | None = None, title_links: dict | None = None) -> Table:
    """Pick and label columns of `frame` and wrap them as a `Table`.

    For a frame of a table in data/ (`frame.attrs["resource"]`, set by `data.load()`, or
    `resource=` where a merge dropped the attrs), the column labels default to the schema's field
    titles and the source line is generated from the metadata. A `source_ids` column links each
    id to the Sources page unless told otherwise.
    """
    resource = resource or frame.attrs.get("resource")
    if resource:
        labels = {**data.titles(resource), **(labels or {})}
        # values of a column whose schema gives display labels (enumLabels) are shown by label
        for f in data.resource(resource)["schema"]["fields"]:
            if f.get("enumLabels") and f["name"] in frame.columns:
                frame = frame.assign(**{f["name"]: frame[f["name"]].map(
                    lambda v, m=f["enumLabels"]: m.get(v, v))})
        if source is None:
            source = data.source_line(resource, frame)
    if not source:
        raise ValueError("a table needs a source line")
    if source_columns is None:
        source_columns = ("source_ids",) if "source_ids" in frame.columns else ()
    if columns is not None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"no column(s) {missing} in the table (has {list(frame.columns)})")
        frame = frame[list(columns)]
    return Table(frame.reset_index(drop=True), caption, source, labels, tuple(source_columns),
                 anchor_column=anchor_column, title_links=title_links)


@dataclass
class Fragment:
    """A fragment of HTML built by this package (every data string in it already escaped)."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def citation(row, sep: str = ", ") -> str:
    """One registered source as HTML: 'publisher<sep>title', linked to its URL if it has one."""
    label = f"{row['publisher']}{sep}{row['title']}"
    return safe_link(row["url"], label) if _cell(row["url"]) else html.escape(label)


def reading_list(chapter: int) -> Fragment:
    """A chapter's further reading (data/reading.csv), each source with its kind and a note."""
    reading = data.load("reading")
    reading = reading[reading["chapter"] == int(chapter)].sort_values("position")
    reg = data.load(data.REGISTRY).set_index("id")
    items, lines = [], []
    for sid, note in zip(reading["source_id"], reading["note"], strict=True):
        row = reg.loc[sid]
        tail = f" — {note}" if _cell(note) else ""
        items.append(f"<li>{citation(row)} <em>({html.escape(row['kind'])})</em>{html.escape(tail)}</li>")
        lines.append(f"- {row['publisher']}, {row['title']} ({row['kind']}){tail}")
    return Fragment('<ul class="sg-reading">' + "".join(items) + "</ul>", "\n".join(lines))
