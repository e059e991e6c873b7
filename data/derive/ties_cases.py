"""TIES sanction episodes against Cuba, Iran and North Korea, decoded.

Reads the shared TIES v4.1 case file (Morgan, Bapat & Kobayashi 2014; cases begun 1945-2005),
the Correlates of War state codes and the decoded TIES code labels (batch2/
ties_v4_codebook_decoded.csv; labels quoted from the TIES 4.0 users' manual by third-party
code; sender code 1000, which TIES users decode as the European Union, is handled by hand)
and writes data/sanctions_ties_cases.csv: one row per TIES case whose target is Cuba (COW 40),
Iran (630) or North Korea (731), with senders, issues and final outcome in words.
"""
from __future__ import annotations

from _common import DATA, read_csv, shared_sources, write_csv

TARGET = DATA / "sanctions_ties_cases.csv"
TARGETS = {"40": "Cuba", "630": "Iran", "731": "North Korea"}
CASE_ORDER = ["Iran", "Cuba", "North Korea"]
FIELDS = ["caseid", "target", "start_date", "threat", "imposition", "imposition_start",
          "end_date", "ongoing_as_of", "primary_sender", "senders", "institution_involved",
          "issues", "other_issue", "final_outcome_code", "final_outcome", "source_ids", "note"]
SOURCES = "ties-v4-1;ties-users-manual;cow-state-codes"


def code(value: str) -> str:
    """TIES numbers come as '2', '2.0' or ''; return '2' or ''."""
    value = (value or "").strip()
    return str(int(float(value))) if value else ""


def ymd(y: str, m: str, d: str) -> str:
    y, m, d = code(y), code(m), code(d)
    if not y:
        return ""
    if m and d:
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return f"{int(y):04d}-{int(m):02d}" if m else y


def main() -> None:
    src = shared_sources()
    states = {r["CCode"]: r["StateNme"] for r in read_csv(src / "cow_country_codes.csv")}
    labels: dict[tuple[str, str], str] = {}
    for r in read_csv(src / "batch2" / "ties_v4_codebook_decoded.csv"):
        var = r["variable"].split()[0]
        labels[(var, r["code"])] = r["label"]

    def state(c: str) -> str:
        if c == "1000":  # not a COW code; TIES users' scripts decode it as the EU
            return "European Union (TIES code 1000)"
        return states.get(c, f"code {c} (not a COW state code)")

    rows = []
    for r in read_csv(src / "ties_v4_1_sanction_cases_1945_2005.csv"):
        target = TARGETS.get(code(r["targetstate"]))
        if not target:
            continue
        senders = [code(r[f"sender{i}"]) for i in range(1, 6)]
        issues = [code(r[f"issue{i}"]) for i in range(1, 4)]
        outcome = code(r["finaloutcome"])
        start, end = ymd(r["startyear"], r["startmonth"], r["startday"]), \
            ymd(r["endyear"], r["endmonth"], r["endday"])
        ongoing = ymd(r["ongoingasofyear"], r["ongoingasofmonth"], r["ongoingasofday"])
        rows.append({
            "caseid": code(r["caseid"]), "target": target, "start_date": start,
            "threat": "true" if code(r["threat"]) == "1" else "false",
            "imposition": "true" if code(r["imposition"]) == "1" else "false",
            "imposition_start": ymd(r["sancimpositionstartyear"], r["sancimpositionstartmonth"],
                                    r["sancimpositionstartday"]),
            "end_date": end, "ongoing_as_of": ongoing,
            "primary_sender": state(code(r["primarysender"])) if code(r["primarysender"]) else "",
            "senders": "; ".join(state(s) for s in senders if s),
            "institution_involved": {"1": "true", "0": "false"}.get(code(r["institution"]), ""),
            "issues": "; ".join(labels.get(("issue1", i), f"code {i}") for i in issues if i),
            "other_issue": (r["otherissue"] or "").strip(),
            "final_outcome_code": outcome,
            "final_outcome": labels.get(("finaloutcome", outcome), "") if outcome
            else "not coded (case ongoing or outcome missing)",
            "source_ids": SOURCES,
            "note": "",
        })
    rows.sort(key=lambda r: (CASE_ORDER.index(r["target"]), r["start_date"], r["caseid"]))
    write_csv(TARGET, FIELDS, rows)
    print(f"{TARGET.name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
