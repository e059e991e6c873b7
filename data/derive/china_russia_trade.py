"""Derive data/china_russia_trade.csv from the page figures collected in batch 2.

Input (read-only): ../shared/data-sources/batch2/china_russia_trade_annual_usd_bn.csv, one row
per year 1999-2025 with the total goods trade (US$ bn) as reported from Chinese customs (GACC)
or, for a few early years, from another official, with the URL of the page it was read on.
Its notes (and batch2/FIGURES.md, section 2) record where other sources give another figure.

What this script does:
- keeps the years with a figure (2001, 2004 and 2012 have none in the source: they get no row);
- turns the reported year-on-year change ("+4%", "-27.8%") into a number;
- records on what basis each figure rests (Chinese customs, another Chinese official, the
  Russian trade mission, or unstated), from the source's detail and kind columns;
- maps each URL to its id in data/sources.csv (the script fails if one is not registered);
- adds, where the batch-2 notes name them, the yuan figure and a second dollar figure
  (another source, or a conversion of the yuan series) with the source of each.
Every number below that is not read from the input file is copied from its notes or from
FIGURES.md section 2, and the URL it came from is registered in data/sources.csv.

Run from the repository root:  python data/derive/china_russia_trade.py [path/to/data-sources]
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
REPO = DATA.parent

# Basis of each year's figure (display order of the enum in datapackage.json).
BASIS = {
    "gacc": "Chinese customs (GACC)",
    "chinese_official": "Chinese official; customs not named",
    "russian_trade_mission": "Russian trade mission",
    "unstated": "Customs not stated",
}
BASIS_BY_YEAR = {2005: "chinese_official", 2006: "chinese_official",
                 2007: "russian_trade_mission", 2009: "unstated", 2010: "unstated",
                 2011: "chinese_official", 2013: "chinese_official"}

# Second sources for the same year (wires preferred to state media where both exist).
EXTRA_SOURCES = {
    1999: ["chinadaily-trade-2002"],
    2015: ["rt-trade-2016-2018"],
    2010: ["itartass-trade-2010"],
    2014: ["xinhua-trade-2014"],
    2016: ["tass-trade-2016"],
    2021: ["reuters-trade-2021"],
    2022: ["reuters-trade-2022"],
    2023: ["reuters-trade-2023"],
    2024: ["moscowtimes-trade-2024", "reuters-trade-2024-yuan"],
    2025: ["moscowtimes-trade-2025", "liga-trade-2025-yuan"],
}

# Yuan totals (trillion yuan) and y/y change in yuan, from the batch-2 notes / FIGURES.md.
CNY_TRN = {2022: 1.28, 2024: 1.74, 2025: 1.63}

# A second dollar figure for the same year, and what it is.
ALT_USD = {
    1999: (5.72, "China Daily gives 5.72 (GACC, quoted for 1999 in a 2003 article)."),
    2010: (59.34, "Russian customs: 59.34 (+50.3%), per ITAR-TASS; the two sides' customs data "
                  "differ."),
    2014: (95.4, "Xinhua (Mar 2015) gives 95.4."),
    2022: (190.0, "Reuters: 1.28 trn yuan, which it converts to about $190bn."),
    2024: (237.0, "Reuters converts the yuan total (1.74 trn yuan, +2.9%) to about $237bn."),
    2025: (234.0, "The yuan total (1.63 trn yuan, -6.5%) converts to about $234bn."),
}

NOTES = {
    1999: "Chinese imports $4.2bn, exports $1.5bn (People's Daily).",
    2006: "Stated by State Councilor Tang Jiaxuan.",
    2007: "A Russian figure (Russian exports $19.67bn, Chinese exports $28.48bn).",
    2009: "The page does not say whose customs data it uses.",
    2010: "Chinese exports $29.61bn, imports $25.84bn; the page does not say whose customs data.",
    2011: "Rounded: 'about $80 billion, a record high'.",
    2015: "Does not fit the later statement that 2016 ($69.52bn) was +2.2%, which implies a 2015 "
          "base of about 68: the 2015 figure was probably revised.",
    2021: "Reuters: $146.9bn (+35.9%).",
    2023: "Reuters: $240.1bn.",
    2024: "A record. China's imports from Russia $129.32bn, exports $115.49bn (TASS). Moscow "
          "Times: $244.8bn.",
    2025: "The first annual fall since 2020. Reuters: $228.1bn.",
}


def source_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    if os.environ.get("SHARED_DATA_SOURCES"):
        return Path(os.environ["SHARED_DATA_SOURCES"])
    return REPO.parent / "shared" / "data-sources"


def registry() -> dict[str, str]:
    with open(DATA / "sources.csv", encoding="utf-8", newline="") as fh:
        return {row["url"]: row["id"] for row in csv.DictReader(fh) if row["url"]}


def pct(text: str) -> float | None:
    text = str(text).strip().replace("\u2212", "-")
    if not text or text == "nan":
        return None
    return float(text.rstrip("%"))


def main(argv: list[str]) -> None:
    src = source_dir(argv) / "batch2" / "china_russia_trade_annual_usd_bn.csv"
    raw = pd.read_csv(src, dtype=str, keep_default_na=False)
    raw = raw[raw["trade_usd_bn"] != ""].copy()
    ids = registry()
    rows = []
    for _, r in raw.iterrows():
        year = int(r["year"])
        if r["url"] not in ids:
            raise SystemExit(f"{year}: {r['url']} is not registered in data/sources.csv")
        sources = [ids[r["url"]]] + [s for s in EXTRA_SOURCES.get(year, []) if s != ids[r["url"]]]
        alt = ALT_USD.get(year)
        rows.append({
            "year": year,
            "trade_usd_bn": float(r["trade_usd_bn"]),
            "yoy_pct_reported": pct(r["yoy_as_reported"]),
            "basis": BASIS_BY_YEAR.get(year, "gacc"),
            "trade_cny_trn": CNY_TRN.get(year),
            "alt_usd_bn": alt[0] if alt else None,
            "alt_note": alt[1] if alt else "",
            "source_ids": ";".join(sources),
            "note": NOTES.get(year, ""),
        })
    out = pd.DataFrame(rows).sort_values("year")
    path = DATA / "china_russia_trade.csv"
    out.to_csv(path, index=False, lineterminator="\n", float_format="%g")
    print(f"{path.relative_to(REPO)}: {len(out)} rows ({out.year.min()}-{out.year.max()})")


if __name__ == "__main__":
    main(sys.argv)
