"""Fill the US-import columns of data/exposure.csv from the Census file in shared/.

Input (read-only, shared):
    shared/data-sources/batch2/us_imports_2024_by_partner_census_consumption.csv
    US imports for consumption in 2024 (Census API, CON_VAL_YR, time=2024-12, summed over HS2
    chapters) and duties collected, by partner; built by github.com/tradewartracker/
    trade-war-redux-2025 (MIT). Provenance: shared/data-sources/batch2/FIGURES.md, section 3a.

For every buyer row already in exposure.csv, this script writes `census_cty_code`,
`us_imports_2024_usd_bn`, `us_duties_2024_usd_bn` (US$ bn, two decimals, from the file's exact
dollar values) and `us_imports_source_ids`, then recomputes `source_ids` as the union of the
three per-figure source columns. The Russian-purchase columns are typed from dated sources and
are left as they are. Run from anywhere:

    python data/derive/exposure.py [path/to/shared]
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
OUT = HERE.parents[1] / "exposure.csv"
INPUT = Path("data-sources") / "batch2" / "us_imports_2024_by_partner_census_consumption.csv"
CENSUS_SOURCE = "census-imports-2024"
PARTNER_NAMES = {"Türkiye": "Turkey"}  # the file's spelling
SOURCE_COLUMNS = ["us_imports_source_ids", "russian_crude_source_ids", "russian_fossil_source_ids"]


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else HERE.parents[3] / "shared"
    with open(shared / INPUT, encoding="utf-8") as fh:
        census = {r["partner"]: r for r in csv.DictReader(fh)}
    with open(OUT, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        rec = census[PARTNER_NAMES.get(row["buyer"], row["buyer"])]
        row["census_cty_code"] = rec["census_cty_code"]
        row["us_imports_2024_usd_bn"] = f"{float(rec['imports_for_consumption_2024_usd']) / 1e9:.2f}"
        row["us_duties_2024_usd_bn"] = f"{float(rec['duty_collected_2024_usd']) / 1e9:.2f}"
        row["us_imports_source_ids"] = CENSUS_SOURCE
        ids: list[str] = []
        for col in SOURCE_COLUMNS:
            for sid in filter(None, (s.strip() for s in row[col].split(";"))):
                if sid not in ids:
                    ids.append(sid)
        row["source_ids"] = ";".join(ids)
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} rows updated from {INPUT}")


if __name__ == "__main__":
    main(sys.argv)
