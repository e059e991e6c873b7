"""Execute notebooks and save them with clean, deterministic outputs (`make notebooks`).

Stored outputs are what nbval compares against in `make test`, and what a learner sees before
running anything. Volatile parts are removed: widget state and widget views (random model ids,
useless without a kernel), the views an explorer embeds for the book (megabytes that only the
HTML page uses; the default view stays), per-cell timing metadata, kernel-specific metadata.

Usage: python -m studyguide.notebooks chapters/*.ipynb
"""

from __future__ import annotations

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
    nb.metadata["language_info"] = {"name": "python"}
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


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return clean(nb)


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        nb = execute(path)
        nbformat.write(nb, path)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error"]
        print(f"{path}: executed, {len(errors)} error output(s)")
        if errors:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
