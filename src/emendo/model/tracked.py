"""Text that remembers where every character came from.

Every piece of edition text (a block, a note) is a :class:`TrackedText`: an
ordered run of :class:`Piece` objects.  A piece either copies a span of one
page's original text verbatim, or replaces it through a :class:`Repair`.  That
one rule is what lets emendo promise that nothing is lost: the original of
every page can be rebuilt by putting the ``source`` of every piece (and of every
removed line) back in page order, and a reader can list exactly what changed.

Stages never touch pieces directly; they describe :class:`Edit` objects in the
coordinates of the current text and call :meth:`TrackedText.edit`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, pairwise
from operator import attrgetter


@dataclass(frozen=True, slots=True)
class Repair:
    """One recorded change to the original text of a page.

    ``start``/``end`` index the page's original text, ``before`` is exactly
    ``page.original[start:end]`` and ``after`` is what the edition shows
    instead.  ``applied`` is false for a change that was found but held back
    (``--min-confidence``); such a repair is listed but never in the text.
    """

    kind: str
    page: int
    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float = 1.0
    applied: bool = True


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of edition text and the original characters it stands for."""

    page: int
    start: int
    source: str
    text: str
    repair: Repair | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.source)


@dataclass(frozen=True, slots=True)
class Mark:
    """A labelled span of edition text: a note reference or an italic run.

    A note reference is zero-width: it sits where its marker was taken out.
    """

    start: int
    end: int
    kind: str
    value: int | str | None = None


@dataclass(frozen=True, slots=True)
class Edit:
    """A requested change, in the coordinates of the text being edited."""

    start: int
    end: int
    after: str
    kind: str
    reason: str
    confidence: float = 1.0


#: A piece's text, read at C speed over many pieces.
_TEXT = attrgetter("text")


@dataclass(frozen=True)
class TrackedText:
    """Edition text as pieces of the original; see the module docstring."""

    pieces: tuple[Piece, ...] = ()
    marks: tuple[Mark, ...] = ()
    text: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "".join(map(_TEXT, self.pieces)))

    # -- construction -----------------------------------------------------

    @classmethod
    def verbatim(cls, page: int, start: int, source: str) -> TrackedText:
        """Original characters taken over unchanged.

        >>> TrackedText.verbatim(0, 5, "word").text
        'word'
        """
        return cls((Piece(page, start, source, source),) if source else ())

    @classmethod
    def replaced(
        cls,
        page: int,
        start: int,
        source: str,
        after: str,
        kind: str,
        reason: str,
        confidence: float = 1.0,
    ) -> TrackedText:
        """Original characters shown as ``after`` through one repair.

        >>> t = TrackedText.replaced(0, 9, "-\\n", "", "hyphen", "word broken at line end")
        >>> (t.text, t.repairs()[0].before)
        ('', '-\\n')
        """
        repair = Repair(kind, page, start, start + len(source), source, after, reason, confidence)
        return cls((Piece(page, start, source, after, repair),))

    @classmethod
    def concat(cls, parts: Iterable[TrackedText]) -> TrackedText:
        """Join texts end to end, keeping their marks.

        >>> a = TrackedText.verbatim(0, 0, "ab")
        >>> TrackedText.concat([a, TrackedText.verbatim(0, 2, "c")]).text
        'abc'
        """
        pieces: list[Piece] = []
        marks: list[Mark] = []
        offset = 0
        for part in parts:
            pieces.extend(part.pieces)
            marks.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in part.marks)
            offset += len(part.text)
        return cls(tuple(pieces), tuple(marks))

    # -- reading ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self.text)

    def repairs(self) -> list[Repair]:
        """The repairs behind this text, in text order."""
        return [p.repair for p in self.pieces if p.repair is not None]

    def source(self) -> str:
        """The original characters this text stands for, in text order."""
        return "".join(p.source for p in self.pieces)

    def pages(self) -> tuple[int, ...]:
        """Indexes of the pages this text draws on, in order."""
        seen: dict[int, None] = {}
        for p in self.pieces:
            if p.source or p.text:
                seen.setdefault(p.page, None)
        return tuple(seen)

    def with_marks(self, marks: Iterable[Mark]) -> TrackedText:
        """This text with extra marks (kept sorted by position)."""
        merged = sorted((*self.marks, *marks), key=lambda m: (m.start, m.end))
        return TrackedText(self.pieces, tuple(merged))

    def marks_of(self, kind: str) -> list[Mark]:
        return [m for m in self.marks if m.kind == kind]

    def origin(self, offset: int) -> tuple[int, int]:
        """(page, original offset) of the character at ``offset``.

        Inside a repair the answer is the start of the repaired span.

        >>> TrackedText.verbatim(3, 100, "abc").origin(2)
        (3, 102)
        """
        ends = list(accumulate(len(p.text) for p in self.pieces))
        index = min(bisect_right(ends, offset), len(self.pieces) - 1)
        piece = self.pieces[index]
        inside = offset - (ends[index] - len(piece.text))
        if piece.repair is None:
            return piece.page, piece.start + inside
        return piece.page, piece.start

    def page_before(self, offset: int) -> int | None:
        """The page of the character just before ``offset``: where a marker placed there stands.

        ``None`` in an empty text.

        >>> TrackedText.verbatim(3, 100, "abc").page_before(3), TrackedText.verbatim(3, 0, "").page_before(0)
        (3, None)
        """
        return self.origin(max(offset - 1, 0))[0] if self.text else None

    # -- editing ----------------------------------------------------------

    def edit(self, edits: Sequence[Edit]) -> TrackedText:
        """Apply non-overlapping edits (current-text coordinates) in one pass.

        An edit that cuts into an earlier repair swallows that repair whole, so
        every piece still maps to one contiguous original span.  An edit that
        would cross a page boundary is split at it.  Marks move with the text:
        a zero-width mark and the end of a span stay before an insertion made
        at their position; the start of a span moves after it.

        >>> t = TrackedText.verbatim(0, 0, "condence")
        >>> t = t.edit([Edit(3, 3, "fi", "ligature", "lost ligature")])
        >>> t.text, t.source(), t.repairs()[0].after
        ('confidence', 'condence', 'fi')
        """
        if not edits:
            return self
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        length = len(self.text)
        for e in ordered:
            if not 0 <= e.start <= e.end <= length:
                raise ValueError(f"edit {e} does not fit a text of {length} characters")
        for earlier, later in pairwise(ordered):
            if later.start < earlier.end or (
                later.start == earlier.start and earlier.start == earlier.end == later.end
            ):
                raise ValueError(f"overlapping edits: {earlier} and {later}")
        pieces = _apply(self.pieces, ordered)
        marks = tuple(_move_mark(m, ordered) for m in self.marks)
        return TrackedText(tuple(pieces), marks)


