"""Benchmark (`make bench`): build times, notebook execution times, page weight, view latency.

Measured, never asserted: the numbers are printed and saved to _build/bench.json.

- cold build: `studyguide.build` (what `make book` runs) after removing _build/, as on a clean
  clone: every notebook's stored outputs are current, so none is executed (if one were not, this
  build would execute it and the log says so)
- cold build executing every notebook: the same with STUDYGUIDE_EXECUTE_ALL=1, what a build costs
  after a change in data/ or studyguide/ that `make notebooks` has not yet stored
- no-change rebuild: the same again (the dependency hash matches: nothing is executed)
- reference: the stock `jupyter-book create` template book, built cold with the same flags, and
  rebuilt with no change (Sphinx's incremental build), per page
- the size of what each explorer embeds (raw and gzip)
- per-notebook execution time (nbclient, fresh kernel)
- page weight: each page's HTML plus the local files it loads
- each widget view function over all its options: median and 95th percentile
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urldefrag, urlparse

ROOT = Path(__file__).resolve().parent.parent
JB = str(Path(sys.executable).parent / "jupyter-book")


def _build(book: Path, env: dict | None = None) -> tuple[float, str]:
    from .build import build

    start = time.perf_counter()
    result = build(book, env=env, capture=True)
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-3000:] + result.stderr[-3000:])
    return time.perf_counter() - start, result.stdout


def _build_template(book: Path, everything: bool) -> float:
    from .build import command

    start = time.perf_counter()
    subprocess.run(command(book, everything=everything), check=True, capture_output=True, cwd=book)
    return time.perf_counter() - start


def _pages(html_dir: Path) -> list[Path]:
    """The book's pages, without Sphinx's generated index and search pages."""
    return sorted(p for p in html_dir.rglob("*.html")
                  if p.name not in {"genindex.html", "search.html"} and "_static" not in p.parts)


def _n_pages(book: Path) -> int:
    return len(_pages(book / "_build" / "html"))


def kernel_floor() -> float:
    """Seconds to start a kernel and import what every chapter imports, executing nothing else:
    the least any executed notebook costs."""
    import nbformat

    from .notebooks import execute

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(
            "import matplotlib.pyplot, pandas\n"
            "from studyguide import ceasefire, energy, reference, sanctions_history, summit, "
            "us_stance")]
        path = Path(tmp) / "floor.ipynb"
        nbformat.write(nb, path)
        start = time.perf_counter()
        execute(path)
        return time.perf_counter() - start


def sphinx_only() -> float:
    """Seconds for Sphinx to read and write every page when every notebook's outputs are already
    in the execution cache (what a cold build costs beyond executing the notebooks)."""
    from .build import command

    start = time.perf_counter()
    subprocess.run(command(ROOT, everything=True), check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def build_times() -> dict:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    executing, _ = _build(ROOT, env={"STUDYGUIDE_EXECUTE_ALL": "1"})
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold, log = _build(ROOT)
    again, _ = _build(ROOT)
    stored = next((line for line in log.splitlines() if line.startswith("Stored outputs")), "")
    pages = _n_pages(ROOT)
    floor = kernel_floor()
    writing = sphinx_only()
    notebooks = len(list((ROOT / "chapters").glob("*.ipynb")))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tpl = Path(tmp) / "template"
        subprocess.run([JB, "create", str(tpl)], check=True, capture_output=True)
        tpl_time = _build_template(tpl, everything=True)
        tpl_again = _build_template(tpl, everything=False)
        tpl_pages = _n_pages(tpl)
        tpl_weights = page_weights(tpl / "_build" / "html")
    return {"cold_build_s": cold, "cold_build_stored_outputs": stored,
            "cold_build_executing_all_s": executing,
            "cold_build_executing_all_per_page_s": executing / pages,
            "no_change_rebuild_s": again, "pages": pages,
            "kernel_floor_s": floor, "sphinx_only_s": writing, "notebooks": notebooks,
            "cores": cores,
            # the least a cold build can cost: Sphinx, plus one kernel per notebook on `cores`
            "cold_build_floor_per_page_s": (writing + floor * notebooks / cores) / pages,
            "cold_build_per_page_s": cold / pages, "template_build_s": tpl_time,
            "template_no_change_s": tpl_again, "no_change_ratio": again / tpl_again,
            "template_pages": tpl_pages, "template_per_page_s": tpl_time / tpl_pages,
            "template_median_page_gzip_kB": statistics.median(
                w["gzip_with_assets_kB"] for w in tpl_weights.values())}


def notebook_times() -> dict:
    from .notebooks import execute

    out = {}
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        start = time.perf_counter()
        execute(path)
        out[path.name] = time.perf_counter() - start
    return out


def _page_files(page: Path) -> set[Path]:
    """A page and the local files it loads (scripts, styles, images)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    files = {page}
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for el in soup.find_all(tag):
            # <link rel="next"> and the like name other pages, not what this page loads
            if tag == "link" and not {"stylesheet", "preload", "icon"} & set(el.get("rel") or []):
                continue
            url = urldefrag(el.get(attr) or "")[0].split("?")[0]
            if url and not urlparse(url).scheme:
                target = (page.parent / url).resolve()
                if target.is_file():
                    files.add(target)
    return files


