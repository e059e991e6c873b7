"""Plumbing for the study guide: validated data, chart style, static tables, views, widgets, quiz.

The notebooks import from here so that they can stay short and readable.
"""

from .data import DataError, cited_sources, load, source_line, split_ids

__all__ = ["DataError", "cited_sources", "load", "source_line", "split_ids"]
