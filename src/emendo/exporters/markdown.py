"""Markdown edition: pandoc footnotes, ``#`` headings, ``>`` quotes, page comments.

A marker whose note is on none of the pages read (an endnote) is written as a
raised number (``^12^``), not as a footnote reference with no footnote.

Page numbers stand as HTML comments where pages begin, inside a paragraph
when the paragraph runs across the page break, so the printed page of every
sentence stays citable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from emendo.model import Block, BlockType, Document, Note, Page, TrackedText

_SPECIAL = re.compile(r"([\\*_\[\]`<])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Escape characters Markdown would read as markup.

    >>> escape("a*b [c]")
    'a\\\\*b \\\\[c\\\\]'
    """
    return _SPECIAL.sub(r"\\\1", text)


def _escape_block_start(text: str) -> str:
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def page_name(page: Page) -> str:
    """How a page is named in comments: its printed number or label when known."""
    if page.number is not None:
        return f"page {page.number}"
    return f"page {page.label}" if page.label else f"input page {page.index + 1}"


def page_seams(content: TrackedText) -> Iterator[tuple[int, int]]:
    """(offset, page index) wherever the text moves on to another page."""
    offset = 0
    current: int | None = None
    for piece in content.pieces:
        if piece.text and piece.page != current:
            if current is not None:
                yield offset, piece.page
            current = piece.page
        offset += len(piece.text)


def note_labels(notes: list[Note]) -> list[str]:
    """Footnote labels, unique even where numbering restarts.

    >>> from emendo.model import TrackedText as T
    >>> note_labels([Note(1, T()), Note(2, T()), Note(1, T())])
    ['1', '2', '1-2']
    """
    seen: dict[int, int] = {}
    labels = []
    for note in notes:
        seen[note.number] = seen.get(note.number, 0) + 1
        count = seen[note.number]
        labels.append(str(note.number) if count == 1 else f"{note.number}-{count}")
    return labels


class _NoteIndex:
    """Finds the note a marker points to: same number, nearest page at or after."""

    def __init__(self, notes: list[Note], labels: list[str]) -> None:
        self._by_number: dict[int, list[tuple[int, str]]] = {}
        for note, label in zip(notes, labels, strict=True):
            first_page = note.pages[0] if note.pages else 0
            self._by_number.setdefault(note.number, []).append((first_page, label))

    def label(self, number: int, page: int) -> str | None:
        """The footnote label the marker points to; ``None`` when its note is on no page read (an endnote)."""
        candidates = self._by_number.get(number)
        if not candidates:
            return None
        later = [label for first, label in candidates if first >= page]
        return later[0] if later else candidates[-1][1]


def _inline(content: TrackedText, pages: dict[int, Page], notes: _NoteIndex | None) -> str:
    inserts: list[tuple[int, int, str]] = []  # (offset, order, text)
    for mark in content.marks:
        if mark.kind == "italic" and mark.end > mark.start:
            inserts.append((mark.start, 2, "*"))
            inserts.append((mark.end, 0, "*"))
        elif mark.kind == "note_ref" and notes is not None and isinstance(mark.value, int):
            label = notes.label(mark.value, content.page_before(mark.start) or 0)
            inserts.append((mark.start, 1, f"^{mark.value}^" if label is None else f"[^{label}]"))
    for offset, page in page_seams(content):
        inserts.append((offset, 3, f"<!-- {page_name(pages[page])} -->"))
    inserts.sort(key=lambda i: (i[0], i[1]))
    out: list[str] = []
    cursor = 0
    for offset, _, text in inserts:
        out.append(escape(content.text[cursor:offset]))
        out.append(text)
        cursor = offset
    out.append(escape(content.text[cursor:]))
    return "".join(out)


def _block(block: Block, pages: dict[int, Page], notes: _NoteIndex) -> str:
    body = _inline(block.content, pages, notes)
    if block.type is BlockType.HEADING:
        return "#" * min((block.level or 1) + 1, 6) + " " + body
    if block.type is BlockType.QUOTE:
        return "> " + body
    return _escape_block_start(body)


def document_to_markdown(document: Document) -> str:
    """The edition as Markdown (pandoc flavour).

    A note no marker points to (a page of endnotes read without its
    chapters) would be dropped by pandoc as a footnote, so it is written
    where it stands, among the blocks, as a numbered paragraph
    (``21\\. See the report``): the headings of its sections stay in order.
    """
    pages = {page.index: page for page in document.pages}
    labels = note_labels(document.notes)
    notes = _NoteIndex(document.notes, labels)
    pointed = _pointed_labels(document, notes)
    in_place = [note for note, label in zip(document.notes, labels, strict=True) if label not in pointed]
    parts: list[str] = []
    shown: set[int] = set()
    for item in _reading_order(document.blocks, in_place):
        first = item.pages[0] if item.pages else None
        if first is not None and first not in shown:
            parts.append(f"<!-- {page_name(pages[first])} -->")
        shown.update(item.pages)
        if isinstance(item, Note):
            parts.append(f"{item.number}\\. {_inline(item.content, pages, None)}")
        else:
            parts.append(_block(item, pages, notes))
    for note, label in zip(document.notes, labels, strict=True):
        if label in pointed:
            parts.append(f"[^{label}]: {_inline(note.content, pages, None)}")
    return "\n\n".join(parts) + "\n"


def _pointed_labels(document: Document, notes: _NoteIndex) -> set[str | None]:
    """The labels of the notes some marker of the body points to."""
    return {
        notes.label(ref.number, block.content.page_before(ref.offset) or 0)
        for block in document.blocks
        for ref in block.note_refs
    }


def _reading_order(blocks: list[Block], notes: list[Note]) -> list[Block | Note]:
    """Blocks and notes merged by the page line each begins on; both lists are in order already."""
    merged: list[Block | Note] = []
    waiting = list(reversed(notes))
    for block in blocks:
        while waiting and block.lines and waiting[-1].lines and waiting[-1].lines[0] < block.lines[0]:
            merged.append(waiting.pop())
        merged.append(block)
    merged.extend(reversed(waiting))
    return merged


def document_to_text(document: Document) -> str:
    """Plain text: the body, one block a paragraph, then the notes its markers point to.

    Notes no marker points to (a page of endnotes) stand where they are, as
    in Markdown.
    """
    labels = note_labels(document.notes)
    pointed = _pointed_labels(document, _NoteIndex(document.notes, labels))
    placed = [(note, label in pointed) for note, label in zip(document.notes, labels, strict=True)]
    in_place = [note for note, at_foot in placed if not at_foot]
    parts = [
        f"{item.number}. {item.text}" if isinstance(item, Note) else item.text
        for item in _reading_order(document.blocks, in_place)
    ]
    if len(in_place) < len(document.notes):
        parts.append("Notes")
        parts.extend(f"{note.number}. {note.text}" for note, at_foot in placed if at_foot)
    return "\n\n".join(parts) + "\n"
