"""Shared helpers for the derivation scripts in data/derive/.

The scripts read the shared, read-only source files (../shared/data-sources relative to the
repository root, or the directory named by the SHARED_DATA_SOURCES environment variable) and
write CSVs into data/. Run them from anywhere: `python data/derive/<script>.py`.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
REPO = DATA.parent


def shared_sources() -> Path:
    env = os.environ.get("SHARED_DATA_SOURCES")
    path = Path(env) if env else REPO.parent / "shared" / "data-sources"
    if not path.is_dir():
        raise SystemExit(f"shared data-sources directory not found: {path} "
                         "(set SHARED_DATA_SOURCES)")
    return path


def write_csv(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    """Write rows with a fixed column order, UTF-8, '\\n' line ends, minimal quoting."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in fieldnames})


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fmt_number(value: float) -> str:
    """Plain number without a trailing '.0' and without thousands separators."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text
