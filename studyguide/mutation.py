"""Mutation score (`make mutation`): how many small faults planted in studyguide/ the fast tests
catch. A benchmark, not a CI gate: it prints the score and every surviving mutant, so that each can
be fixed (a test added) or recorded as equivalent (a change that cannot alter behaviour).

Settings (which files, which tests) are in pyproject.toml under [tool.mutmut]. The run takes
minutes: mutmut plants each fault in a copy under mutants/ and runs the tests that cover it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = str(Path(sys.executable).parent / "mutmut")


def main() -> int:
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    subprocess.run([MUTMUT, "run", "--max-children", str(os.cpu_count() or 1)], cwd=ROOT)
    subprocess.run([MUTMUT, "export-cicd-stats"], cwd=ROOT, check=True, capture_output=True)
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = subprocess.run([MUTMUT, "results"], cwd=ROOT, capture_output=True, text=True).stdout
    survivors = [line.strip() for line in results.splitlines() if line.strip().endswith(": survived")]
    killed = stats.get("killed", 0)
    judged = killed + stats.get("survived", 0) + stats.get("timeout", 0) + stats.get("suspicious", 0)
    score = 100 * (killed + stats.get("timeout", 0)) / judged if judged else 0.0
    print(json.dumps(stats, indent=2))
    print(f"mutation score: {score:.1f}% ({killed} killed, {stats.get('timeout', 0)} timed out, "
          f"{stats.get('survived', 0)} survived, {stats.get('no_tests', 0)} not covered by a fast test)")
    print("survivors:")
    print("\n".join(survivors) or "none")
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "mutation.json").write_text(json.dumps(
        {"stats": stats, "score_percent": score, "survivors": survivors}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
