"""studyguide.mutation: which surviving mutants the report sets aside, by its stated rule."""

from __future__ import annotations

import pytest

from studyguide import mutation

BAR = '    ax.bar(x, y, color=colour, linewidth=1.5, hatch="//", zorder=3)\n    return ax\n'


@pytest.mark.parametrize("mutant", [
    '    ax.bar(x, y, color=colour, linewidth=2.5, hatch="//", zorder=3)\n    return ax\n',
    '    ax.bar(x, y, color=colour, linewidth=None, hatch="//", zorder=3)\n    return ax\n',
    '    ax.bar(x, y, color=colour, hatch="//", zorder=3)\n    return ax\n',
    '    ax.bar(x, y, color=colour, linewidth=1.5, hatch="//", zorder=4)\n    return ax\n',
    '    ax.bar(x, y, color=colour, linewidth=1.5, hatch="//", )\n    return ax\n',
])
def test_a_drawing_style_number_changed_or_dropped_is_style_only(mutant):
    assert mutation.style_only(BAR, mutant)


@pytest.mark.parametrize("mutant", [
    '    ax.bar(x, y, color=None, linewidth=1.5, hatch="//", zorder=3)\n    return ax\n',   # colour
    '    ax.bar(x, y, color=colour, linewidth=1.5, hatch=None, zorder=3)\n    return ax\n',  # hatch
    '    ax.bar(x, None, color=colour, linewidth=1.5, hatch="//", zorder=3)\n    return ax\n',  # data
    '    ax.bar(x, y, color=colour, linewidth=1.5, zorder=3)\n    return ax\n',  # hatch dropped
    '    ax.bar(x, y, color=colour, linewidth=1.5, hatch="//", zorder=3)\n    return None\n',
    '    ax.bar(x, y, color=colour, linewidth=2.5, hatch="//", zorder=4)\n    return ax\n',  # two
])
def test_anything_else_is_not_style_only(mutant):
    assert not mutation.style_only(BAR, mutant)


def test_a_size_in_the_style_sheet_is_style_only_but_its_colours_are_not():
    sheet = '    "font.size": 10,\n    "grid.color": "#dddddd",\n'
    assert mutation.style_only(sheet, '    "font.size": 11,\n    "grid.color": "#dddddd",\n')
    assert not mutation.style_only(sheet, '    "font.size": 10,\n    "grid.color": "XX#ddddddXX",\n')
    assert not mutation.style_only(sheet, '    "XXfont.sizeXX": 10,\n    "grid.color": "#dddddd",\n')


def test_only_the_case_of_a_colour_name_is_equivalent():
    src = '    ax.bar(x, y, color="white" if plan else c, label="plan")\n'
    assert mutation.case_of_a_colour_name(
        src, '    ax.bar(x, y, color="WHITE" if plan else c, label="plan")\n')
    assert not mutation.case_of_a_colour_name(  # a label a reader reads
        src, '    ax.bar(x, y, color="white" if plan else c, label="PLAN")\n')
    assert not mutation.case_of_a_colour_name(
        src, '    ax.bar(x, y, color="XXwhiteXX" if plan else c, label="plan")\n')


def test_classify_reads_the_generated_module(tmp_path):
    package = tmp_path / "studyguide"
    package.mkdir()
    (package / "m.py").write_text(
        "def x_f__mutmut_orig(ax):\n" + BAR
        + "def x_f__mutmut_1(ax):\n" + BAR.replace("zorder=3", "zorder=4")
        + "def x_f__mutmut_2(ax):\n" + BAR.replace("y,", "None,"), encoding="utf-8")
    kinds = mutation.classify(["studyguide.m.x_f__mutmut_1", "studyguide.m.x_f__mutmut_2",
                               "studyguide.m.x_f__mutmut_9"], mutants_dir=tmp_path)
    assert kinds == {"studyguide.m.x_f__mutmut_1": "style-only",
                     "studyguide.m.x_f__mutmut_2": "other",
                     "studyguide.m.x_f__mutmut_9": "other"}  # unknown: never set aside


def test_score_counts_timeouts_as_killed_and_sets_aside_only_what_it_is_told():
    stats = {"killed": 70, "timeout": 10, "survived": 20, "no_tests": 50}
    assert mutation.score(stats, 0) == {"score_percent": 80.0,
                                        "score_without_set_aside_percent": 80.0,
                                        "score_counting_untested_percent": 80 / 150 * 100}
    assert mutation.score(stats, 20)["score_without_set_aside_percent"] == 100.0
    assert mutation.score({}, 0)["score_percent"] == 0.0
