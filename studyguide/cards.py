"""Data cards: what each table holds, where it comes from, as of when, under what licence.

Generated from data/datapackage.json, the one place such facts live.
"""

from __future__ import annotations

import html

from . import data, tables


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


def card(name: str) -> tables.HTML:
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
    body = (
        f'<div class="sg-card" id="data-{html.escape(name.replace("_", "-"))}">'
        f"<p><strong>{html.escape(res['title'])}</strong> — <code>data/{html.escape(res['path'])}</code>, "
        f"{n_rows} rows. {html.escape(res.get('description', ''))}</p>"
        f"<p>Coverage: {html.escape(res.get('coverage', ''))}. As of: {html.escape(res.get('asOf', ''))}. "
        f"Licence: {lic}. Sources: {srcs}. Key: <code>{html.escape(key)}</code>.</p>"
        f'<div class="sg-table-wrap" tabindex="0" role="region" aria-label="Columns of {html.escape(name)}">'
        '<table class="sg-table"><thead><tr><th scope="col">Column</th>'
        '<th scope="col">Type</th><th scope="col">Meaning</th><th scope="col">Rules</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></div>"
    )
    text = f"{res['title']} (data/{res['path']}, {n_rows} rows; as of {res.get('asOf', '')})"
    return tables.HTML(body, text)
