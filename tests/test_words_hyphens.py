"""Line-end hyphens: the judge keeps compounds and joins words broken at the line end."""

from __future__ import annotations

import re

import pytest

from emendo.model import Page
from emendo.pipeline import repair_text
from emendo.words import LexiconHyphenJudge, WordsConfig, learn_profile
from emendo.words.hyphens import word_after_break, word_before_break

PLAIN = "A page of ordinary prose about the war and the peace that followed it."


def judge(*pages: str) -> LexiconHyphenJudge:
    profile = learn_profile([Page(i, text) for i, text in enumerate(pages or (PLAIN,))], WordsConfig())
    judge = profile.hyphen_judge()
    assert isinstance(judge, LexiconHyphenJudge)
    return judge


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Russo", "Japanese"),
        ("self", "government"),
        ("nineteenth", "century"),
        ("Japanese", "Polish"),
        ("mid", "1930s"),
        ("1904", "05"),
        ("well", "known"),  # no foreign word either
        ("sea", "power"),
        ("three", "fourths"),  # a rare word, but a word; and no lexicon knows the closed form
        ("sailing", "ship"),  # ``ship`` ends words (``friendship``) but is a noun too
        ("word", "catchers"),
    ],
)
def test_compounds_keep_their_hyphen(left: str, right: str) -> None:
    assert judge().judge(left, right).keep


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Muk", "den"),
        ("confronta", "tion"),
        ("ear", "lier"),
        ("approxi", "mately"),
        ("So", "viet"),
        ("ex", "press"),
        ("in", "terests"),
        ("news", "paperPravdato"),  # the rest of the word is glued to an italic name
        ("un", "critical"),  # a prefix wordfreq also lists as a word
        ("Unscrupulous", "ness,"),  # and a suffix
        ("regard", "ing"),
        ("Region", "ali,"),  # two English words whose closed form is a common Italian word
        ("Can", "zone"),
        ("spurious", "ness"),  # a suffix that is no noun, even where the lexicon lacks the word
        ("un", "classical"),
    ],
)
def test_words_broken_at_the_line_end_are_joined(left: str, right: str) -> None:
    assert not judge().judge(left, right).keep


def test_the_documents_own_spelling_decides() -> None:
    hyphenated = judge("It was to-day, not yesterday, and the well-known man came to-day.")
    assert hyphenated.judge("to", "day").keep
    closed = judge("The Mukden Incident; after Mukden the army moved.")
    verdict = closed.judge("Muk", "den")
    assert not verdict.keep and "Mukden" in verdict.reason


def test_other_forms_of_the_word_in_the_document_decide_where_the_exact_one_is_missing() -> None:
    old_style = judge("Two eye-witnesses spoke; the co-operation of the board was slow.")
    assert old_style.judge("eye", "witness").keep and old_style.judge("co", "operating").keep
    modern = judge("Two eyewitnesses spoke; the cooperation of the board was slow.")
    assert not modern.judge("eye", "witness").keep and not modern.judge("co", "operating").keep


def test_a_word_that_lost_a_ligature_is_judged_restored() -> None:
    damaged = re.sub(
        "ffi|ffl|ff|fi|fl",
        "",
        "The officials found it difficult; the first reports reflected the influence of the staff "
        "and the conflict filled the papers.",
    )
    verdict = judge(damaged).judge("testi", "ed.”³⁵In")
    assert not verdict.keep
    assert "testified" in verdict.reason


def test_parts_are_read_through_punctuation_markers_and_glue() -> None:
    assert word_before_break("(Russo") == "Russo"
    assert word_before_break("Russo-Japa") == "Japa"
    assert word_after_break("ed.”³⁵In") == "ed"
    assert word_after_break("paperPravdato") == "paper"
    assert word_after_break("“quoted") == "quoted"
    assert word_after_break("1930s") == ""


@pytest.mark.parametrize(
    ("left", "right", "keep"),
    [
        ("here", "after", False),  # two particles make a closed word
        ("where", "upon", False),
        ("hence", "forward", False),
        ("church", "men", False),  # -men is a suffix
        ("cxxvii", "clxvi", True),  # a range of roman numerals
        ("XIV", "XVI", True),
    ],
)
def test_particles_suffixes_and_roman_ranges_at_a_line_end(left: str, right: str, keep: bool) -> None:
    assert judge().judge(left, right).keep is keep


def test_a_word_broken_inside_a_foreign_passage_is_joined() -> None:
    """``late``/``bras`` are English words, but in a Latin sentence they are ``latebras``."""
    latin = judge().judge("late", "bras", "Nam quae omnia in suas ", " abdiderunt, ut nemo")
    assert not latin.keep and "not English" in latin.reason
    assert judge().judge("late", "bras").keep  # alone, the lexicon reads two words
    english = judge().judge("self", "government", "gave the provinces ", " in their own")
    assert english.keep


def test_layout_gives_the_judge_the_passage_around_the_break() -> None:
    latin = repair_text("Nam quae omnia in suas late-\nbras abdiderunt, ut nemo sciret.")
    english = repair_text("The reforms gave the provinces self-\ngovernment in their own affairs.")
    assert "latebras" in latin.blocks[0].text
    assert "self-government" in english.blocks[0].text
