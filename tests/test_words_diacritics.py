"""Displaced accents go back on their letters; the rule is one rule, not one per word."""

from __future__ import annotations

import unicodedata

import pytest

from emendo.words.diacritics import can_carry, place_marks, reattach_diacritics

MACRON = "\u0304"


def fixed(text: str) -> str:
    out = text
    for edit in sorted(reattach_diacritics(text).edits, key=lambda e: -e.start):
        out = out[: edit.start] + edit.after + out[edit.end :]
    return out


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        (f"Zenm {MACRON}o ga kuru", "Zenmō ga kuru"),  # the mark before its letter
        (f"Toky {MACRON} {MACRON}o e iku", "Tōkyō e iku"),  # marks gathered before the last letter
        (
            f"sono supaimo.\u201d {MACRON} Next",
            "sono supaimō.\u201d Next",
        ),  # stranded after the punctuation
        (f"Ky {MACRON}usy {MACRON}u", "Kyūsyū"),  # one mark for each letter
        ("Espa \u0303na", "España"),  # a mark that sits on consonants
        ("Ko \u0301sciuszko", "Kościuszko"),
        ("To\u0304kyo", "Tōkyo"),  # decomposed, in place: composed (NFC)
        (f"Zenm{MACRON}o", "Zenmō"),  # glued to a letter that cannot carry it
    ],
)
def test_combining_marks_go_back_on_their_letter(damaged: str, repaired: str) -> None:
    assert fixed(damaged) == repaired
    assert unicodedata.is_normalized("NFC", fixed(damaged))


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("G\u00a8 odel", "Gödel"),
        ("Poincar\u00b4 e", "Poincaré"),
        ("Erd\u02dd os", "Erdős"),
        ("Zenm \u00afo", "Zenmō"),
        ("Universit\u00a8at", "Universität"),
        ("na\u00a8\u0131ve", "naïve"),  # TeX accents a dotless i
        ("Lo\u00a8\u0131c and the \u00b4\u0131", "Loïc and the í"),
        ("the \u00b4etude of the \u00a8o", "the étude of the ö"),  # a space before the accent ends a word
        ("Poincar \u00b4e", "Poincaré"),  # unless what stands before it is no word
    ],
)
def test_spacing_accents_become_the_marks_they_stand_for(damaged: str, repaired: str) -> None:
    assert fixed(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "don\u00b4t stop",  # a stand-in apostrophe
        "the `quoted' word",  # a TeX quote
        "Tōkyō and émigré",  # already right
        f"{MACRON} 1932",  # no word for it
        f"Zenmo {MACRON}{MACRON}{MACRON} x",  # more marks than vowels: left alone
    ],
)
def test_what_is_not_displaced_stays(text: str) -> None:
    assert fixed(text) == text


def test_marks_are_placed_right_to_left_over_the_letters_that_can_carry_them() -> None:
    assert place_marks("Tokyo", MACRON * 2, 4) == "Tōkyō"
    assert place_marks("Tokyo", MACRON, 4) == "Tokyō"
    assert place_marks("supaimo", MACRON, 7) == "supaimō"
    assert place_marks("tsk", MACRON, 1) is None


def test_vowel_marks_go_on_vowels_only() -> None:
    assert can_carry("o", MACRON) and not can_carry("y", MACRON) and not can_carry("m", MACRON)
    assert can_carry("s", "\u030c") and can_carry("n", "\u0303")


def test_an_acute_sits_on_the_consonants_european_spelling_gives_it_only() -> None:
    # Unicode composes p + acute (ṕ), which no language writes: the regression of ``Dépêches``.
    assert can_carry("s", "\u0301") and can_carry("n", "\u0301") and not can_carry("p", "\u0301")
    assert place_marks("Depeches", "\u0301\u0302", 3) == "Dépêches"


def test_each_displaced_run_is_one_recorded_edit() -> None:
    edits = reattach_diacritics(f"Toky {MACRON} {MACRON}o").edits
    assert [(e.start, e.after, e.kind) for e in edits] == [(1, "ōkyō", "diacritic")]
