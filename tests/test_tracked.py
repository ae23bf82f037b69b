"""TrackedText: edits keep every original character accounted for."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.model import Edit, Mark, TrackedText


def _edits(text_len: int) -> st.SearchStrategy[list[Edit]]:
    def build(cuts: list[int], afters: list[str]) -> list[Edit]:
        points = sorted(set(cuts))
        edits: list[Edit] = []
        for (a, b), after in zip(zip(points[::2], points[1::2], strict=False), afters, strict=False):
            edits.append(Edit(a, b, after, "test", "generated"))
        return edits

    return st.builds(
        build,
        st.lists(st.integers(0, text_len), max_size=8),
        st.lists(st.text("xyz", max_size=3), min_size=4, max_size=4),
    )


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, TrackedText]:
    original = draw(st.text("abcde\n-", min_size=1, max_size=40))
    text = TrackedText.verbatim(0, 0, original)
    for _ in range(draw(st.integers(1, 4))):
        text = text.edit(draw(_edits(len(text.text))))
    return original, text


@settings(max_examples=300)
@given(edited())
def test_source_of_pieces_is_the_original(case: tuple[str, TrackedText]) -> None:
    original, text = case
    assert text.source() == original
    position = 0
    for piece in text.pieces:
        assert piece.start == position
        assert original[piece.start : piece.end] == piece.source
        if piece.repair is None:
            assert piece.text == piece.source
        else:
            assert (piece.repair.before, piece.repair.after) == (piece.source, piece.text)
        position = piece.end


def test_edit_inside_a_repair_swallows_it() -> None:
    text = TrackedText.verbatim(0, 0, "in-\nuence")
    text = text.edit([Edit(2, 4, "", "hyphen", "line break")])
    assert text.text == "inuence"
    text = text.edit([Edit(1, 3, "nflu", "ligature", "lost fl")])
    assert text.text == "influence"
    assert text.source() == "in-\nuence"
    assert [r.before for r in text.repairs()] == ["n-\nu"]


def test_marks_follow_edits() -> None:
    text = TrackedText.verbatim(0, 0, "paperPravdato").with_marks([Mark(5, 11, "italic")])
    text = text.edit([Edit(5, 5, " ", "space", "italic"), Edit(11, 11, " ", "space", "italic")])
    (italic,) = text.marks_of("italic")
    assert text.text[italic.start : italic.end] == "Pravda"


def test_zero_width_mark_stays_before_insertion() -> None:
    text = TrackedText.verbatim(0, 0, "ble.³Five").with_marks([Mark(4, 4, "note_ref", 3)])
    text = text.edit([Edit(4, 5, "", "note-marker", "superscript")])
    text = text.edit([Edit(4, 4, " ", "space", "after marker")])
    assert text.text == "ble. Five"
    assert text.marks_of("note_ref")[0].start == 4


def test_edit_across_pages_is_split_per_page() -> None:
    text = TrackedText.concat([TrackedText.verbatim(0, 10, "ab"), TrackedText.verbatim(1, 0, "cd")])
    text = text.edit([Edit(1, 3, "X", "test", "crossing")])
    assert text.text == "aXd"
    assert [(r.page, r.before, r.after) for r in text.repairs()] == [(0, "b", "X"), (1, "c", "")]


@pytest.mark.parametrize(("start", "end"), [(3, 1), (-1, 2), (2, 9)])
def test_edit_outside_the_text_is_refused(start: int, end: int) -> None:
    """Regression: an edit ending before it starts made ``edit`` loop forever."""
    text = TrackedText.verbatim(0, 0, "abcd")
    with pytest.raises(ValueError, match="does not fit"):
        text.edit([Edit(start, end, "x", "test", "bad span")])