def page_weights(html_dir: Path = ROOT / "_build" / "html") -> dict:
    """Each page's HTML and, with the local files it loads, raw and gzip-compressed (as a server
    would send it)."""
    import gzip

    out = {}
    for page in _pages(html_dir):
        files = _page_files(page)
        out[str(page.relative_to(html_dir))] = {
            "html_kB": page.stat().st_size / 1024,
            "with_assets_kB": sum(f.stat().st_size for f in files) / 1024,
            "gzip_with_assets_kB": sum(len(gzip.compress(f.read_bytes())) for f in files) / 1024}
    return out


def _run(fn, options) -> list[float]:
    times = []
    for option in options:
        start = time.perf_counter()
        fn(*option)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def _timed(fn, options) -> dict:
    """Each option once, as a learner would click through them; then again with the cyclic
    garbage collector paused, to show how much of the tail is collection pauses."""
    times = _run(fn, options)
    gc.collect()
    gc.disable()
    try:
        quiet = _run(fn, options)
    finally:
        gc.enable()
    return {"calls": len(times), "median_ms": statistics.median(times), "p95_ms": _p95(times),
            "max_ms": times[-1], "p95_ms_without_gc_pauses": _p95(quiet)}


def _explorers():
    """Every chapter explorer, with its view function and the options it offers."""
    from . import ceasefire, data, energy, sanctions_history, summit, us_stance

    load = data.load
    explorers = {
        "us_stance.statements_view": us_stance.explorer(load("us_stance_statements")),
        "ceasefire.comparison_view": ceasefire.explorer(
            *(load(n) for n in ("positions", "stance_codes", "issues"))),
        "energy.exposure_view": energy.explorer(load("exposure")),
        "sanctions_history.case_view": sanctions_history.case_explorer(
            load("sanctions_events"), load("iran_crude_exports"), load("cuba_un_vote_tallies"),
            load("dprk_nuclear_tests")),
        "sanctions_history.vote_view": sanctions_history.vote_explorer(
            load("cuba_un_votes_by_country"), load("cuba_un_vote_tallies")),
        "summit.alignment_view": summit.explorer(
            load("unga_votes"), load("unga_roll_calls"), load("unga_countries")),
    }
    return explorers


def _uncached_views() -> dict:
    """View functions whose explorer caches (or precomputes) its views, timed without the cache
    over the same choices: what a kernel computes the first time a reader picks each option."""
    from . import data, sanctions_history, summit

    load = data.load
    votes, rolls, countries = load("unga_votes"), load("unga_roll_calls"), load("unga_countries")
    pairs = summit.explorer(votes, rolls, countries)
    pair_choices = [c for c in (pairs.choices(x) for x in pairs.combinations()) if not pairs.invalid(c)]
    tables_ = (load("sanctions_events"), load("iran_crude_exports"), load("cuba_un_vote_tallies"),
               load("dprk_nuclear_tests"))
    cases = sanctions_history.case_explorer(*tables_)
    case_choices = [cases.choices(x) for x in cases.combinations()]
    return {
        "summit.alignment_view (uncached)": (
            lambda c: summit.alignment_view(votes, rolls, countries, [c["first"], c["second"]],
                                            c["issue"]), pair_choices),
        "sanctions_history.case_view (uncached)": (
            lambda c: sanctions_history.case_view(*tables_, **c), case_choices),
    }


