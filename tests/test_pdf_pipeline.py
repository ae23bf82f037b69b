"""emendo's PDF path end to end: a real PDF book in, a structured edition out.

The three-page book drawn by ``tests/fixtures/make_pdf.py`` carries running
heads with the page number first and last, footnotes with raised markers,
italic titles and words hyphenated at line ends; the edition must show the
pages' numbers and heads as metadata, the notes linked to their markers, the
titles marked as italics and the words whole.
"""

from __future__ import annotations

import pytest

from emendo.model import BlockType, Document, Page, rebuild_pages
from emendo.pipeline import repair_pages
from emendo.readers.pdf import read_pdf

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")
make_pdf = pytest.importorskip("fixtures.make_pdf")  # draws with reportlab


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    path = make_pdf.write_book(tmp_path_factory.mktemp("pdf") / "book.pdf")
    return read_pdf(str(path))


@pytest.fixture(scope="module")
def edition(pdf_pages: list[Page]) -> Document:
    return repair_pages(pdf_pages)


def body(edition: Document) -> str:
    return "\n".join(block.text for block in edition.blocks)


def test_nothing_is_lost(edition: Document, pdf_pages: list[Page]) -> None:
    assert rebuild_pages(edition) == [page.original for page in pdf_pages]


def test_page_numbers_and_running_heads_become_metadata(edition: Document) -> None:
    assert [page.number for page in edition.pages] == [int(label) for label in make_pdf.LABELS]
    assert [page.running_head for page in edition.pages] == list(make_pdf.RUNNING_HEADS)
    assert [page.label for page in edition.pages] == list(make_pdf.LABELS)
    text = body(edition)
    assert make_pdf.BOOK_TITLE not in text and make_pdf.CHAPTER_TITLE not in text


def test_notes_are_split_and_linked_to_their_markers(edition: Document) -> None:
    assert [note.number for note in edition.notes] == [3, 4, 5, 6]
    assert [ref.number for block in edition.blocks for ref in block.note_refs] == [3, 4, 5, 6]
    notes = {note.number: note.text for note in edition.notes}
    assert (
        notes[4] == "Arnold Pell, Reports from the Northern Stations (Leith: Board of Lights, 1882), 14–16."
    )
    assert notes[5] == "Pell, Reports, 31."
    text = body(edition)
    assert "Harbour Board, Minutes" not in text
    assert not any(ch in text for ch in "³⁴⁵⁶")


def test_words_broken_at_line_ends_are_joined(edition: Document) -> None:
    text = body(edition)
    for word in ("countersigned", "letters", "complained", "scattered", "assumed", "explanation", "fourteen"):
        assert word in text
    assert "coun-" not in text


def test_blocks_follow_the_book(edition: Document) -> None:
    kinds = [block.type for block in edition.blocks]
    assert kinds == [
        BlockType.PARAGRAPH,
        BlockType.PARAGRAPH,
        BlockType.HEADING,
        BlockType.PARAGRAPH,
        BlockType.PARAGRAPH,
    ]
    heading = edition.blocks[2]
    assert (heading.text, heading.level) == ("2.1 The Keepers’ Families", 2)
    crossing = edition.blocks[1]
    assert crossing.pages == (0, 1)
    assert "the storeroom door. Pell’s second report" in crossing.text
    assert edition.blocks[0].text.startswith("The harbour board kept two kinds of record.")
    assert not any(block.fragment_start or block.fragment_end for block in edition.blocks)


def test_italic_titles_are_marked_in_the_edition(edition: Document) -> None:
    marked = [
        text.text[mark.start : mark.end] for text in edition.texts() for mark in text.marks_of("italic")
    ]
    for title in make_pdf.ITALIC_TITLES:
        assert title in marked
    assert "Maritime Gazette" in body(edition)
