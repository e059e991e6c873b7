"""studyguide.quiz: questions from data/quiz.csv, answers hidden, answer letters checked."""

from __future__ import annotations

import string

import pandas as pd
import pytest
from helpers import HOSTILE, tags_of, text_of

from studyguide import data, quiz

LITERAL = pd.DataFrame({
    "id": ["Q9-1", "Q9-2", "Q8-1"], "chapter": [9, 9, 8],
    "question": ["Which?", "Who?", "Other chapter?"],
    "choices": ["Red|Green|Blue", "Me | You", "x|y"], "answer": ["c", "a", "b"],
    "explanation": ["Because.", "So.", "No."], "source_ids": ["nbc-pissed-off"] * 3,
})


def test_questions_of_one_chapter_with_their_answer_text():
    items = quiz.questions(9, LITERAL)
    assert [q.id for q in items] == ["Q9-1", "Q9-2"]
    assert items[0].choices == ("Red", "Green", "Blue") and items[0].answer_text == "Blue"
    assert items[1].choices == ("Me", "You") and items[1].answer_text == "Me"
    assert items[0].source_ids == ("nbc-pissed-off",)


def test_quiz_html_hides_each_answer_in_details_and_names_the_right_choice():
    q = quiz.Quiz(quiz.questions(9, LITERAL), data.load("sources"))
    html = q._repr_html_()
    assert [t for t, _ in tags_of(html)].count("details") == 2
    assert "(c) Blue." in text_of(html) and "(a) Me." in text_of(html)
    assert repr(q).splitlines()[0] == "1. Which?"


def test_every_chapter_quiz_renders():
    frame = data.load("quiz")
    for chapter in sorted(set(frame["chapter"])):
        q = quiz.quiz(chapter)
        assert len(q.items) == (frame["chapter"] == chapter).sum() > 0


def test_quiz_answer_must_name_a_choice():
    frame = LITERAL.copy()
    frame.loc[0, "answer"] = string.ascii_lowercase[3]
    with pytest.raises(data.DataError, match="answer-out-of-range"):
        quiz.questions(9, frame)


def test_quiz_escapes_question_text():
    frame = LITERAL.copy()
    frame.loc[0, "question"] = HOSTILE
    q = quiz.Quiz(quiz.questions(9, frame), data.load("sources"))
    assert "<script>" not in q._repr_html_()
