"""What the simulator knows and a repair must find: the truth of simulated pages.

A :class:`Simulation` holds the damaged page texts and, beside them, the
clean text of every block and note, every damage event (its kind, the clean
word or words it hit, where it stands on the pages, and the edits that undo
it), the page furniture, and where every body and note line lies.
:meth:`Simulation.restore` proves the truth complete: undoing the events in
the damaged lines gives back the clean text exactly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Part = Literal["body", "note"]

EVENT_KINDS = (
    "ligature",
    "hyphen",
    "compound",
    "dash",
    "italic_space",
    "marker_space",
    "tight_space",
    "stray_space",
    "marker",
    "accent",
)
"""Damage event kinds: lost ligature letters; a word broken at a line end by
a dictionary hyphen, after its own hyphen (a compound) or after an em dash; a
space lost at an italic boundary, after a footnote marker, or between any
words of a tightly set line; a space put inside a word; a footnote marker
glued to its word; accents displaced from their letters."""


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of page ``page``'s damaged text."""

    page: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PageEdit:
    """Undoes one piece of damage: ``pages[page][start:end]`` should read ``after``."""

    page: int
    start: int
    end: int
    after: str


@dataclass(frozen=True, slots=True)
class DamageEvent:
    """One piece of damage and the clean word or words it hit.

    ``passage`` indexes :attr:`Simulation.blocks` (``part == "body"``) or
    :attr:`Simulation.notes`; ``token`` is the index, in that passage's
    ``text.split()``, of the first clean word affected and ``tokens`` how
    many (two for a lost space).  ``damaged`` is what the page shows, with
    ``\\n`` where a line ends inside it.  ``note`` is the note number of a
    marker.
    """

    kind: str
    part: Part
    passage: int
    token: int
    tokens: int
    clean: str
    damaged: str
    spans: tuple[Span, ...]
    edits: tuple[PageEdit, ...]
    note: int | None = None


@dataclass(frozen=True, slots=True)
class TruthLine:
    """Where a body or note line stands, and how it joins the next line of its passage.

    ``start`` is past a note's number on the note's first line; ``join`` is
    ``" "`` between lines, ``""`` after a broken word and at the passage end.
    """

    page: int
    start: int
    end: int
    part: Part
    passage: int
    join: str


@dataclass(frozen=True)
class TruthBlock:
    """A body paragraph as a perfect repair gives it."""

    text: str
    note_refs: tuple[int, ...]
    italics: tuple[str, ...]
    pages: tuple[int, ...]


@dataclass(frozen=True)
class TruthNote:
    """A footnote as a perfect repair gives it; ``page`` is where it is printed."""

    number: int
    text: str
    italics: tuple[str, ...]
    page: int


@dataclass(frozen=True)
class TruthPage:
    """A page's furniture: its printed number, running head (``None`` when it
    shows a bare number) and the download site's lines."""

    number: int
    running_head: str | None
    boilerplate: tuple[str, ...]


@dataclass(frozen=True)
class Simulation:
    """Damaged pages and everything known about them; see the module docstring."""

    pages: tuple[str, ...]
    furniture: tuple[TruthPage, ...]
    blocks: tuple[TruthBlock, ...]
    notes: tuple[TruthNote, ...]
    lines: tuple[TruthLine, ...]
    events: tuple[DamageEvent, ...]

    def events_of(self, *kinds: str) -> list[DamageEvent]:
        """The events of the given kinds, in page order."""
        return [event for event in self.events if event.kind in kinds]

    def clean_words(self, part: Part) -> list[str]:
        """The clean words of all blocks (``body``) or all notes, in order."""
        passages: Sequence[TruthBlock | TruthNote] = self.blocks if part == "body" else self.notes
        return [word for passage in passages for word in passage.text.split()]

    def damaged_words(self, part: Part) -> list[str]:
        """The words of the damaged body or note lines, as a naive reader takes them.

        Furniture and note numbers are left out; nothing is joined or repaired.
        """
        return [
            word
            for line in self.lines
            if line.part == part
            for word in self.pages[line.page][line.start : line.end].split()
        ]

    def restore(self) -> tuple[list[str], list[str]]:
        """Block texts and note texts rebuilt from the damaged lines by undoing every event.

        Equal to the truth's texts exactly when the events account for all
        the damage; the tests and the accuracy benchmark check this.
        """
        edits = _edits_by_page(edit for event in self.events for edit in event.edits)
        restored: dict[tuple[Part, int], list[str]] = {}
        for line in self.lines:
            page_edits = edits.get(line.page, ([], []))
            text = _apply(self.pages[line.page], line.start, line.end, page_edits)
            restored.setdefault((line.part, line.passage), []).append(text + line.join)
        blocks = ["".join(restored.get(("body", n), [])) for n in range(len(self.blocks))]
        notes = ["".join(restored.get(("note", n), [])) for n in range(len(self.notes))]
        return blocks, notes

    def to_gold(self, name: str) -> dict[str, Any]:
        """The truth in the gold format of ``../shared/seeds`` (for ``emendo eval``)."""
        return {
            "id": name,
            "pages": [{"number": p.number, "running_head": p.running_head} for p in self.furniture],
            "boilerplate": [line for p in self.furniture for line in p.boilerplate],  # every occurrence
            "blocks": [
                {"type": "paragraph", "note_refs": list(b.note_refs), "text": b.text} for b in self.blocks
            ],
            "notes": [{"number": n.number, "text": n.text} for n in self.notes],
            "italics": [run for b in self.blocks for run in b.italics]
            + [run for n in self.notes for run in n.italics],
        }


def _edits_by_page(edits: Iterable[PageEdit]) -> dict[int, tuple[list[int], list[PageEdit]]]:
    """Edits grouped by page and sorted, with their starts for bisecting.

    At one position a lost space goes before letters a word lost at its start.
    """
    grouped: dict[int, list[PageEdit]] = {}
    for edit in edits:
        grouped.setdefault(edit.page, []).append(edit)
    result: dict[int, tuple[list[int], list[PageEdit]]] = {}
    for page, page_edits in grouped.items():
        page_edits.sort(key=lambda e: (e.start, e.end, not e.after.isspace()))
        result[page] = ([e.start for e in page_edits], page_edits)
    return result


def _apply(page: str, start: int, end: int, edits: tuple[list[int], list[PageEdit]]) -> str:
    """``page[start:end]`` with the edits that fall inside it applied."""
    starts, ordered = edits
    out: list[str] = []
    cursor = start
    for edit in ordered[bisect_left(starts, start) :]:
        if edit.start > end:
            break
        if edit.end > end:
            continue
        out.append(page[cursor : edit.start])
        out.append(edit.after)
        cursor = edit.end
    out.append(page[cursor:end])
    return "".join(out)
