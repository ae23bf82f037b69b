"""Letter-spaced words closed up: headings, small capitals, spaced emphasis."""

from __future__ import annotations

import pytest

from emendo.model import Page, TrackedText
from emendo.words import REPAIRS, WordsConfig, learn_profile, repair_text

# Prose written for these tests: the document around the spaced words.
PLAIN = (
    "The delegates met at Riga in the spring, and the talks went on for weeks. "
    "Nothing was decided in the first round; the second moved to Moscow."
)


def repaired(text: str) -> TrackedText:
    config = WordsConfig()
    profile = learn_profile([Page(0, PLAIN), Page(1, text)], config)
    return repair_text(TrackedText.verbatim(1, 0, text), list(REPAIRS.values()), profile, config, [])


@pytest.mark.parametrize(
    ("spaced", "closed"),
    [
        ("C H A P T E R T H R E E", "CHAPTER THREE"),  # the double space between words was made one
        ("T h e Q u e s t i o n of the Baltic", "The Question of the Baltic"),
        ("it was v e r y important", "it was very important"),
        ("(S E E A P P E N D I X)", "(SEE APPENDIX)"),
    ],
)
def test_letter_spaced_words_are_closed_up_into_the_words_the_lexicon_finds(spaced: str, closed: str) -> None:
    out = repaired(spaced)
    assert out.text == closed
    assert out.source() == spaced  # every removed space is a recorded repair


@pytest.mark.parametrize(
    "text",
    [
        "the items a b c d in turn",  # letters in alphabetical order are a list
        "the axes x y z meet",
        "the points P Q R S and J Q X Z",  # letters that make no word
        "a I a",  # too few letters for a word
    ],
)
def test_letters_that_make_no_words_stay_apart(text: str) -> None:
    assert repaired(text).text == text


def test_a_letter_spaced_heading_is_no_drop_capital() -> None:
    """Regression: ``C H A P T E R`` once lost only its first space, as a drop capital (``CH A P``)."""
    assert repaired("C H A P T E R T H R E E").text.startswith("CHAPTER")
