"""Derive the UN General Assembly alignment tables of chapter 4 from the unvotes files.

Input (read-only, never edited): the UNGA roll-call data of the R package `unvotes`
(dgrtwo/unvotes, commit 7eb7034314ff79c49c9e0785fcd9d216fa04cf14; upstream Voeten et al.,
Harvard Dataverse hdl:1902.1/12379; data CC0), as copied to ../shared/data-sources/:

    unvotes_country_votes_1946_2019.csv.gz   rcid, country, country_code, vote
    unvotes_roll_calls_1946_2019.csv          rcid, session, importantvote, date, unres, ...
    unvotes_roll_call_issues.csv              rcid, short_name, issue (0..n per roll call)

Output (written to data/, next to this folder):

    unga_countries.csv    one row per voting member (199): code, name, first/last year, votes
    unga_roll_calls.csv   one row per roll call (6,202): date, year, partial flag, issue codes
    unga_votes.csv        the vote matrix: one row per roll call, one column per country
                          (y = yes, n = no, a = abstain, empty = no recorded vote)
    unga_agreement.csv    agreement shares for every pair of the 15 core countries, by year
                          and issue category (plus "all"), with the counts behind each share

Method. Two countries "agree" on a roll call when both have a recorded vote (yes, no or
abstain) and the votes are the same. The agreement share of a pair in a year (and category)
is agreements / roll calls on which both recorded a vote. Absences and non-voting are not in
the source, so they neither count for nor against agreement.

Decisions (also stated in datapackage.json):
- Years are calendar years of the roll-call date. The file's single roll call of 2020
  (14 Jan 2020, session 74) is dropped, so coverage is 1946-2019. 2018 and 2019 are kept and
  flagged partial: sessions 73-74 are incomplete in the source (95 and 90 roll calls, against
  129 in 2017). The file has no roll call dated 1964, so that year has no row.
- Some early roll calls carry a wrong date in the source (PROVENANCE.md, Target 1), so a few
  may fall in the wrong year.
- The source codes the Soviet Union and Russia as one country ("Russia", RU) from 1946, as the
  Correlates of War list does (code 365 "Russia", no separate Soviet entry). We keep that.
- The source gives the Federal Republic of Germany (1973-1990) no ISO code; we give it DE, so
  that "Germany" runs from 1973 (the German Democratic Republic stays separate as DD). The two
  other states without a code get their Correlates of War abbreviations: YAR (Yemen Arab
  Republic) and ZAN (Zanzibar).
- China's seat was held by the Republic of China (coded TW) until 1971; CN starts in 1971.

Run from the repository root:  python data/derive/unga_alignment.py [path/to/data-sources]
(default: $SHARED_DATA_SOURCES, else ../shared/data-sources next to the repository).
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
REPO = DATA.parent

# The 15 countries of the precomputed table, in display order: the three the chapter is about,
# the other permanent members, the largest economies, then the other countries the seed names.
CORE = ["CN", "RU", "US", "GB", "FR", "DE", "JP", "IN", "BR", "KR", "TR", "IR", "UA", "CU", "KP"]

# Issue codes of the source, in display order (alphabetical by label); "all" first.
ISSUES = {
    "all": "All roll calls",
    "di": "Arms control and disarmament",
    "co": "Colonialism",
    "ec": "Economic development",
    "hr": "Human rights",
    "nu": "Nuclear weapons and nuclear material",
    "me": "Palestinian conflict",
}

NO_ISO = {"Federal Republic of Germany": "DE", "Yemen Arab Republic": "YAR", "Zanzibar": "ZAN"}
VOTE_CODE = {"yes": "y", "no": "n", "abstain": "a"}
LAST_YEAR = 2019
PARTIAL_YEARS = {2018, 2019}


def source_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    if os.environ.get("SHARED_DATA_SOURCES"):
        return Path(os.environ["SHARED_DATA_SOURCES"])
    return REPO.parent / "shared" / "data-sources"


def read_sources(src: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    # keep_default_na=False: Namibia's code is "NA".
    votes = pd.read_csv(src / "unvotes_country_votes_1946_2019.csv.gz", dtype=str,
                        keep_default_na=False)
    calls = pd.read_csv(src / "unvotes_roll_calls_1946_2019.csv", dtype=str,
                        keep_default_na=False)
    issues = pd.read_csv(src / "unvotes_roll_call_issues.csv", dtype=str, keep_default_na=False)
    return votes, calls, issues


def build_roll_calls(calls: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    rc = calls.copy()
    rc["rcid"] = rc["rcid"].astype(int)
    rc["year"] = rc["date"].str[:4].astype(int)
    rc = rc[rc["year"] <= LAST_YEAR]
    rc["session"] = rc["session"].astype(float).astype(int)
    rc["important_vote"] = rc["importantvote"].map({"1": "true", "0": "false", "1.0": "true",
                                                    "0.0": "false"}).fillna("")
    codes = list(ISSUES)[1:]
    issue_sets = (issues.assign(rcid=issues["rcid"].astype(int))
                  .groupby("rcid")["short_name"].apply(set))
    rc["issues"] = rc["rcid"].map(
        lambda r: ";".join(c for c in codes if c in issue_sets.get(r, set())))
    rc["year_partial"] = np.where(rc["year"].isin(PARTIAL_YEARS), "true", "false")
    rc = rc.rename(columns={"unres": "resolution", "short": "short_title"})
    rc["short_title"] = rc["short_title"].str.strip().str.replace(r"\s+", " ", regex=True)
    cols = ["rcid", "session", "date", "year", "year_partial", "important_vote", "resolution",
            "short_title", "issues"]
    return rc[cols].sort_values("rcid").reset_index(drop=True)


def code_votes(votes: pd.DataFrame, rcids: pd.Series) -> pd.DataFrame:
    v = votes.copy()
    v["rcid"] = v["rcid"].astype(int)
    v = v[v["rcid"].isin(set(rcids))]
    v["code"] = v["country_code"].where(v["country_code"] != "", v["country"].map(NO_ISO))
    if v["code"].isna().any():
        missing = sorted(v.loc[v["code"].isna(), "country"].unique())
        raise SystemExit(f"countries without a code: {missing}")
    if v.duplicated(["rcid", "code"]).any():
        raise SystemExit("two votes for one country code in one roll call")
    unknown = set(v["vote"]) - set(VOTE_CODE)
    if unknown:
        raise SystemExit(f"unexpected vote values: {sorted(unknown)}")
    v["v"] = v["vote"].map(VOTE_CODE)
    return v


def build_countries(v: pd.DataFrame, rc: pd.DataFrame) -> pd.DataFrame:
    years = v.merge(rc[["rcid", "year"]], on="rcid")
    g = years.groupby("code").agg(first_year=("year", "min"), last_year=("year", "max"),
                                  n_votes=("v", "size"))
    names = (years.sort_values("rcid").groupby("code")["country"].last())
    out = g.join(names.rename("name")).reset_index()
    notes = {
        "RU": "The source codes the Soviet Union (to 1991) and Russia as one member, as the "
              "Correlates of War list does.",
        "DE": "Federal Republic of Germany 1973-1990 (no code in the source; DE given here) and "
              "Germany from 1991.",
        "CN": "People's Republic of China from 1971; before that the seat was held by the "
              "Republic of China (TW).",
        "TW": "Republic of China, holder of China's seat until 1971.",
        "UA": "The source codes this seat as Ukraine from 1946, so the years up to 1991 are "
              "the votes of the Soviet-era Ukrainian SSR seat.",
        "BY": "The source codes this seat as Belarus from 1946, so the years up to 1991 are "
              "the votes of the Soviet-era Byelorussian SSR seat.",
        "YAR": "No ISO code in the source; Correlates of War abbreviation.",
        "ZAN": "No ISO code in the source; Correlates of War abbreviation.",
        "YU": "The source labels this seat Yugoslavia (YU) throughout, to 2019.",
        "KP": "First recorded vote in 1991.",
        "KR": "First recorded vote in 1991.",
    }
    out.loc[out["code"] == "DE", "name"] = "Germany"
    out["core"] = np.where(out["code"].isin(CORE), "true", "false")
    out["note"] = out["code"].map(notes).fillna("")
    out = out.sort_values(["name", "code"]).reset_index(drop=True)
    return out[["code", "name", "first_year", "last_year", "n_votes", "core", "note"]]


def build_matrix(v: pd.DataFrame, rc: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    wide = v.pivot(index="rcid", columns="code", values="v").reindex(rc["rcid"])
    wide = wide[sorted(countries["code"])].fillna("")
    wide.index.name = "rcid"
    return wide.reset_index()


def pair_table(wide: pd.DataFrame, rc: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Agreement of every pair in `codes`, per year and issue category (plus 'all')."""
    year = rc["year"].to_numpy()
    partial = rc["year_partial"].to_numpy()
    masks = {"all": np.ones(len(rc), dtype=bool)}
    for code in list(ISSUES)[1:]:
        masks[code] = rc["issues"].str.split(";").apply(lambda s, c=code: c in s).to_numpy()
    rows = []
    for a, b in itertools.combinations(codes, 2):
        va, vb = wide[a].to_numpy(), wide[b].to_numpy()
        both = (va != "") & (vb != "")
        same = both & (va == vb)
        for issue, m in masks.items():
            sel = both & m
            if not sel.any():
                continue
            frame = pd.DataFrame({"year": year[sel], "agree": same[sel], "partial": partial[sel]})
            g = frame.groupby("year").agg(n_shared=("agree", "size"), n_agree=("agree", "sum"),
                                          partial=("partial", "first"))
            for y, r in g.iterrows():
                rows.append((a, b, int(y), issue, int(r.n_shared), int(r.n_agree),
                             round(r.n_agree / r.n_shared, 4), r.partial))
    out = pd.DataFrame(rows, columns=["country_a", "country_b", "year", "issue", "n_shared",
                                      "n_agree", "agreement", "year_partial"])
    order = {c: i for i, c in enumerate(codes)}
    issue_order = {c: i for i, c in enumerate(ISSUES)}
    out = out.sort_values(["country_a", "country_b", "issue", "year"],
                          key=lambda s: s.map(order) if s.name.startswith("country")
                          else (s.map(issue_order) if s.name == "issue" else s))
    return out.reset_index(drop=True)


