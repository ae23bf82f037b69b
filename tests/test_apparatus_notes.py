"""Cutting notes into signals, references and commentary (emendo.apparatus.notes)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.apparatus.notes import PartKind, is_commentary, sentences, split_note


def kinds_and_texts(note: str) -> list[tuple[str, str]]:
    return [(p.kind.value, p.text) for p in split_note(note)]


def test_reference_commentary_and_signal_with_topic_lead_in() -> None:
    note = (
        "See Mara Quist, “Border Guards and Their Files,” Journal of Frontier Studies 12, no. 3 "
        "(May 2004), 55. The guards kept their own copies of every report. Both sets survive in part. "
        "On the second set, see, for example, Archiwum Akt Nowych (hereafter AAN), Warsaw, Poland, 2/11/0/4."
    )
    assert kinds_and_texts(note) == [
        ("signal", "See"),
        (
            "reference",
            "Mara Quist, “Border Guards and Their Files,” Journal of Frontier Studies 12, no. 3 "
            "(May 2004), 55.",
        ),
        ("commentary", "The guards kept their own copies of every report. Both sets survive in part."),
        ("signal", "On the second set, see, for example,"),
        ("reference", "Archiwum Akt Nowych (hereafter AAN), Warsaw, Poland, 2/11/0/4."),
    ]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Ibid., 45; see also Roe, Hills, 9.",
            [("reference", "Ibid., 45"), ("signal", "see also"), ("reference", "Roe, Hills, 9.")],
        ),
        (
            "Lee, Rivers, 4. Roe, Hills, 9.",
            [("reference", "Lee, Rivers, 4."), ("reference", "Roe, Hills, 9.")],
        ),
        (
            "Lee, Rivers, 4, cf. Roe, Hills, 9.",
            [("reference", "Lee, Rivers, 4"), ("signal", "cf."), ("reference", "Roe, Hills, 9.")],
        ),
        ("Cf. Lee, Rivers, 4.", [("signal", "Cf."), ("reference", "Lee, Rivers, 4.")]),
        ("Quoted in Lee, Rivers, 5.", [("signal", "Quoted in"), ("reference", "Lee, Rivers, 5.")]),
        ("Emphasis added.", [("commentary", "Emphasis added.")]),
        # semicolons inside parentheses do not cut a reference
        (
            "Lee, Rivers (Oxford; Paris: Clio, 1990), 4.",
            [("reference", "Lee, Rivers (Oxford; Paris: Clio, 1990), 4.")],
        ),
    ],
)
def test_several_references_and_signals(note: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(note) == expected


def test_a_title_with_periods_stays_one_reference() -> None:
    note = "Pisma i dokumenty. Tom pierwszy. 1920–1925 gg. (Warsaw: Ossolineum, 1999), 7."
    assert kinds_and_texts(note) == [("reference", note)]


def test_a_quoted_title_and_its_journal_stay_together() -> None:
    note = "“Vesti s granitsy.” Vechernii listok (morning edition) 9 March 1931, 2."
    assert kinds_and_texts(note) == [("reference", note)]


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Lee, Rivers, vol. 2, no. 4, 5. The letter, sent by J. Smith, was lost."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Lee, Rivers, vol. 2, no. 4, 5.",
        "The letter, sent by J. Smith, was lost.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ann Lee, The river and the sea in the north (Oxford: Clio, 1990), 4.",
        "“On the state of the roads in the provinces.” Gazette, 4 May 1901, 2.",
        "Central Archive, f. 17, op. 3, d. 45.",
        "Ibid.",
    ],
)
def test_references_are_not_commentary(sentence: str) -> None:
    assert not is_commentary(sentence)


def test_running_prose_is_commentary() -> None:
    assert is_commentary("The ministry destroyed most of its files when the war began.")


note_text = st.lists(
    st.sampled_from([*'abcXYZ .,;:()“”"0123456789', "see also ", "Ibid. ", "See ", "cf. ", " (hereafter X)"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(note_text)
def test_parts_are_ordered_disjoint_spans_of_the_note(note: str) -> None:
    parts = split_note(note)
    cursor = 0
    for part in parts:
        assert part.text == note[part.start : part.end]
        assert cursor <= part.start < part.end <= len(note)
        assert part.text == part.text.strip()
        cursor = part.end
    signals_followed = all(
        parts[n + 1].kind is PartKind.REFERENCE for n, p in enumerate(parts) if p.kind is PartKind.SIGNAL
    )
    assert signals_followed
    # nothing but separators is left out
    covered = set().union(*(range(p.start, p.end) for p in parts)) if parts else set()
    assert all(note[i] in " ;,." for i in range(len(note)) if i not in covered)
