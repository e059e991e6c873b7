"""Derive the 2021–2022 rows of data/crude_buyers.csv from the CREA/Kpler destination file.

Input (read-only, shared):
    shared/data-sources/crea_kpler_russian_crude_exports_by_destination_2021_2022_kt.csv
    Annual Russian crude exports by destination country, in thousand tonnes. Seaborne only
    (pipeline flows such as Druzhba and the ESPO pipeline to China are not in it).
    Provenance: shared/data-sources/PROVENANCE.md, "Target 4".

What it writes: for each year, one `volume_kt` row and one
`share_of_russian_seaborne_crude_exports` row per buyer. The 27 EU member states are summed
into one buyer, "EU", so that these rows line up with the later CREA estimates, which report
the EU as one buyer. Other destinations are kept one by one when their share is at least
MIN_SHARE percent in either year; all smaller destinations (and "Unknown") are summed into
"Other destinations". Shares are computed here (buyer / all destinations of that year) and
rounded to one decimal; they are not published figures.

Rows whose `origin` is `reported` (dated estimates typed from sources) are kept as they are;
rows whose `origin` is `derived_from_file` are replaced. Run from anywhere:

    python data/derive/crude_buyers.py [path/to/shared]
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
DATA = HERE.parents[1]
OUT = DATA / "crude_buyers.csv"
INPUT_NAME = "crea_kpler_russian_crude_exports_by_destination_2021_2022_kt.csv"
MIN_SHARE = 2.0  # percent
SOURCE_ID = "crea-kpler-crude-ru-exports"
RENAME = {"Turkey": "Türkiye", "Singapore Republic": "Singapore"}
OTHER = "Other destinations"
EU = "EU"
EU27 = {"Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia",
        "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
        "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania",
        "Slovakia", "Slovenia", "Spain", "Sweden"}
FIELDS = ["id", "period_start", "period_end", "period_label", "buyer", "measure", "value",
          "scope", "estimate_source", "origin", "source_ids", "note"]


def shared_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    return HERE.parents[3] / "shared"


def read_destinations(path: Path) -> dict[str, dict[str, float]]:
    """{year: {destination: kt}} from the wide file (one row per year)."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for row in rows:
        year = row.pop("date").strip()
        dests: dict[str, float] = {}
        for name, value in row.items():
            name = RENAME.get(name, name)
            key = EU if name in EU27 else name
            dests[key] = dests.get(key, 0.0) + float(value or 0)
        out[year] = dests
    return out


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-").replace("ü", "u")


def derive(by_year: dict[str, dict[str, float]]) -> list[dict]:
    shares = {y: {d: 100 * kt / sum(v.values()) for d, kt in v.items()} for y, v in by_year.items()}
    keep = sorted({d for y in shares for d, s in shares[y].items()
                   if s >= MIN_SHARE and d != "Unknown"},
                  key=lambda d: -max(shares[y].get(d, 0) for y in shares))
    rows = []
    for year, kts in sorted(by_year.items()):
        total = sum(kts.values())
        groups = {d: kts.get(d, 0.0) for d in keep}
        groups[OTHER] = total - sum(groups.values())
        for dest, kt in groups.items():
            note = {OTHER: "All destinations under the threshold, plus 'Unknown'.",
                    EU: "Sum of the EU member states in the file (seaborne crude only; pipeline "
                        "deliveries by Druzhba are not included)."}.get(dest, "")
            base = dict(period_start=f"{year}-01-01", period_end=f"{year}-12-31",
                        period_label=year, buyer=dest, scope="seaborne",
                        estimate_source="Kpler (via CREA)", origin="derived_from_file",
                        source_ids=SOURCE_ID)
            rows.append({**base, "id": f"kpler-{year}-{slug(dest)}-kt", "measure": "volume_kt",
                         "value": f"{kt:.1f}", "note": note})
            share_note = f"Computed: {kt:.0f} of {total:.0f} kt. {note}".strip()
            rows.append({**base, "id": f"kpler-{year}-{slug(dest)}-share",
                         "measure": "share_of_russian_seaborne_crude_exports",
                         "value": f"{100 * kt / total:.1f}", "note": share_note})
    return rows


def main(argv: list[str]) -> None:
    src = shared_dir(argv) / "data-sources" / INPUT_NAME
    derived = derive(read_destinations(src))
    kept = []
    if OUT.exists():
        with open(OUT, encoding="utf-8") as fh:
            kept = [r for r in csv.DictReader(fh) if r["origin"] != "derived_from_file"]
    rows = sorted(derived + kept, key=lambda r: (r["period_start"], r["origin"] != "derived_from_file"))
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(derived)} derived rows, {len(kept)} reported rows kept")


if __name__ == "__main__":
    main(sys.argv)
