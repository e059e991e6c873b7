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


# A literal registry: one source with a URL (linked), one without (plain text).
REGISTRY = pd.DataFrame({"id": ["src-a", "src-b"], "publisher": ["Pub A", "Pub B"],
                         "title": ["Title <A>", "Title B"], "url": ["https://a.example/x", ""]})


def test_quiz_html_on_a_literal_frame_is_exactly_what_the_reader_gets():
    frame = LITERAL.assign(source_ids=["src-a; src-b", "src-b", "src-a"])
    html = quiz.Quiz(quiz.questions(9, frame), REGISTRY)._repr_html_()
    assert html == (
        '<div class="sg-quiz">'
        '<div class="sg-quiz-q" id="quiz-q9-1"><p><strong>1.</strong> Which?</p>'
        '<ol type="a"><li>Red</li><li>Green</li><li>Blue</li></ol>'
        "<details><summary>Show the answer</summary><p><strong>(c) Blue.</strong> Because.</p>"
        '<p class="sg-source">Sources: <a href="https://a.example/x" rel="noopener">'
        "Pub A: Title &lt;A&gt;</a>; Pub B: Title B</p></details></div>"
        '<div class="sg-quiz-q" id="quiz-q9-2"><p><strong>2.</strong> Who?</p>'
        '<ol type="a"><li>Me</li><li>You</li></ol>'
        "<details><summary>Show the answer</summary><p><strong>(a) Me.</strong> So.</p>"
        '<p class="sg-source">Sources: Pub B: Title B</p></details></div>'
        "</div>")


def test_quiz_text_lists_each_question_with_lettered_choices():
    q = quiz.Quiz(quiz.questions(9, LITERAL), REGISTRY)
    assert repr(q) == "1. Which?\n   (a) Red\n   (b) Green\n   (c) Blue\n2. Who?\n   (a) Me\n   (b) You"


def test_a_wrong_answer_letter_is_located_like_a_spreadsheet_cell():
    frame = LITERAL.copy()
    frame.loc[1, "answer"] = "c"  # "Who?" has two choices; the header is row 1, so this is row 3
    with pytest.raises(data.DataError) as info:
        quiz.questions(9, frame)
    err = info.value
    assert (err.file, err.row, err.column, err.rule) == ("data/quiz.csv", 3, "answer",
                                                         "answer-out-of-range")
    assert str(err) == ("data/quiz.csv, row 3, column 'answer': [answer-out-of-range] "
                        "answer 'c' but only 2 choices")


def test_each_chapter_quiz_cites_registered_sources_by_publisher_and_title():
    registry = data.load("sources").set_index("id")
    q = quiz.quiz(1)
    html = q._repr_html_()
    first = q.items[0].source_ids[0]
    assert f"{registry.loc[first, 'publisher']}: {registry.loc[first, 'title']}" in text_of(html)
