"""Edition text from lines: every original character placed, every change a repair.

Layout is the one stage that builds pieces by hand.  Each line's text is
copied; the whitespace after a line (its terminator, trailing spaces, blank
lines and the next line's indent) belongs to that line: inside a block it
becomes the join to the next line, after the block's last line a ``layout``
repair that shows nothing.  Blank space above a page's first line belongs to
that line.  So the pieces of all blocks and notes, with the removed lines,
cover every page's original exactly once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from emendo.layout.joins import HyphenJudge
from emendo.layout.lines import GLYPH_STAND_INS, TextLine
from emendo.layout.notes import Marker
from emendo.model import Mark, Piece, RemovedLine, Repair, TrackedText

LINE_JOIN = "line-join"
HYPHEN_JOIN = "hyphen-join"
COMPOUND_HYPHEN = "compound-hyphen"
NOTE_MARKER = "note-marker"
NOTE_NUMBER = "note-number"
LAYOUT = "layout"
SPACING = "spacing"

#: Hyphens that may belong to the word (a compound) or to the line break ...
_HYPHENS = "-\u2010\u2011"
#: ... and those that only ever break a word (soft hyphen, OCR's not-sign).
_BREAK_HYPHENS = "\u00ad¬"
_DASHES = "—–―"
#: Line ends that need more than a plain space to join the next line.
_SPECIAL_ENDS = _HYPHENS + _BREAK_HYPHENS + _DASHES
#: A word's letters, a glyph code standing in for a ligature among them (``su˚-``/``cient``).
_WORD_LETTER = f"[\\w{GLYPH_STAND_INS}]"
_LAST_WORD = re.compile(rf"{_WORD_LETTER}[{GLYPH_STAND_INS}\w’']*$")
#: Spaces that pad a justified line, or a tab, inside a line: shown as one space.
_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}|\t")
_SPACE_RUN_MADE_ONE = "a run of spaces inside a line made one"
_FIRST_WORD = re.compile(rf"[\"“‘'(\[]*(?P<word>{_WORD_LETTER}[{GLYPH_STAND_INS}\w’']*)")


def removed_line(original: str, line: TextLine, reason: str) -> RemovedLine:
    """``line`` taken out as furniture, with the whitespace that belongs to it."""
    start = 0 if line.number == 0 else line.start
    return RemovedLine(line.page, start, original[start : line.space_end], line.text, reason)


@dataclass(slots=True)  # not frozen: one is built per line, and frozen ones cost 3x
class Join:
    """How a line meets the next line of its block: from ``cut`` on, shown as ``after``."""

    cut: int
    after: str
    kind: str
    reason: str
    confidence: float = 1.0


def plan_join(line: TextLine, following: TextLine, judge: HyphenJudge, part: str) -> Join:
    """The repair that joins ``line`` to ``following``, the next line of the same ``part``.

    A hyphen at the line end is the judge's to keep (a compound) or drop (a
    word broken by the line); a dash joins without a space; anything else
    joins with one space.
    """
    text = line.text
    last = text[-1]
    before = text[-2:-1]
    if last in _BREAK_HYPHENS and before.isalnum():
        sign = "a soft hyphen" if last == "\u00ad" else f"'{last}' at a line end"
        return Join(line.end - 1, "", HYPHEN_JOIN, f"{sign} only ever breaks a word")
    broken = _LAST_WORD.search(text, max(0, len(text) - 60), len(text) - 1) if last in _HYPHENS else None
    if broken:
        right = _FIRST_WORD.match(following.text)
        if right is None:
            return Join(line.end, "", COMPOUND_HYPHEN, "no word follows the hyphen, so it stays", 0.5)
        passage_after = following.text[right.end("word") :]
        verdict = judge.judge(broken.group(), right.group("word"), text[: broken.start()], passage_after)
        if verdict.keep:
            return Join(line.end, "", COMPOUND_HYPHEN, verdict.reason, verdict.confidence)
        return Join(line.end - 1, "", HYPHEN_JOIN, verdict.reason, verdict.confidence)
    if last in _DASHES:
        return Join(line.end, " " if before.isspace() else "", LINE_JOIN, "the line ends in a dash")
    if following.page != line.page:
        return Join(line.end, " ", LINE_JOIN, f"the {part} runs on to the next page")
    return Join(line.end, " ", LINE_JOIN, f"line break inside a {part}")


class TextBuilder:
    """Edition text put together piece by piece from the pages of one document."""

    def __init__(self, originals: Mapping[int, str]) -> None:
        self._originals = originals
        self.pieces: list[Piece] = []
        self.marks: list[Mark] = []
        self.length = 0

    def copy(self, page: int, start: int, end: int) -> None:
        """Original characters taken over unchanged."""
        if end <= start:
            return
        source = self._originals[page][start:end]
        if "  " in source or "\t" in source:
            self._copy_spaced(page, start, source)
            return
        self.pieces.append(Piece(page, start, source, source))
        self.length += end - start

    def _copy_spaced(self, page: int, start: int, source: str) -> None:
        """Copy a span whose runs of spaces each become one space through a repair."""
        position = 0
        for run in _SPACE_RUN.finditer(source):
            if run.start() > position:
                text = source[position : run.start()]
                self.pieces.append(Piece(page, start + position, text, text))
                self.length += len(text)
            self.replace(page, start + run.start(), start + run.end(), " ", SPACING, _SPACE_RUN_MADE_ONE)
            position = run.end()
        if position < len(source):
            text = source[position:]
            self.pieces.append(Piece(page, start + position, text, text))
            self.length += len(text)

    def replace(
        self, page: int, start: int, end: int, after: str, kind: str, reason: str, confidence: float = 1.0
    ) -> None:
        """Original characters (perhaps none) shown as ``after`` through a repair."""
        source = self._originals[page][start:end]
        if source or after:
            repair = Repair(kind, page, start, end, source, after, reason, confidence)
            self.pieces.append(Piece(page, start, source, after, repair))
            self.length += len(after)

    def copy_marked(self, page: int, start: int, end: int, markers: Sequence[Marker]) -> None:
        """Copy a span, taking its note markers out and leaving references in their place."""
        position = start
        for marker in markers:
            if start <= marker.start and marker.end <= end:
                self.copy(page, position, marker.start)
                self.marks.append(Mark(self.length, self.length, "note_ref", marker.number))
                self.replace(
                    page, marker.start, marker.end, "", NOTE_MARKER, f"marker of note {marker.number}"
                )
                position = marker.end
        self.copy(page, position, end)

    def anchor(self, page: int, at: int) -> None:
        """An empty repair at ``at``, where a text's share of a page ends on no whitespace.

        Every page's share of a text then ends in a repair, which is how the
        JSON edition (which has no offsets for verbatim text) places it.
        """
        repair = Repair(LAYOUT, page, at, at, "", "", "the page ends here, without a line break")
        self.pieces.append(Piece(page, at, "", "", repair))

    def build(self) -> TrackedText:
        return TrackedText(tuple(self.pieces), tuple(self.marks))


def flow_text(
    lines: Sequence[TextLine],
    originals: Mapping[int, str],
    markers: Mapping[tuple[int, int], Sequence[Marker]],
    judge: HyphenJudge,
    part: str,
    number: tuple[int, int] | None = None,
) -> TrackedText:
    """The running text of a block or note made of ``lines``.

    ``number`` is ``(note number, offset where the note's text begins)`` for
    a note, whose leading number leaves the text through a repair.  The
    common line (whole, unmarked, joined by a space) takes a short path: it
    is most of every page.
    """
    builder = TextBuilder(originals)
    pieces = builder.pieces
    inside = f"line break inside a {part}"
    last = len(lines) - 1
    for k, line in enumerate(lines):
        page = line.page
        if line.number == 0:
            builder.replace(page, 0, line.start, "", LAYOUT, "blank space above the first line of the page")
        start = line.start
        if k == 0 and number is not None:
            builder.replace(page, start, number[1], "", NOTE_NUMBER, f"the number of note {number[0]}")
            if number[1] >= line.space_end:
                continue  # the number stood on a line of its own, above the note's text
            start = number[1]
        marked = markers.get((page, line.number), ())
        following = lines[k + 1] if k < last else None
        if (
            following is not None
            and start == line.start
            and not marked
            and following.page == page
            and line.text[-1] not in _SPECIAL_ENDS
            and "  " not in line.text
            and "\t" not in line.text
        ):
            text = line.text
            source = originals[page][line.end : line.space_end]
            pieces.append(Piece(page, start, text, text))
            pieces.append(
                Piece(
                    page,
                    line.end,
                    source,
                    " ",
                    Repair(LINE_JOIN, page, line.end, line.space_end, source, " ", inside),
                )
            )
            builder.length += len(text) + 1
        elif following is None:
            builder.copy_marked(page, start, line.end, marked)
            builder.replace(
                page, line.end, line.space_end, "", LAYOUT, f"line break and space after the {part}"
            )
        else:
            join = plan_join(line, following, judge, part)
            builder.copy_marked(page, start, join.cut, marked)
            builder.replace(
                page, join.cut, line.space_end, join.after, join.kind, join.reason, join.confidence
            )
        if (following is None or following.page != page) and (not pieces or pieces[-1].repair is None):
            builder.anchor(page, line.end)
    return builder.build()
