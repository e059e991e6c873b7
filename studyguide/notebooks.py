"""Execute notebooks and save them with clean, deterministic outputs (`make notebooks`).

Stored outputs are what nbval compares against in `make test`, and what a learner sees before
running anything. Volatile parts are removed: widget state and widget views (random model ids,
useless without a kernel), the views an explorer embeds for the book (megabytes that only the
HTML page uses; the default view stays), per-cell timing metadata, kernel-specific metadata.

What the book needs beyond the stored notebook, the explorers' full HTML with every view, is kept
beside it in `chapters/.outputs/<name>.json.gz`, with a key: a hash of the notebook as stored, of
data/ and studyguide/, and of requirements.txt (see `studyguide.build.outputs_key`). While the key
matches, a cold build takes the notebook's outputs from there instead of executing it again.

Usage: python -m studyguide.notebooks chapters/*.ipynb
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
EXPLORER_STATES = re.compile(r'<script type="application/json" class="sg-explorer-states">.*?</script>',
                             re.DOTALL)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip what changes from run to run or only makes sense with a live kernel."""
    nb.metadata.pop("widgets", None)
    # No version numbers; the lexer stays, as myst-nb highlights code cells with it.
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            bundle = out.get("data", {})
            # A widget's view is a model id; without its state it renders as nothing useful.
            bundle.pop(WIDGET_MIME, None)
            if "text/html" in bundle:
                html = bundle["text/html"]
                html = "".join(html) if isinstance(html, list) else html
                bundle["text/html"] = EXPLORER_STATES.sub("", html)
            if out.get("output_type") in ("display_data", "execute_result") and not bundle:
                continue
            kept.append(out)
        cell.outputs = kept
    return nb


def _html(output) -> str | None:
    html = output.get("data", {}).get("text/html")
    return "".join(html) if isinstance(html, list) else html


def explorer_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    """The outputs whose HTML embeds an explorer's views, before `clean` strips them: their cell
    and output positions and their whole HTML."""
    return [{"cell": i, "output": j, "html": html}
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for j, out in enumerate(cell.outputs)
            if (html := _html(out)) is not None and EXPLORER_STATES.search(html)]


def restore(nb: nbformat.NotebookNode, explorers: list[dict]) -> bool:
    """Put the explorers' whole HTML back into a stored notebook (in place). False, and `nb`
    unchanged, unless every one fits: its position holds the same HTML with the views stripped."""
    for item in explorers:
        try:
            out = nb.cells[item["cell"]].outputs[item["output"]]
        except (IndexError, AttributeError):
            return False
        if _html(out) != EXPLORER_STATES.sub("", item["html"]):
            return False
    for item in explorers:
        nb.cells[item["cell"]].outputs[item["output"]]["data"]["text/html"] = item["html"]
    return True


def stored_path(path: Path) -> Path:
    """Where the explorers' views and the key of a stored notebook are kept."""
    return path.parent / ".outputs" / (path.stem + ".json.gz")


def write_stored(path: Path, explorers: list[dict], key: str) -> None:
    """Write `stored_path(path)`, byte for byte the same for the same content (no gzip date)."""
    target = stored_path(path)
    target.parent.mkdir(exist_ok=True)
    text = json.dumps({"key": key, "explorers": explorers}, ensure_ascii=False, sort_keys=True)
    target.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def read_stored(path: Path) -> dict | None:
    try:
        return json.loads(gzip.decompress(stored_path(path).read_bytes()).decode("utf-8"))
    except (OSError, ValueError):
        return None


def run(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Execute a notebook as the build does; nothing is cleaned."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    return clean(run(path, timeout))


def main(paths: list[str]) -> int:
    from .build import outputs_key

    for name in paths:
        path = Path(name)
        nb = run(path)
        explorers = explorer_outputs(nb)
        nb = clean(nb)
        nbformat.write(nb, path)
        write_stored(path, explorers, outputs_key(path))
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error"]
        print(f"{path}: executed, {len(errors)} error output(s)")
        if errors:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