def _move(position: int, edits: Sequence[Edit], *, before_insert: bool) -> int:
    shift = 0
    for e in edits:
        if position < e.start or (position == e.start and before_insert):
            break
        if position < e.end:
            return e.start + shift + (len(e.after) if not before_insert else 0)
        shift += len(e.after) - (e.end - e.start)
    return position + shift


def _move_mark(mark: Mark, edits: Sequence[Edit]) -> Mark:
    if mark.start == mark.end:
        at = _move(mark.start, edits, before_insert=True)
        return Mark(at, at, mark.kind, mark.value)
    start = _move(mark.start, edits, before_insert=False)
    end = _move(mark.end, edits, before_insert=True)
    return Mark(start, max(start, end), mark.kind, mark.value)


def _split(piece: Piece, at: int) -> tuple[Piece, Piece]:
    """Split a verbatim piece ``at`` characters in."""
    return (
        Piece(piece.page, piece.start, piece.source[:at], piece.text[:at]),
        Piece(piece.page, piece.start + at, piece.source[at:], piece.text[at:]),
    )


def _apply(pieces: Sequence[Piece], edits: Sequence[Edit]) -> list[Piece]:
    """The pieces of the text once ``edits`` are made.

    The pieces between two edits are copied over in one slice, found by
    bisection on their end offsets, so that a long text with a few edits
    costs a few steps.  What is left of a piece an edit cuts into takes the
    piece's place in the queue; it ends where the piece did.
    """
    queue = list(pieces)
    ends = list(accumulate(map(len, map(_TEXT, queue))))
    out: list[Piece] = []
    index = 0  # the next piece in the queue
    position = 0  # its text offset
    for e in edits:
        after = e.after
        skip = bisect_right(ends, e.start, index)  # the pieces that end before the edit starts
        if skip > index:
            out.extend(queue[index:skip])
            index, position = skip, ends[skip - 1]
        covered: list[Piece] = []
        if index < len(queue) and position < e.start:
            piece = queue[index]
            cut = e.start - position
            if piece.repair is None:
                head, queue[index] = _split(piece, cut)
                out.append(head)
                position += cut
            else:  # the edit starts inside a repair: swallow the repair whole
                after = piece.text[:cut] + after
        while index < len(queue) and position < e.end:
            piece = queue[index]
            length = len(piece.text)
            if position + length <= e.end:
                covered.append(piece)
                index, position = index + 1, position + length
            elif piece.repair is None:
                head, queue[index] = _split(piece, e.end - position)
                covered.append(head)
                position = e.end
            else:  # the edit ends inside a repair: swallow it whole
                covered.append(piece)
                after += piece.text[e.end - position :]
                index, position = index + 1, position + length
        following = queue[index] if index < len(queue) else None
        anchor = (
            (following.page, following.start) if following else ((out[-1].page, out[-1].end) if out else None)
        )
        out.extend(_replace(covered, e, after, anchor))
    out.extend(queue[index:])
    return out


def _replace(covered: list[Piece], e: Edit, after: str, anchor: tuple[int, int] | None) -> Iterator[Piece]:
    """Pieces for edit ``e`` over ``covered``, showing ``after``, one repair per page touched."""
    if not covered:  # a pure insertion: anchor it at the next original position
        if anchor is None:
            raise ValueError(f"cannot anchor insertion {e} in an empty text")
        page, at = anchor
        yield Piece(page, at, "", after, Repair(e.kind, page, at, at, "", after, e.reason, e.confidence))
        return
    by_page: list[list[Piece]] = []
    for piece in covered:
        if by_page and by_page[-1][0].page == piece.page:
            by_page[-1].append(piece)
        else:
            by_page.append([piece])
    for n, group in enumerate(by_page):
        shown = after if n == 0 else ""
        source = "".join(p.source for p in group)
        page, start = group[0].page, group[0].start
        repair = Repair(e.kind, page, start, start + len(source), source, shown, e.reason, e.confidence)
        yield Piece(page, start, source, shown, repair)
