"""Refresh the EIA rows of data/iran_crude_exports.csv from the shared EIA file.

The EIA rows (id 'eia-YYYY') are annual averages of Iran's 'crude oil including lease
condensate exports' in thousand b/d, 1980-2016, from the EIA International Energy Statistics
export of 8 Aug 2020 (shared file eia_crude_oil_exports_by_country_1980_2016.csv). Every other
row of the table is a hand-entered, sourced estimate for a dated period and is kept as it is.
"""
from __future__ import annotations

from _common import DATA, fmt_number, read_csv, shared_sources, write_csv

FIELDS = ["id", "period_start", "period_end", "period_label", "exports_kbd", "value_qualifier",
          "measure", "estimate_type", "estimator", "source_ids", "note"]
TARGET = DATA / "iran_crude_exports.csv"


def eia_rows() -> list[dict]:
    rows = []
    for rec in read_csv(shared_sources() / "eia_crude_oil_exports_by_country_1980_2016.csv"):
        if rec["eia_code"] != "IRN" or not rec["crude_exports_kbd"]:
            continue
        year = int(rec["year"])
        rows.append({
            "id": f"eia-{year}", "period_start": f"{year}-01-01", "period_end": f"{year}-12-31",
            "period_label": str(year), "exports_kbd": fmt_number(float(rec["crude_exports_kbd"])),
            "value_qualifier": "as stated", "measure": "crude and condensate",
            "estimate_type": "official statistics", "estimator": "US EIA",
            "source_ids": "eia-intl-crude-exports",
            "note": "Annual average; EIA series 'crude oil including lease condensate exports'.",
        })
    if not rows:
        raise SystemExit("no Iran rows (eia_code IRN) in the EIA file")
    return rows


def main() -> None:
    kept = [r for r in read_csv(TARGET) if not r["id"].startswith("eia-")] if TARGET.exists() else []
    rows = sorted(eia_rows() + kept, key=lambda r: (r["period_start"], r["period_end"], r["id"]))
    write_csv(TARGET, FIELDS, rows)
    print(f"{TARGET.name}: {len(rows)} rows ({len(rows) - len(kept)} from EIA)")


if __name__ == "__main__":
    main()
