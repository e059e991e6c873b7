"""Mutation score (`make mutation`): how many small faults planted in studyguide/ the fast tests
catch. A benchmark, not a CI gate: it prints the score and every surviving mutant, so that each can
be fixed (a test added) or recorded as equivalent (a change that cannot alter behaviour).

Settings (which files, which tests) are in pyproject.toml under [tool.mutmut]. The run takes
minutes: mutmut plants each fault in a copy under mutants/ and runs the tests that cover it.

Survivors are sorted into two kinds, by a narrow rule stated here and printed with the report:

- **style-only**: the mutant changes nothing but the value of a drawing-style keyword from
  `STYLE_KEYWORDS` (a font size, a line width, an alpha, a z-order, a marker size, a padding), or
  removes that keyword so matplotlib's default applies. What such a change alters is how thick or
  large something is drawn, which the guide checks by looking at screenshots, not by pinning
  numbers in tests. Colours, markers, hatches, line styles, positions, limits and margins are *not*
  style-only: they encode meaning or decide whether something is cut off, and tests check them.
- **equivalent**: the mutant only changes the letter case of a quoted matplotlib colour name
  (`"white"` → `"WHITE"`); matplotlib reads colour names case-insensitively, so nothing can change.
- **other**: everything else; each should be killed by a test or explained.

The report gives the score over all judged mutants and over those neither style-only nor
equivalent.
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = str(Path(sys.executable).parent / "mutmut")

STYLE_KEYWORDS = frozenset({
    "fontsize", "title_fontsize", "labelsize", "linewidth", "linewidths", "lw", "alpha",
    "zorder", "s", "markersize", "ms", "markeredgewidth", "mew", "pad", "labelpad",
    "fontweight", "capsize", "handlelength", "columnspacing", "borderaxespad", "markerscale",
})
# rcParams in charts.STYLE that only set sizes and weights of drawing
STYLE_RC_KEYS = frozenset({
    "font.size", "axes.titlesize", "axes.titleweight", "axes.labelsize", "grid.linewidth",
    "figure.dpi", "savefig.dpi",
})


def _changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in old, end in new) of the part of one line that differs."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, end_old, end_new


def style_only(original: str, mutant: str) -> bool:
    """True if `mutant` differs from `original` (two versions of one function's source) only in
    the value of one drawing-style keyword argument, or by dropping one, as defined above."""
    old_lines, new_lines = original.splitlines(), mutant.splitlines()
    changed = [(op, i1, i2, j1, j2) for op, i1, i2, j1, j2 in
               difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes()
               if op != "equal"]
    if len(changed) != 1 or changed[0][0] != "replace":
        return False
    _, i1, i2, j1, j2 = changed[0]
    if i2 - i1 != 1 or j2 - j1 != 1:
        return False
    old, new = old_lines[i1], new_lines[j1]
    start, end_old, end_new = _changed_span(old, new)
    before, removed, added = old[:start], old[start:end_old], new[start:end_new]
    # a keyword's value replaced: the change starts right after `name=` (possibly inside the value)
    value = re.search(r"\b(\w+)\s*=\s*[^,()=\[\]{}]*$", before)
    if value and value.group(1) in STYLE_KEYWORDS and not re.search(r"[,()=]", removed + added):
        return True
    # a keyword dropped: what disappeared is `name=value` (with its comma)
    dropped = re.fullmatch(r"\s*,?\s*(\w+)\s*=\s*[^,()=]+,?\s*", removed)
    if dropped and not added.strip(" ,") and dropped.group(1) in STYLE_KEYWORDS:
        return True
    # an rcParams entry of charts.STYLE that sets a size or weight
    rc = re.match(r'\s*"([\w.]+)"\s*:', old)
    return bool(rc and rc.group(1) in STYLE_RC_KEYS and start > rc.end())


def case_of_a_colour_name(original: str, mutant: str) -> bool:
    """True if the two sources differ only in the letter case of one quoted colour name."""
    import matplotlib.colors as mcolors

    old_lines, new_lines = original.splitlines(), mutant.splitlines()
    if len(old_lines) != len(new_lines):
        return False
    pairs = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    if len(pairs) != 1 or pairs[0][0].lower() != pairs[0][1].lower():
        return False
    old, new = pairs[0]
    start, end_old, _ = _changed_span(old, new)
    quoted = re.finditer(r'"([^"]*)"|\'([^\']*)\'', old)
    for match in quoted:
        if match.start() < start and end_old <= match.end():
            name = match.group(1) if match.group(1) is not None else match.group(2)
            return name.lower() in mcolors.get_named_colors_mapping()
    return False


def _functions(path: Path) -> dict[str, str]:
    """Source of every function (and method) in a mutmut-generated module, by name."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno])
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def classify(survivors: list[str], mutants_dir: Path = ROOT / "mutants") -> dict[str, str]:
    """'style-only' or 'other' for each surviving mutant name (e.g.
    'studyguide.energy.x_revenue_chart__mutmut_12')."""
    sources: dict[str, dict[str, str]] = {}
    kinds = {}
    for name in survivors:
        module, _, function = name.rpartition(".")
        if module not in sources:
            path = mutants_dir / (module.replace(".", "/") + ".py")
            sources[module] = _functions(path) if path.is_file() else {}
        funcs = sources[module]
        base = function.rsplit("__mutmut_", 1)[0]
        original, mutant = funcs.get(base + "__mutmut_orig"), funcs.get(function)
        if original is None or mutant is None:
            kinds[name] = "other"
            continue
        # compare bodies only: the two differ in their def line's name
        body = lambda src: src.split("\n", 1)[1] if "\n" in src else ""  # noqa: E731
        before, after = body(original), body(mutant)
        kinds[name] = ("style-only" if style_only(before, after) else
                       "equivalent" if case_of_a_colour_name(before, after) else "other")
    return kinds


def score(stats: dict, set_aside: int) -> dict:
    """The share of judged mutants killed (a timeout counts as killed), over all of them and
    over those left when `set_aside` survivors (style-only and equivalent) are not counted; and,
    stricter, over all mutants including those no fast test runs ("no tests"), which mutmut
    leaves out of its own count."""
    killed = stats.get("killed", 0) + stats.get("timeout", 0)
    judged = killed + stats.get("survived", 0) + stats.get("suspicious", 0)
    rest = judged - set_aside
    everything = judged + stats.get("no_tests", 0)
    return {"score_percent": 100 * killed / judged if judged else 0.0,
            "score_without_set_aside_percent": 100 * killed / rest if rest else 0.0,
            "score_counting_untested_percent": 100 * killed / everything if everything else 0.0}


def main() -> int:
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    subprocess.run([MUTMUT, "run", "--max-children", str(os.cpu_count() or 1)], cwd=ROOT)
    subprocess.run([MUTMUT, "export-cicd-stats"], cwd=ROOT, check=True, capture_output=True)
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = subprocess.run([MUTMUT, "results"], cwd=ROOT, capture_output=True, text=True).stdout
    survivors = [line.strip().rsplit(":", 1)[0] for line in results.splitlines()
                 if line.strip().endswith(": survived")]
    kinds = classify(survivors)
    style = sorted(n for n, k in kinds.items() if k == "style-only")
    equivalent = sorted(n for n, k in kinds.items() if k == "equivalent")
    other = sorted(n for n, k in kinds.items() if k == "other")
    scores = score(stats, len(style) + len(equivalent))
    print(json.dumps(stats, indent=2))
    print(f"mutation score: {scores['score_percent']:.1f}% of judged mutants killed "
          f"({stats.get('killed', 0)} killed, {stats.get('timeout', 0)} timed out, "
          f"{stats.get('survived', 0)} survived, {stats.get('no_tests', 0)} not covered by a fast "
          f"test); {scores['score_without_set_aside_percent']:.1f}% without the {len(style)} "
          f"style-only and {len(equivalent)} equivalent survivors; "
          f"{scores['score_counting_untested_percent']:.1f}% if mutants no fast test runs count "
          "as survivors")
    print("style-only keywords: " + ", ".join(sorted(STYLE_KEYWORDS | STYLE_RC_KEYS)))
    by_function = Counter(n.rsplit("__mutmut_", 1)[0] for n in other)
    print("other survivors by function:")
    for function, count in by_function.most_common():
        print(f"  {count:4d}  {function}")
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "mutation.json").write_text(json.dumps(
        {"stats": stats, **scores, "style_keywords": sorted(STYLE_KEYWORDS | STYLE_RC_KEYS),
         "survivors_style_only": style, "survivors_equivalent": equivalent,
         "survivors_other": other}, indent=2), encoding="utf-8")
    print("every survivor: _build/mutation.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
