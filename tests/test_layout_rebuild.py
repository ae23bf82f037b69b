"""Layout loses nothing: every page's original comes back exactly, whatever the input.

Generated documents have what real ones have (site titles, watermarks,
running heads in either order, page numbers, notes with markers, hyphens and
dashes at line ends, the blank-line style, stray spaces, CRLF, no final
newline) and what no book has (arbitrary characters).
"""

from __future__ import annotations

from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.layout import CaseHyphenJudge, LayoutConfig, analyse_layout
from emendo.model import Document, Page, rebuild_pages

KINDS = {"line-join", "hyphen-join", "compound-hyphen", "note-marker", "note-number", "layout", "spacing"}
WORDS = [
    "the",
    "harbour",
    "Board",
    "wall",
    "stone",
    "met",
    "in",
    "1871",
    "storm",
    "engi-",
    "“quay”",
    "it.",
    "so—",
]
MARKERS = ["", "", "", "¹", "²³", "⁴", ".5", "”6"]
ENDINGS = ["", "", "-", ".", "—", "  ", "\t"]
HEADS = [
    "Harbour Works Ë 211",
    "212 | Harbour Works",
    "Harbour Works\u2003213",
    "214",
    "The Works 215",
    "- 9 -",
]
FURNITURE = ["Free download pdf", "(WallPaper) #2", "Ports of the Inland Sea", "Scan 4", ""]
GAPS = {False: ["", "", " ", "\n", "\n\n"], True: ["\n\n", "\n\n", "\n", ""]}


def _words(rng: Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))


def _page(seed: int, size: int, notes: int, spaced: bool, crlf: bool, final_newline: bool) -> str:
    """One page: furniture, body and notes, in plain or spaced style, with stray whitespace.

    Drawing a seed and a few sizes (rather than every character) keeps
    generation cheap; hypothesis still shrinks the sizes and the seed.
    """
    rng = Random(seed)
    top = [rng.choice(FURNITURE) for _ in range(rng.randint(0, 2))] + [rng.choice(HEADS)] * rng.randint(0, 1)
    body = [_words(rng) + rng.choice(MARKERS) + rng.choice(ENDINGS) for _ in range(size)]
    note_lines = [f"{rng.randint(1, 40)}{rng.choice([' ', '. ', ''])}{_words(rng)}" for _ in range(notes)]
    foot = [rng.choice(FURNITURE + HEADS) for _ in range(rng.randint(0, 2))]
    newline = "\r\n" if crlf else "\n"
    text = rng.choice(["", "\n", "  "])
    for line in [*top, *body, *note_lines, *foot]:
        text += line + newline + rng.choice(GAPS[spaced]).replace("\n", newline)
    return text if final_newline else text.rstrip("\r\n")


page_text = st.builds(
    _page,
    st.integers(0, 2**32),
    st.integers(0, 14),
    st.integers(0, 4),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
documents = st.lists(page_text, min_size=1, max_size=4)
noise = st.lists(st.text(alphabet="aB1² \n\r\t-.—”|Ë\u2003", max_size=60), min_size=1, max_size=3)


def _check(texts: list[str]) -> Document:
    pages = [Page(n, text) for n, text in enumerate(texts)]
    document = analyse_layout(pages, LayoutConfig(), CaseHyphenJudge())
    assert rebuild_pages(document) == texts
    for page in document.pages:
        for line in page.lines:
            assert page.original[line.start : line.end] == line.text and line.text.strip()
        for removed in page.removed:
            assert page.original[removed.start : removed.end] == removed.source
    for text in document.texts():
        assert "\n" not in text.text and "\r" not in text.text
        assert {repair.kind for repair in text.repairs()} <= KINDS
        assert all(0 <= mark.start <= len(text.text) for mark in text.marks)
        # each page's share of a text ends in a repair: the JSON edition places text by its repairs
        for piece, after in zip(text.pieces, [*text.pieces[1:], None], strict=True):
            if after is None or after.page != piece.page:
                assert piece.repair is not None
    return document


@settings(max_examples=150, deadline=None)
@given(documents)
def test_documents_rebuild_exactly(texts: list[str]) -> None:
    _check(texts)


@settings(max_examples=150, deadline=None)
@given(noise)
def test_arbitrary_text_rebuilds_exactly(texts: list[str]) -> None:
    _check(texts)


@settings(max_examples=30, deadline=None)
@given(documents)
def test_layout_is_deterministic(texts: list[str]) -> None:
    first, second = _check(texts), _check(texts)
    assert [block.content for block in first.blocks] == [block.content for block in second.blocks]
    assert [note.content for note in first.notes] == [note.content for note in second.notes]


def test_spaces_around_a_coded_line_are_all_whitespace_but_the_glyph_codes() -> None:
    """The literal list of spaces stripped from a line of a page with glyph codes is complete."""
    from emendo.layout.lines import _SPACES, GLYPH_STAND_INS

    whitespace = "".join(c for c in map(chr, range(0x110000)) if c.isspace() and c not in GLYPH_STAND_INS)
    assert whitespace == _SPACES
