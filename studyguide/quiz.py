"""Self-check quizzes from data/quiz.csv, as static HTML that works without a kernel.

Each question is a <details> element: the reader thinks, then opens it to see the answer, why,
and the sources. No script is involved, so it works in the HTML book, offline and in Jupyter.
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass

import pandas as pd

from . import data, tables

SEP = "|"  # between the choices of one question
RESOURCE = "quiz"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[str, ...]
    answer: str  # a letter
    explanation: str
    source_ids: tuple[str, ...]

    @property
    def answer_text(self) -> str:
        return self.choices[string.ascii_lowercase.index(self.answer)]


def questions(chapter: int, frame: pd.DataFrame | None = None) -> list[Question]:
    """The chapter's questions, checked: the answer letter must name one of the choices."""
    frame = data.load(RESOURCE) if frame is None else frame
    out = []
    for row_no, rec in zip(frame.index + 2, frame.itertuples(index=False), strict=True):
        if int(rec.chapter) != int(chapter):
            continue
        choices = tuple(c.strip() for c in rec.choices.split(SEP))
        if string.ascii_lowercase.index(rec.answer) >= len(choices):
            raise data.DataError([data.Problem(
                f"data/{data.resource(RESOURCE)['path']}", "answer-out-of-range",
                f"answer {rec.answer!r} but only {len(choices)} choices", row=row_no,
                column="answer")])
        out.append(Question(rec.id, rec.question, choices, rec.answer, rec.explanation,
                            tuple(data.split_ids(rec.source_ids))))
    return out


@dataclass
class Quiz:
    items: list[Question]
    registry: pd.DataFrame

    def _source_links(self, ids) -> str:
        reg = self.registry.set_index("id")
        return "; ".join(tables.citation(reg.loc[sid], sep=": ") for sid in ids)

    def _repr_html_(self) -> str:
        parts = ['<div class="sg-quiz">']
        for n, q in enumerate(self.items, start=1):
            options = "".join(f"<li>{html.escape(c)}</li>" for c in q.choices)
            parts.append(
                f'<div class="sg-quiz-q" id="quiz-{html.escape(q.id.lower())}">'
                f"<p><strong>{n}.</strong> {html.escape(q.text)}</p>"
                f'<ol type="a">{options}</ol>'
                f"<details><summary>Show the answer</summary>"
                f"<p><strong>({q.answer}) {html.escape(q.answer_text)}.</strong> "
                f"{html.escape(q.explanation)}</p>"
                f'<p class="sg-source">Sources: {self._source_links(q.source_ids)}</p>'
                f"</details></div>"
            )
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        lines = []
        for n, q in enumerate(self.items, start=1):
            lines.append(f"{n}. {q.text}")
            letters = string.ascii_lowercase[:len(q.choices)]
            lines += [f"   ({letter}) {c}" for letter, c in zip(letters, q.choices, strict=True)]
        return "\n".join(lines)


def quiz(chapter: int) -> Quiz:
    """The static quiz of one chapter."""
    return Quiz(questions(chapter), data.load(data.REGISTRY))
