"""The reference pages' content: the source registry and the data cards.

Generated from data/sources.csv and data/datapackage.json, the one place such facts live.
"""

from __future__ import annotations

import html

import pandas as pd

from . import data, tables
from .text import plural


def _constraints(field: dict) -> str:
    c = dict(field.get("constraints", {}))
    parts = []
    if c.pop("required", False):
        parts.append("required")
    if c.pop("unique", False):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of: " + ", ".join(map(str, c.pop("enum"))))
    for key, value in sorted(c.items()):
        parts.append(f"{key} {value}")
    if field.get("sourceRegistry"):
        parts.append(f"ids must exist in data/{field['sourceRegistry']}.csv")
    return "; ".join(parts)


def card(name: str) -> tables.Fragment:
    """One dataset's card: description, coverage, as-of date, licence, sources and fields."""
    pkg = data.package()
    res = data.resource(name)
    licences = res.get("licenses") or pkg.get("licenses", [])
    lic = ", ".join(tables.safe_link(x.get("path", ""), x.get("title") or x["name"]) for x in licences)
    srcs = "; ".join(html.escape(s["title"]) for s in res.get("sources", []))
    rows = "".join(
        f"<tr><td><code>{html.escape(f['name'])}</code></td><td>{html.escape(f.get('type', 'string'))}</td>"
        f"<td>{html.escape(f.get('description', f.get('title', '')))}</td>"
        f"<td>{html.escape(_constraints(f))}</td></tr>"
        for f in res["schema"]["fields"]
    )
    key = ", ".join(res["schema"].get("primaryKey", []))
    n_rows = len(data.load(name))
    link = tables.internal_link(tables.DATA_URL + res["path"], "data/" + res["path"])
    body = (
        f'<div class="sg-card" id="data-{html.escape(name.replace("_", "-"))}">'
        f"<p><strong>{html.escape(res['title'])}</strong> — {link}, "
        f"{plural(n_rows, 'row')}. {html.escape(res.get('description', ''))}</p>"
        f"<p>Coverage: {html.escape(res.get('coverage', ''))}. As of: {html.escape(res.get('asOf', ''))}. "
        f"Licence: {lic}. Sources: {srcs}. Key: <code>{html.escape(key)}</code>.</p>"
        f'<div class="sg-table-wrap" tabindex="0" role="region" aria-label="Columns of {html.escape(name)}">'
        '<table class="sg-table"><thead><tr><th scope="col">Column</th>'
        '<th scope="col">Type</th><th scope="col">Meaning</th><th scope="col">Rules</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></div>"
    )
    text = f"{res['title']} (data/{res['path']}, {plural(n_rows, 'row')}; as of {res.get('asOf', '')})"
    return tables.Fragment(body, text)


def sources_with_citations() -> pd.DataFrame:
    """The registry, with the data files that cite each source (column `cited_in`)."""
    sources = data.load(data.REGISTRY)
    cited_in: dict[str, set[str]] = {}
    for res in data.package()["resources"]:
        for f in res["schema"]["fields"]:
            if f.get("sourceRegistry") and res["name"] != data.REGISTRY:
                for ids in data.load(res["name"])[f["name"]]:
                    for sid in data.split_ids(ids):
                        cited_in.setdefault(sid, set()).add(res["name"])
    sources["cited_in"] = sources["id"].map(lambda sid: ", ".join(sorted(cited_in.get(sid, []))))
    return sources


def kinds_table(sources: pd.DataFrame) -> tables.Table:
    """How many sources of each kind, in the schema's order of kinds."""
    counts = sources["kind"].value_counts()
    order = [k for k in data.vocabulary(data.REGISTRY, "kind") if k in counts]
    frame = pd.DataFrame({"kind": order, "sources": [int(counts[k]) for k in order]})
    return tables.table(frame, caption="Sources by kind.", resource=data.REGISTRY,
                        labels={"sources": "Sources"}, source=data.source_line(data.REGISTRY))


def registry_table(sources: pd.DataFrame) -> tables.Table:
    """Every source once, sorted by publisher; each row anchored for the chapters' links."""
    return tables.table(
        sources.sort_values(["publisher", "id"]),
        columns=["id", "title", "url", "publisher", "date", "kind", "via", "language", "accessed",
                 "cited_in"],
        resource=data.REGISTRY, labels={"cited_in": "Cited in"}, title_links={"title": "url"},
        anchor_column="id", caption="Every source the guide cites, once.",
        source=data.source_line(data.REGISTRY))


def all_cards() -> list[tables.Fragment]:
    return [card(res["name"]) for res in data.package()["resources"]]


def claims_table(claims: pd.DataFrame, topic: str) -> tables.Table:
    """The seed's claims (rows of data/claims.csv) with their verdicts and findings."""
    return tables.table(claims, columns=["id", "speaker", "quote_ja", "paraphrase_en", "verdict",
                                         "finding", "source_ids"],
                        caption=f"The seed's claims about {topic}, with verdicts.")


def corrections_table(corrections: pd.DataFrame) -> tables.Table:
    """The corrections log: what was wrong, old and new value, sources, fixed or explained."""
    return tables.table(
        corrections.sort_values(["date", "id"]),
        columns=["id", "date", "chapter", "target", "what_was_wrong", "old_value", "new_value",
                 "status", "note", "source_ids"],
        caption="Corrections: every fix to the guide's prose and data, newest issue last.")
