"""The typed document model every part of emendo reads and writes.

A :class:`Document` is a run of :class:`Page` objects (each keeping its original
text) and the edition built from them: :class:`Block` objects for the body and
:class:`Note` objects for the footnotes, both made of :class:`TrackedText`.
What layout takes out of the text (running heads, watermarks) is kept on its
page as :class:`RemovedLine` objects with a reason.  Together they rebuild the
original exactly (:func:`rebuild_pages`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from emendo.model.tracked import Mark, Piece, Repair, TrackedText


class BlockType(StrEnum):
    """What a body block is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page's original text, without its line terminator."""

    page: int
    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """Page furniture taken out of the text, kept with why.

    ``source`` is the exact original span (the line with its terminator and any
    blank lines that go with it); ``text`` is the line as a reader sees it.
    """

    page: int
    start: int
    source: str
    text: str
    reason: str

    @property
    def end(self) -> int:
        return self.start + len(self.source)


@dataclass(slots=True)
class Page:
    """One page of the input: its original text and what layout learned of it.

    ``italics`` holds spans of ``original`` that the reader knows were set in
    italics (a PDF's fonts tell); text input leaves it empty and the word
    layer infers italics from the damage instead.  ``label`` is the page label
    a PDF declares (``xii``), when it declares one.
    """

    index: int
    original: str
    origin: str = ""
    number: int | None = None
    label: str | None = None
    running_head: str | None = None
    italics: list[tuple[int, int]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote marker taken out of a block, at ``offset`` in its text."""

    number: int
    offset: int


@dataclass(slots=True)
class Block:
    """A paragraph, heading or block quote of the body."""

    type: BlockType
    content: TrackedText
    level: int | None = None
    fragment_start: bool = False
    fragment_end: bool = False
    lines: tuple[tuple[int, int], ...] = ()

    @property
    def text(self) -> str:
        return self.content.text

    @property
    def pages(self) -> tuple[int, ...]:
        return self.content.pages()

    @property
    def note_refs(self) -> list[NoteRef]:
        return note_refs(self.content)

    @property
    def italics(self) -> list[Mark]:
        return self.content.marks_of("italic")


@dataclass(slots=True)
class Note:
    """A footnote: its number, its text and the pages it stands on."""

    number: int
    content: TrackedText
    lines: tuple[tuple[int, int], ...] = ()

    @property
    def text(self) -> str:
        return self.content.text

    @property
    def pages(self) -> tuple[int, ...]:
        return self.content.pages()

    @property
    def italics(self) -> list[Mark]:
        return self.content.marks_of("italic")


@dataclass(slots=True)
class Document:
    """A repaired edition and everything needed to rebuild its input."""

    pages: list[Page]
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    held_back: list[Repair] = field(default_factory=list)

    def texts(self) -> Iterator[TrackedText]:
        """Every piece of edition text: blocks first, then notes."""
        for block in self.blocks:
            yield block.content
        for note in self.notes:
            yield note.content

    def repairs(self) -> list[Repair]:
        """Applied repairs in page order, then the held-back ones."""
        applied = [r for text in self.texts() for r in text.repairs()]
        applied.sort(key=lambda r: (r.page, r.start, r.end))
        return applied + self.held_back


def note_refs(content: TrackedText) -> list[NoteRef]:
    """The note references marked in ``content``, in text order."""
    return [
        NoteRef(int(m.value), m.start)
        for m in content.marks
        if m.kind == "note_ref" and isinstance(m.value, int)
    ]


def rebuild_pages(document: Document) -> list[str]:
    """The original text of every page, rebuilt from the edition alone.

    Raises :class:`ValueError` if any original character is unaccounted for
    or claimed twice: that would be a bug, never a property of the input.
    """
    spans: dict[int, list[tuple[int, int, str]]] = {p.index: [] for p in document.pages}
    pieces: list[Piece] = [piece for text in document.texts() for piece in text.pieces]
    for piece in pieces:
        spans[piece.page].append((piece.start, piece.end, piece.source))
    for page in document.pages:
        for removed in page.removed:
            spans[page.index].append((removed.start, removed.end, removed.source))
    rebuilt: list[str] = []
    for page in document.pages:
        parts = sorted(spans[page.index], key=lambda s: (s[0], s[1]))
        cursor = 0
        out: list[str] = []
        for start, end, source in parts:
            if start != cursor:
                raise ValueError(
                    f"page {page.index}: original offset {cursor} to {start} is "
                    f"{'claimed twice' if start < cursor else 'unaccounted for'}"
                )
            out.append(source)
            cursor = end
        if cursor != len(page.original):
            raise ValueError(f"page {page.index}: original text after offset {cursor} is unaccounted for")
        rebuilt.append("".join(out))
    return rebuilt
