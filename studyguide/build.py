"""Build the book: the one place the build command lives (`make book`, the tests, the benchmark).

Notebooks are executed through myst-nb's jupyter-cache, which keys a notebook on its code only.
So that a change in data/ or studyguide/ can never leave a stale output, the build keeps a hash of
those folders in `_build/.deps-hash`: when it differs, the execution cache is cleared and every
page is rebuilt (`--all`); when it matches, Sphinx rebuilds only what changed and unchanged
notebooks are not executed again. Before Sphinx runs, the notebooks that need executing are
executed in parallel (one process per core) into the same cache, where myst-nb finds them.

A cold build (a clean clone, or after a change in data/ or studyguide/) need not execute a
notebook whose stored outputs are current: `make notebooks` keeps, beside each notebook, its
explorers' views and a key (`outputs_key`) hashing the notebook as stored, data/, studyguide/ and
requirements.txt. When the key still matches, the stored notebook with its explorers' views put
back is placed in the cache as if it had just been executed; any difference, and it is executed.
nbval (`make test`) re-executes every notebook and compares it with what is stored.

Usage: python -m studyguide.build [BOOK_DIR]
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = str(Path(sys.executable).parent / "jupyter-book")
DEPENDENCIES = ("data", "studyguide")  # what every notebook reads, besides its own code


def command(book: Path = ROOT, *, everything: bool = True) -> list[str]:
    """The jupyter-book command: warnings are errors (-W -n), every problem reported."""
    return [JB, "build", *(["--all"] if everything else []), "-W", "-n", "--keep-going", str(book)]


def deps_hash(book: Path = ROOT) -> str:
    """A hash of every file in data/ and studyguide/ (names and bytes)."""
    digest = hashlib.sha256()
    for folder in DEPENDENCIES:
        for path in sorted((book / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(book).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def outputs_key(notebook: Path, deps: str | None = None) -> str:
    """What a notebook's stored outputs were computed from: the notebook file as stored (its code
    and its outputs), data/ and studyguide/ (`deps_hash`) and the pinned requirements."""
    notebook = Path(notebook).resolve()
    book = notebook.parent.parent
    digest = hashlib.sha256((deps or deps_hash(book)).encode())
    requirements = book / "requirements.txt"
    digest.update(requirements.read_bytes() if requirements.is_file() else b"")
    digest.update(notebook.read_bytes())
    return digest.hexdigest()


def seed_cache(book: Path, cache) -> list[Path]:
    """Put into the execution cache every chapter notebook the cache lacks whose stored outputs
    are current (its key matches and its explorers' views fit back); return those notebooks."""
    import nbformat
    from jupyter_cache.base import CacheBundleIn

    from .notebooks import read_stored, restore

    deps = deps_hash(book)
    missing = {Path(r.uri).resolve() for r in cache.list_unexecuted()}
    seeded = []
    for path in sorted((book / "chapters").glob("*.ipynb")):
        stored = read_stored(path)
        if path.resolve() not in missing or not stored or stored.get("key") != outputs_key(path, deps):
            continue
        nb = nbformat.read(path, as_version=4)
        if restore(nb, stored.get("explorers", [])):
            cache.cache_notebook_bundle(CacheBundleIn(nb, str(path.resolve())), check_validity=False,
                                        overwrite=True)
            seeded.append(path)
    return seeded


def cache_dir(book: Path) -> Path:
    return book / "_build" / ".jupyter_cache"


def prefill_cache(book: Path) -> None:
    """Fill the cache with every chapter notebook it lacks: from the stored outputs where they are
    current (`seed_cache`), else by executing the notebook, in parallel (a pool of one process per
    core). A notebook that fails is not cached: the build then executes it again and reports the
    error where the page is built."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache = get_cache(str(cache_dir(book)))
    for nb in sorted((book / "chapters").glob("*.ipynb")):
        cache.add_nb_to_project(str(nb.resolve()))
    # STUDYGUIDE_EXECUTE_ALL=1 ignores the stored outputs (what `make bench` uses to time a build
    # that executes every notebook).
    seeded = [] if os.environ.get("STUDYGUIDE_EXECUTE_ALL") else seed_cache(book, cache)
    print(f"Stored outputs are current for {len(seeded)} notebook(s)"
          + (": " + ", ".join(p.name for p in seeded) if seeded else ""), flush=True)
    unexecuted = cache.list_unexecuted()
    if unexecuted:
        print(f"Executing {len(unexecuted)} notebook(s): "
              + ", ".join(Path(r.uri).name for r in unexecuted), flush=True)
        load_executor("local-parallel", cache).run_and_cache(timeout=300, allow_errors=False)


def build(book: Path = ROOT, *, env: dict | None = None,
          capture: bool = False) -> subprocess.CompletedProcess:
    """Build `book` into book/_build/html, re-executing only what a change can have affected."""
    book = Path(book)
    stamp = book / "_build" / ".deps-hash"
    current = deps_hash(book)
    fresh = stamp.is_file() and stamp.read_text() == current and (book / "_build" / "html").is_dir()
    if not fresh:
        shutil.rmtree(cache_dir(book), ignore_errors=True)
        stamp.unlink(missing_ok=True)
    run_env = {**os.environ, **(env or {})}
    changed = not fresh or any(nb.stat().st_mtime > stamp.stat().st_mtime
                               for nb in (book / "chapters").glob("*.ipynb"))
    if changed:
        pre = subprocess.run([sys.executable, "-c", "import sys; from studyguide.build import "
                              "prefill_cache; from pathlib import Path; prefill_cache(Path(sys.argv[1]))",
                              str(book)], cwd=book, env=run_env, capture_output=capture, text=True)
        if pre.returncode != 0:
            return pre
    result = subprocess.run(command(book, everything=not fresh), cwd=book, env=run_env,
                            capture_output=capture, text=True)
    if changed and capture:  # what was taken from the stored outputs and what was executed
        result.stdout, result.stderr = pre.stdout + result.stdout, pre.stderr + result.stderr
    if result.returncode == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current)
    return result


def main(argv: list[str]) -> int:
    return build(Path(argv[0]) if argv else ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
