"""Per-country votes on the UNGA Cuba-embargo resolution, and the roll-call file's tallies.

Reads the shared file unga_cuba_embargo_votes_by_country_1992_2019.csv (dgrtwo/unvotes, from
Voeten et al.'s UNGA voting data; 27 recorded votes: 1992-2017 and 2019, the 2018 vote is
missing upstream) and
  1. writes data/cuba_un_votes_by_country.csv: one row per country and year (yes/no/abstain;
     members that were absent or did not vote have no row). The file's `date` column is not
     copied: it is wrong for several early votes (see PROVENANCE.md); vote dates live in the
     tallies table.
  2. fills the derived columns of data/cuba_un_vote_tallies.csv for the years the file covers:
     file_yes, file_no, file_abstain (counts per year) and countries_no, countries_abstain
     (names, '; '-separated). Every hand-entered column of that table is kept; for the years the
     file lacks (2018, 2021-2025) the country lists are hand-entered from news pages.
"""
from __future__ import annotations

from collections import Counter

from _common import DATA, read_csv, shared_sources, write_csv

VOTES = DATA / "cuba_un_votes_by_country.csv"
TALLIES = DATA / "cuba_un_vote_tallies.csv"
VOTE_FIELDS = ["year", "session", "resolution", "rcid", "country", "country_code", "vote"]
VOTE_ORDER = {"yes": 0, "no": 1, "abstain": 2}


def resolution_symbol(unres: str) -> str:
    """'R/47/19' -> 'A/RES/47/19'; 'A/RES/71/5' stays."""
    return unres if unres.startswith("A/RES/") else "A/RES/" + unres.split("R/", 1)[1]


def main() -> None:
    src = read_csv(shared_sources() / "unga_cuba_embargo_votes_by_country_1992_2019.csv")
    rows = [{"year": r["year"], "session": r["session"], "resolution": resolution_symbol(r["unres"]),
             "rcid": r["rcid"], "country": r["country"], "country_code": r["country_code"],
             "vote": r["vote"]} for r in src]
    bad = {r["vote"] for r in rows} - set(VOTE_ORDER)
    if bad:
        raise SystemExit(f"unexpected vote values: {sorted(bad)}")
    rows.sort(key=lambda r: (int(r["year"]), r["country"]))
    write_csv(VOTES, VOTE_FIELDS, rows)

    counts = Counter((r["year"], r["vote"]) for r in rows)
    years = {r["year"] for r in rows}
    tallies = read_csv(TALLIES)
    fields = list(tallies[0].keys())
    names: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        names.setdefault((r["year"], r["vote"]), []).append(r["country"])
    for t in tallies:
        in_file = t["year"] in years
        for vote in VOTE_ORDER:
            t[f"file_{vote}"] = str(counts[(t["year"], vote)]) if in_file else ""
        if in_file:
            t["countries_no"] = "; ".join(sorted(names.get((t["year"], "no"), [])))
            t["countries_abstain"] = "; ".join(sorted(names.get((t["year"], "abstain"), [])))
    missing = years - {t["year"] for t in tallies}
    if missing:
        raise SystemExit(f"years in the vote file but not in the tallies table: {sorted(missing)}")
    write_csv(TALLIES, fields, tallies)
    print(f"{VOTES.name}: {len(rows)} rows, {len(years)} votes; {TALLIES.name}: file_* filled")


if __name__ == "__main__":
    main()