def update_vote_fields(countries: pd.DataFrame) -> None:
    """Rewrite the per-country fields of the unga_votes resource in datapackage.json.

    The matrix has one column per voting member, so its schema follows the data: each column's
    title is the country's name, and the same three codes are allowed in every column.
    """
    import json

    path = DATA / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    res = next((r for r in package["resources"] if r["name"] == "unga_votes"), None)
    if res is None:
        print("datapackage.json has no unga_votes resource; fields not updated")
        return
    names = dict(zip(countries["code"], countries["name"], strict=True))
    fields = [f for f in res["schema"]["fields"] if f["name"] == "rcid"]
    for code in sorted(names):
        fields.append({"name": code, "type": "string", "title": names[code],
                       "constraints": {"enum": ["y", "n", "a"]}})
    res["schema"]["fields"] = fields
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"datapackage.json: unga_votes has {len(fields) - 1} country columns")


def main(argv: list[str]) -> None:
    src = source_dir(argv)
    votes, calls, issues = read_sources(src)
    rc = build_roll_calls(calls, issues)
    v = code_votes(votes, rc["rcid"])
    countries = build_countries(v, rc)
    wide = build_matrix(v, rc, countries)
    pairs = pair_table(wide, rc, CORE)

    countries.to_csv(DATA / "unga_countries.csv", index=False, lineterminator="\n")
    rc.to_csv(DATA / "unga_roll_calls.csv", index=False, lineterminator="\n")
    wide.to_csv(DATA / "unga_votes.csv", index=False, lineterminator="\n")
    pairs.to_csv(DATA / "unga_agreement.csv", index=False, lineterminator="\n")
    for name in ["unga_countries", "unga_roll_calls", "unga_votes", "unga_agreement"]:
        path = DATA / f"{name}.csv"
        print(f"{path.relative_to(REPO)}: {sum(1 for _ in open(path, encoding='utf-8')) - 1} "
              f"rows, {path.stat().st_size / 1e6:.2f} MB")
    update_vote_fields(countries)


if __name__ == "__main__":
    main(sys.argv)
