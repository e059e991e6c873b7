"""Fill the seismic columns of data/dprk_nuclear_tests.csv from the shared Yao et al. table.

Reads dprk_nuclear_tests_yao2018.csv (Table 1 of Yao et al. 2018a, Seismological Research
Letters, as published on the co-authors' homepages) and rewrites, per test number, the columns
date_utc, origin_time_utc, latitude, longitude, depth_m, yield_kt, yield_kt_uncertainty. The
hand-entered columns (page-reported magnitude and yield, the UN response, sources, notes) are
kept. Creates the rows if the table does not exist yet.
"""
from __future__ import annotations

from _common import DATA, read_csv, shared_sources, write_csv

TARGET = DATA / "dprk_nuclear_tests.csv"
SEISMIC = ["date_utc", "origin_time_utc", "latitude", "longitude", "depth_m", "yield_kt",
           "yield_kt_uncertainty"]
FIELDS = ["test_no"] + SEISMIC + ["magnitude_reported", "yield_reported", "un_response",
                                  "source_ids", "note"]


def main() -> None:
    src = {r["test_no"]: r for r in read_csv(shared_sources() / "dprk_nuclear_tests_yao2018.csv")}
    existing = {r["test_no"]: r for r in read_csv(TARGET)} if TARGET.exists() else {}
    rows = []
    for no in sorted(src, key=int):
        row = {k: "" for k in FIELDS}
        row.update(existing.get(no, {}))
        row["test_no"] = no
        for col in SEISMIC:
            row[col] = src[no][col]
        rows.append(row)
    extra = set(existing) - set(src)
    if extra:
        raise SystemExit(f"tests in {TARGET.name} but not in the source file: {sorted(extra)}")
    write_csv(TARGET, FIELDS, rows)
    print(f"{TARGET.name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
