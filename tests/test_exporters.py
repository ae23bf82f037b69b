"""Exporters on a hand-built document: Markdown golden output, JSON rebuild, explain."""

from __future__ import annotations

from pathlib import Path

import jsonschema

from emendo.exporters.explain import explain
from emendo.exporters.json import document_to_dict, rebuild_from_json, schema
from emendo.exporters.markdown import document_to_markdown, document_to_text
from emendo.model import (
    Block,
    BlockType,
    Document,
    Edit,
    Mark,
    Note,
    Page,
    RemovedLine,
    TrackedText,
    rebuild_pages,
)

PAGE_0 = "Head Ë 9\nA *star* rose.¹ It fell on the-\n1 A note.\n"
PAGE_1 = "10 Ë Head\nnewspaperTimesbelow.\n"


def _document() -> Document:
    pages = [Page(0, PAGE_0, number=9, running_head="Head"), Page(1, PAGE_1, number=10, running_head="Head")]
    pages[0].removed.append(RemovedLine(0, 0, "Head Ë 9\n", "Head Ë 9", "running-head"))
    pages[1].removed.append(RemovedLine(1, 0, "10 Ë Head\n", "10 Ë Head", "running-head"))
    body = TrackedText.concat(
        [
            TrackedText.verbatim(0, 9, "A *star* rose.¹ It fell on the"),
            TrackedText.replaced(0, 39, "-\n", "", "hyphen-join", "word broken at line end"),
            TrackedText.verbatim(1, 10, "newspaperTimesbelow."),
            TrackedText.replaced(1, 30, "\n", "", "layout", "end of page"),
        ]
    )
    body = body.with_marks([Mark(14, 14, "note_ref", 1)]).edit(
        [Edit(14, 15, "", "note-marker", "superscript marker")]
    )
    body = body.edit(
        [
            Edit(38, 38, " ", "lost-space", "italic boundary"),
            Edit(43, 43, " ", "lost-space", "italic boundary"),
        ]
    ).with_marks([Mark(39, 44, "italic")])
    note = TrackedText.concat(
        [
            TrackedText.replaced(0, 41, "1 ", "", "note-number", "note number"),
            TrackedText.verbatim(0, 43, "A note."),
        ]
    )
    note = TrackedText.concat([note, TrackedText.replaced(0, 50, "\n", "", "layout", "end of page")])
    blocks = [Block(BlockType.PARAGRAPH, body, fragment_end=True)]
    return Document(pages, blocks, [Note(1, note)])


def test_the_hand_built_document_is_consistent() -> None:
    document = _document()
    assert document.blocks[0].text == "A *star* rose. It fell on thenewspaper Times below."
    assert rebuild_pages(document) == [PAGE_0, PAGE_1]


def test_markdown_golden() -> None:
    assert document_to_markdown(_document()) == (
        "<!-- page 9 -->\n\n"
        "A \\*star\\* rose.[^1] It fell on the<!-- page 10 -->newspaper *Times* below.\n\n"
        "[^1]: A note.\n"
    )


def test_markdown_names_a_page_by_its_roman_label_when_it_has_no_number() -> None:
    from emendo.exporters.markdown import page_name

    assert page_name(Page(0, "", number=None, label="xiv")) == "page xiv"
    assert page_name(Page(3, "", number=None)) == "input page 4"
    assert page_name(Page(3, "", number=12, label="xii")) == "page 12"


def test_text_export() -> None:
    assert document_to_text(_document()) == (
        "A *star* rose. It fell on thenewspaper Times below.\n\nNotes\n\n1. A note.\n"
    )


def test_json_is_valid_and_rebuilds_pages() -> None:
    edition = document_to_dict(_document())
    jsonschema.validate(edition, schema())
    assert edition["blocks"][0]["note_refs"] == [{"number": 1, "offset": 14}]
    assert edition["blocks"][0]["pages"] == [0, 1]
    assert rebuild_from_json(edition) == [PAGE_0, PAGE_1]


def test_explain_shows_invisible_characters() -> None:
    table = explain(_document())
    assert "-⏎" in table
    assert "hyphen-join" in table
    assert table.splitlines()[-1] == "7 repairs applied, 0 held back"


def test_a_marker_whose_note_is_on_no_page_read_is_a_raised_number_in_markdown() -> None:
    from emendo.pipeline import repair_pages
    from emendo.readers import pages_from_texts

    page = "The board met in the spring,¹² and the engineers spoke. The chairman called them poets.¹³\n"
    markdown = document_to_markdown(repair_pages(pages_from_texts([page])))
    assert "spring,^12^ and" in markdown and "poets.^13^" in markdown and "[^" not in markdown


def test_notes_no_marker_points_to_stand_in_reading_order_in_markdown_and_text() -> None:
    """pandoc drops a footnote nothing refers to: a page of endnotes keeps its notes as paragraphs."""
    from emendo.pipeline import repair_pages
    from emendo.readers import pages_from_texts
    from emendo.readers.text import split_pages

    fixture = Path(__file__).parent / "fixtures" / "layout" / "grain-endnote-sections.txt"
    body = "The board met in the spring.¹ The engineers spoke first and at length.²\n"
    notes = "1 Minutes, 4 March 1878.\n2 Report of the Engineers, 3.\n"
    pages = [*split_pages(fixture.read_text(encoding="utf-8")), body + notes]
    document = repair_pages(pages_from_texts(pages))
    markdown = document_to_markdown(document)
    order = [
        "21\\. See the report",
        "23\\. Maria",
        "## Chapter 2.",
        "1\\. On the magistracy",
        "## Chapter 3.",
    ]
    places = [markdown.index(text) for text in order]
    assert places == sorted(places)
    assert "spring.[^1-4]" in markdown and "[^1-4]: Minutes, 4 March 1878." in markdown
    assert "[^1]:" not in markdown and "[^21]:" not in markdown
    text = document_to_text(document)
    order = ["21. See the report", "23. Maria", "Chapter 2.", "1. On the magistracy", "Notes\n\n1. Minutes"]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