def view_times() -> dict:
    """Each explorer's view function over every combination of its options (as a reader of the
    HTML explorer could choose them), median and 95th percentile."""
    result = {}
    for name, explorer in _explorers().items():
        combos = [explorer.choices(c) for c in explorer.combinations()]
        combos = [c for c in combos if not explorer.invalid(c)]
        explorer.view(**combos[0])  # warm-up: imports, first validation, font cache
        result[name] = _timed(lambda c, view=explorer.view: view(**c), [(c,) for c in combos])
    for name, (fn, combos) in _uncached_views().items():
        fn(combos[0])  # warm-up
        result[name] = _timed(fn, [(c,) for c in combos])
    return result


def explorer_sizes() -> dict:
    """What each explorer embeds in its page: its states as JSON, raw and gzip."""
    import gzip

    out = {}
    for name, explorer in _explorers().items():
        states = explorer.states()
        payload = json.dumps(states, ensure_ascii=False, separators=(",", ":")).encode()
        out[name] = {"states": len(states["views"]), "raw_kB": len(payload) / 1024,
                     "gzip_kB": len(gzip.compress(payload)) / 1024}
    return out


def main() -> int:
    results = {"views": view_times(), "explorers": explorer_sizes(), "notebooks_s": notebook_times(),
               "build": build_times()}
    results["page_weight"] = page_weights()
    b = results["build"]
    print(f"cold build            {b['cold_build_s']:7.1f} s  ({b['pages']} pages, "
          f"{b['cold_build_per_page_s']:.2f} s/page; {b['cold_build_stored_outputs']})")
    print(f"cold build, executing {b['cold_build_executing_all_s']:7.1f} s  "
          f"({b['cold_build_executing_all_per_page_s']:.2f} s/page; every notebook executed)")
    print(f"no-change rebuild     {b['no_change_rebuild_s']:7.1f} s  ({b['no_change_ratio']:.2f}x the "
          "template's no-change rebuild)")
    print(f"executing floor       kernel start + imports {b['kernel_floor_s']:.1f} s per notebook; "
          f"Sphinx alone (outputs cached) {b['sphinx_only_s']:.1f} s; so a cold build executing "
          f"{b['notebooks']} notebooks on {b['cores']} cores costs at least "
          f"{b['cold_build_floor_per_page_s']:.2f} s/page")
    print(f"template book         {b['template_build_s']:7.1f} s  ({b['template_pages']} pages, "
          f"{b['template_per_page_s']:.2f} s/page); no-change rebuild {b['template_no_change_s']:.1f} s")
    for name, secs in results["notebooks_s"].items():
        print(f"execute {name:28s} {secs:6.2f} s")
    for name, t in results["views"].items():
        print(f"{name:24s} median {t['median_ms']:6.1f} ms  p95 {t['p95_ms']:6.1f} ms  "
              f"max {t['max_ms']:6.1f} ms  (p95 {t['p95_ms_without_gc_pauses']:5.1f} ms without "
              f"GC pauses) over {t['calls']} options")
    for name, e in results["explorers"].items():
        print(f"explorer {name:24s} {e['states']:4d} views embedded: {e['raw_kB']:7.1f} kB raw, "
              f"{e['gzip_kB']:6.1f} kB gzip")
    for page, w in results["page_weight"].items():
        print(f"page {page:32s} html {w['html_kB']:7.1f} kB   with assets {w['with_assets_kB']:7.1f} kB"
              f"   gzip {w['gzip_with_assets_kB']:6.1f} kB")
    gz = sorted(w["gzip_with_assets_kB"] for w in results["page_weight"].values())
    print(f"median page, gzip with assets: {statistics.median(gz):.1f} kB "
          f"({statistics.median(gz) / b['template_median_page_gzip_kB']:.2f}x the template's "
          f"{b['template_median_page_gzip_kB']:.1f} kB); largest {gz[-1]:.1f} kB")
    out = ROOT / "_build" / "bench.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"saved {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
