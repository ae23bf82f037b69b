"""Stray spaces inside words: taken out where one side is no word, never between two words."""

from __future__ import annotations

import pytest

from emendo.model import Page, TrackedText
from emendo.words import REPAIRS, WordsConfig, learn_profile, repair_text
from emendo.words.splits import shows_stray_spaces

BOOK = (
    "The harbour board met in the spring. The engineers wanted granite from the moor; the board "
    "wanted the cheaper stone from the quarry on the headland, which one of its members owned."
)
#: A page of the same book as an extractor that splits words gives it.
SPLIT_PAGE = "The engi neers wanted granite; the board want ed the cheaper stone."


def repaired(text: str, *document: str) -> str:
    """``text`` after every word repair, in a document of ``document`` and ``text``."""
    config = WordsConfig()
    pages = [Page(i, page) for i, page in enumerate((*(document or (BOOK, SPLIT_PAGE)), text))]
    profile = learn_profile(pages, config)
    profile.stray_spaces = shows_stray_spaces([page.original for page in pages], profile)  # as repair_words
    content = TrackedText.verbatim(len(pages) - 1, 0, text)
    return repair_text(content, list(REPAIRS.values()), profile, config, []).text


@pytest.mark.parametrize(
    ("split", "whole"),
    [
        ("The gov ernment in London took no side.", "The government in London took no side."),
        ("The Admiralty threat ened to withdraw.", "The Admiralty threatened to withdraw."),
        ("They gave up the plan alto gether.", "They gave up the plan altogether."),
        ("The rebels overth rew the council.", "The rebels overthrew the council."),  # two halves
        ("The stone was enter ed in the accounts.", "The stone was entered in the accounts."),
        ("CHAPTER IV. THE BA TTLES OF 1652", "CHAPTER IV. THE BATTLES OF 1652"),  # capitals
    ],
)
def test_a_word_split_by_a_stray_space_is_made_whole(split: str, whole: str) -> None:
    assert repaired(split) == whole


@pytest.mark.parametrize(
    "text",
    [
        "Their own ware houses stood above the bridge.",  # two words that make a third
        "She was a ward of the court and a lone voice in it.",  # phrases of a function word
        "He went a round of the docks and came back in to the office.",
        "Last ed. by the editor in 1872, vol. 2.",  # an abbreviation
        "As the chronicle says, disse che da li venne la gente.",  # a foreign phrase
    ],
)
def test_words_that_stand_apart_stay_apart(text: str) -> None:
    assert repaired(text) == text


def test_one_split_pair_alone_is_no_evidence() -> None:
    """``a rm`` may be ``a firm`` that lost its ``fi``: a document must show two split words."""
    assert repaired("The navy stood on a rm ground.", BOOK) == "The navy stood on a rm ground."
    assert repaired("The navy stood on a rm ground.") == "The navy stood on arm ground."


def test_a_ligature_lost_as_a_space_is_the_ligature_repair_s() -> None:
    """``di er`` joined plainly would be the rare ``dier``; its lost ``ff`` makes ``differ``."""
    document = "The o cials were con dent that the signi cant e ort would su ce and the rst eld."
    assert repaired("The views di er on the point.", document) == "The views differ on the point."


#: A page that writes whole the words the split pages below run together.
WHOLE_WORDS = (
    "Thomas took an interest in the matter, and he said in the meantime that the board could not "
    "withdraw into silence; maybe the quay around the harbour would heat in the sun."
)


@pytest.mark.parametrize(
    ("split", "whole"),
    [
        ("Their inter est in the mat ter grew.", "Their interest in the matter grew."),
        ("As Tho mas said, the board met.", "As Thomas said, the board met."),
    ],
)
def test_two_words_are_one_the_document_writes_whole_and_books_never_set_apart(
    split: str, whole: str
) -> None:
    assert repaired(split, BOOK, SPLIT_PAGE, WHOLE_WORDS) == whole


@pytest.mark.parametrize(
    "text",
    [
        "He went a round of the docks, and then in to the office.",  # pairs books use
        "It may be that he at once saw it.",  # a pair of its own, and two function words
    ],
)
def test_two_words_that_books_set_side_by_side_stay_apart(text: str) -> None:
    assert repaired(text, BOOK, SPLIT_PAGE, WHOLE_WORDS) == text


def test_two_words_make_a_common_word_the_document_never_writes_whole() -> None:
    assert repaired("His fri end rode on.") == "His friend rode on."


def test_two_words_stay_apart_where_the_document_shows_no_split_words() -> None:
    assert repaired("Their inter est grew.", BOOK, WHOLE_WORDS) == "Their inter est grew."


def test_a_half_word_joins_the_neighbour_that_leaves_no_fragment() -> None:
    """``ta`` could make ``Theta`` with the word before it; ``ctical`` is no word, so ``tactical``."""
    assert repaired("The ta ctical lesson was plain.") == "The tactical lesson was plain."


def test_half_of_a_split_word_is_not_cut_as_words_glued_together() -> None:
    """``ourable`` is half of ``honourable``, not ``our`` glued to ``able``."""
    assert repaired("The hon ourable member rose.") == "The honourable member rose."


def test_a_letter_left_by_a_lost_ligature_is_not_joined_to_its_neighbour() -> None:
    """``a t`` was ``a fit`` where the document lost its ligatures, not ``at``."""
    document = "The rst eld and the nal gures show a t of anger; the at roof leaked, at last."
    assert repaired("He found a t place for it.", document, SPLIT_PAGE) == "He found a fit place for it."
