"""Footnotes: the note block at the foot of a page and the markers pointing into it.

A note block is a run of lines to the foot of the page in which some lines
begin with numbers that count up by one (``32 ...``, ``33 ...``; a number the
body's markers confirm may skip one, as printed books do); every other
line carries on the note above it, even one that begins with a number out of
sequence (``5 (July 2014) ...`` inside note 35).  Of the possible runs, the one
whose numbers the body's markers confirm wins.  Markers are superscript digits
anywhere in the body, or plain digits glued after a word or punctuation
(``the time.2 In``) or spaced off after a sentence (``the time. 2 In``), which
count only when a note of that number stands on the page and they come in order.
Notes marked ``*``, ``†``, ``‡`` ... (one series a page) count as notes 1, 2, 3 ...
Notes numbered in brackets (``[1] Minutes ...``) take markers in brackets (``spring[1]``).
A note's number may stand on a line of its own above its text, as ``pdftotext
-layout`` sets a raised number.
A page of endnotes (note 1 at its top, a run of notes to its foot, no
markers) is notes too, and the pages after it go on from its last number.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from emendo.layout.lines import SUPERSCRIPT_DIGITS, TextLine, closes_sentence, ends_entry, superscript_value

#: Runs of digits, raised or plain: where markers can be.
_DIGIT_RUN = re.compile(r"[0-9\u00b2\u00b3\u00b9\u2070-\u2079]+")
#: A run of one kind of digit: a raised marker glued to a year (``1545³⁹⁵``) is its own run.
_SAME_KIND_RUN = re.compile(r"[0-9]+|[\u00b2\u00b3\u00b9\u2070-\u2079]+")
#: Punctuation that may stand between a word and a plain marker (``agents.”33``).
_LEAD = ".,;:!?\"”’')]"
#: After a number, only sentence punctuation may lead a marker (``in 1879.2 The``).
_LEAD_AFTER_NUMBER = ".,;:!?”’)"
_NEW_SENTENCE = re.compile(r"\s+[A-ZÀ-Þ“‘\"(]")
_OPENS = '“‘"(['
_CLOSERS = "\"”’')]"


#: How surely a candidate is a marker: raised digits, ...
SUPERSCRIPT = 2
#: ... plain digits after punctuation (``time.2``), ...
AFTER_PUNCTUATION = 1
#: ... plain digits glued to a word (``treaty4``, but also ``A3``), ...
AFTER_WORD = 0
#: ... plain digits set apart by a space after a sentence (``failed. 2 The``): some
#: extractors space a raised number off its baseline.  The space leaves with the marker.
AFTER_SPACE = -1
#: What ends a sentence before a spaced-off marker, closing quotes and brackets aside.
_SENTENCE_END = ".!?"


@dataclass(slots=True)  # not frozen: one is built per line, and frozen ones cost 3x
class Marker:
    """A footnote marker in a body line: its span in the page's original, number and rank."""

    start: int
    end: int
    number: int
    rank: int


@dataclass(slots=True)
class NoteDraft:
    """A footnote being put together: its number, its lines, where its text begins."""

    number: int
    lines: list[TextLine]
    text_start: int


@dataclass(slots=True)
class PageNotes:
    """The notes of one page and the body line where the note region begins.

    ``section_heads`` are the headings inside the note region of a page of
    endnotes (``Chapter 3``), each its lines, that begin a new count of notes.
    """

    body_end: int
    continuation: list[TextLine] = field(default_factory=list)
    notes: list[NoteDraft] = field(default_factory=list)
    section_heads: list[list[TextLine]] = field(default_factory=list)


@lru_cache(maxsize=4)
def _note_start(digits: int) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<number>\d{{1,{digits}}}|[{SUPERSCRIPT_DIGITS}]{{1,{digits}}})(?![\d{SUPERSCRIPT_DIGITS}])"
        r"(?P<gap>[.)]?[ \t\u00a0\u2000-\u200a]*)(?=[^\s\d.,;:%)\]\-–—])"
    )


def note_start(text: str, digits: int = 3) -> tuple[int, int] | None:
    """Number of the note a line begins, and where the note's own text starts.

    >>> note_start("35 See Hiroaki")
    (35, 3)
    >>> note_start("2008, no. 6") is None, note_start("6.2 Japan") is None
    (True, True)
    >>> note_start("† Timber Register"), note_start("* * *"), note_start("[12] Ibid.")
    ((2, 2), None, (12, 5))
    >>> note_start("(13) Ibid., iii. 230.")
    (13, 5)
    """
    bracketed = _BRACKET_NOTE_START.match(text)
    if bracketed is not None:
        return _bracketed(bracketed), bracketed.end()
    match = _note_start(digits).match(text)
    if match is None:
        return _symbol_note_start(text)
    if not match.group("gap") and not _opens_text(text[match.end() :]):
        return None
    raw = match.group("number")
    number = int(raw) if raw.isascii() else superscript_value(raw)
    return number, match.end()


#: Reference marks, in the order books use them for the notes of a page: a
#: note marked with the n-th counts as note n.
NOTE_SYMBOLS = "*†‡§‖¶"
_SYMBOL_NOTE_START = re.compile(rf"(?P<symbol>[{NOTE_SYMBOLS}])[ \t\u00a0]*(?=[^\W\d_]|[“‘\"'(])")
_SYMBOL_MARKER = re.compile(rf"(?<=[^\W\d_]|[.,;:!?”’\"')\]])[{NOTE_SYMBOLS}](?=\s|$|[{NOTE_SYMBOLS}])")


#: Notes and markers in brackets, as text made from e-books and web pages has them
#: (``spring[1]``), or in parentheses, as some books print them (``exhausted.(13)``).
_BRACKET_NOTE_START = re.compile(
    r"(?:\[(?P<number>\d{1,3})\]|\((?P<parenthesised>\d{1,3})\))[ \t\u00a0]*(?=\S)"
)
_BRACKET_MARKER = re.compile(
    r"(?<=[^\W\d_]|[.,;:!?”’\"')])(?:\[(?P<number>\d{1,3})\]|\((?P<parenthesised>\d{1,3})\))"
    r"(?=\s|$|[^\W\d_]|[.,;:!?”’])"
)


def _bracketed(match: re.Match[str]) -> int:
    """The number a bracket pattern matched, in square brackets or parentheses."""
    return int(match.group("number") or match.group("parenthesised"))


def _symbol_note_start(text: str) -> tuple[int, int] | None:
    """The note a line marked with a reference mark begins (``† Timber Register``), as :func:`note_start`."""
    match = _SYMBOL_NOTE_START.match(text)
    if match is None:
        return None
    return NOTE_SYMBOLS.index(match.group("symbol")) + 1, match.end()


def _number_alone(text: str) -> int | None:
    """The number of a line that holds nothing else: a note's raised number, which
    ``pdftotext -layout`` sets on a line of its own above the note's text.

    >>> _number_alone("12"), _number_alone("³⁵"), _number_alone("12 Ibid."), _number_alone("ii")
    (12, 35, None, None)
    """
    if _SAME_KIND_RUN.fullmatch(text) is None:
        return None
    return int(text) if text.isascii() else superscript_value(text)


def _opens_text(rest: str) -> bool:
    """A number glued to what follows starts a note only before a capital or quote."""
    return rest[:1].isupper() or rest[:1] in "“‘\"'("


def marker_candidates(original: str, lines: Sequence[TextLine]) -> list[list[Marker]]:
    """Every marker each of ``lines`` might hold, in order (not yet confirmed).

    One pass of a compiled pattern over the page finds the runs of digits;
    raised ones are candidates wherever they stand.  Plain ones must be glued
    after a word, perhaps with punctuation between, and be followed by a
    space, the line end or a glued capital; after a number and punctuation
    (``in 1879.2 The``) only a new sentence or the line end may follow, so
    that decimals (``3.5 per cent``) stay.

    >>> text = "Japan.³²Indeed, the.2 In 3.5 per cent. 4 Then, itself.† And"
    >>> [m.number for m in marker_candidates(text, [TextLine(0, 0, 0, len(text), text, 0)])[0]]
    [32, 2, 4]
    """
    found: list[list[Marker]] = [[] for _ in lines]
    starts = [line.start for line in lines]
    for match in _DIGIT_RUN.finditer(original):
        start, end = match.span()
        k = bisect_right(starts, start) - 1
        if k < 0 or end > lines[k].end:
            continue
        for run in _SAME_KIND_RUN.finditer(original, start, end):
            digits = run.group()
            if not digits.isascii():
                found[k].append(Marker(run.start(), run.end(), superscript_value(digits), SUPERSCRIPT))
                continue
            rank = _plain_rank(original, run.start(), run.end(), lines[k])
            if rank is not None:
                begin = run.start() - (rank == AFTER_SPACE)
                found[k].append(Marker(begin, run.end(), int(digits), rank))
    if ("[" in original or "(" in original) and any(_BRACKET_NOTE_START.match(line.text) for line in lines):
        _add_bracket_markers(original, lines, found)
    if any(symbol in original for symbol in NOTE_SYMBOLS) and any(
        _SYMBOL_NOTE_START.match(line.text) for line in lines
    ):  # marks count only on a page whose notes are marked so: ``p*`` is no marker of note 1
        _add_symbol_markers(original, lines, found)
    return found


def _add_bracket_markers(original: str, lines: Sequence[TextLine], found: list[list[Marker]]) -> None:
    """Numbers in brackets or parentheses glued after a word or punctuation (``spring[1]``,
    ``exhausted.(13)``), in place among the others.

    Looked for only on a page whose notes are numbered so too.
    """
    for k, line in enumerate(lines):
        marks = [
            Marker(m.start(), m.end(), _bracketed(m), AFTER_PUNCTUATION)
            for m in _BRACKET_MARKER.finditer(original, line.start, line.end)
        ]
        if marks:
            found[k] = sorted(found[k] + marks, key=lambda marker: marker.start)


def _add_symbol_markers(original: str, lines: Sequence[TextLine], found: list[list[Marker]]) -> None:
    """Reference marks glued after a word or punctuation (``itself.*``), in place among the digits."""
    for k, line in enumerate(lines):
        marks = [
            Marker(m.start(), m.end(), NOTE_SYMBOLS.index(m.group()) + 1, SUPERSCRIPT)
            for m in _SYMBOL_MARKER.finditer(original, line.start, line.end)
        ]
        if marks:
            found[k] = sorted(found[k] + marks, key=lambda marker: marker.start)


def _plain_rank(original: str, start: int, end: int, line: TextLine) -> int | None:
    """How marker-like the plain digits ``original[start:end]`` are, or ``None``."""
    if end - start > 3:
        return None
    after = original[end] if end < line.end else ""
    if after and not (after.isspace() or after.isupper() or after in _OPENS):
        return None
    if original[start - 1 : start] == " " and start - 1 > line.start:
        return _spaced_rank(original, start, end, line)
    lead = start
    while lead > line.start and start - lead < 3 and original[lead - 1] in _LEAD:
        lead -= 1
    before = original[lead - 1] if lead > line.start else ""
    if before.isalpha():
        return AFTER_WORD if lead == start else AFTER_PUNCTUATION
    after_number = (
        before.isdigit() and lead < start and all(c in _LEAD_AFTER_NUMBER for c in original[lead:start])
    )
    if after_number and (not after or _NEW_SENTENCE.match(original, end, line.end)):
        return AFTER_PUNCTUATION
    return None


def _spaced_rank(original: str, start: int, end: int, line: TextLine) -> int | None:
    """``AFTER_SPACE`` for digits spaced off after a sentence and before the next one, else ``None``."""
    bare = original[line.start : start - 1].rstrip(_CLOSERS)
    if not bare or bare[-1] not in _SENTENCE_END or not bare[-2:-1].isalpha():
        return None
    if end < line.end and not _NEW_SENTENCE.match(original, end, line.end):
        return None
    return AFTER_SPACE


def find_notes(
    content: Sequence[TextLine],
    candidates: Sequence[Sequence[Marker]],
    expected: int | None,
    digits: int,
    skip: int,
) -> PageNotes:
    """The note block of a page: the best-confirmed run of numbered lines to its foot.

    ``candidates[i]`` are the marker candidates of ``content[i]``; ``expected``
    is the number the previous page's notes lead one to expect next.  In a
    run each numbered line is numbered one more than the one before (or up to
    ``skip`` more, when a marker confirms the number: books do skip).  A run
    scores one for each of its numbers that a marker above it confirms, and
    one if it goes on from the previous page, or if it opens a page of
    endnotes (:func:`_opens_endnotes`); the first best run wins, and a run
    that nothing confirms is not a note block.
    """
    starts: list[tuple[int, int, int]] = []
    for i, line in enumerate(content):
        found = note_start(line.text, digits)
        if found is not None:
            starts.append((i, found[0], line.start + found[1]))
        elif len(line.text) <= digits and i + 1 < len(content) and (number := _number_alone(line.text)):
            following = content[i + 1]
            if note_start(following.text, digits) is None and _opens_text(following.text.lstrip("[")):
                starts.append((i, number, following.start))  # the note's text begins on the next line
    sections = endnote_sections(content, starts)
    if sections is not None:
        return sections
    first_marker: dict[int, int] = {}
    for i, markers in enumerate(candidates):
        for marker in markers:
            first_marker.setdefault(marker.number, i)
    follow = _follow(starts, first_marker, skip)
    best: tuple[int, list[int]] | None = None  # (score, the run as indexes into starts)
    for k, (i, number, _) in enumerate(starts):
        run = _run(k, follow)
        score = sum(first_marker.get(starts[r][1], i) < i for r in run) + (number == expected)
        score += _opens_endnotes(content, [starts[r] for r in run])
        if score > 0 and (best is None or score > best[0]):
            best = (score, run)
    if best is None:
        return PageNotes(len(content))
    chain = [starts[r] for r in best[1]]
    notes = [
        NoteDraft(
            number, list(content[i : chain[n + 1][0] if n + 1 < len(chain) else len(content)]), text_start
        )
        for n, (i, number, text_start) in enumerate(chain)
    ]
    return PageNotes(chain[0][0], notes=notes)


#: A page of endnotes opens with note 1 below at most this many short lines
#: (``NOTES``, ``Chapter 4``), as its sections do, and holds at least this many notes.
_ENDNOTES_HEADING_LINES = 2
_ENDNOTES_MIN_NOTES = 3
_HEADING_LENGTH = 60


def _below_heading_only(content: Sequence[TextLine], first: int) -> bool:
    """Whether what stands above line ``first``, if anything, is a short heading (``NOTES``)."""
    return first <= _ENDNOTES_HEADING_LINES and all(
        len(line.text) <= _HEADING_LENGTH for line in content[:first]
    )


def _opens_endnotes(content: Sequence[TextLine], run: Sequence[tuple[int, int, int]]) -> bool:
    """Whether a run of numbered lines (line, number, text start) is a page of endnotes.

    Endnotes have no markers on their page to confirm them; a run that opens
    the page (below a heading at most) with note 1 and runs on to its foot
    through several notes, most of them citing a page or a year, stands for
    itself.  A numbered list opening a page cites none, and the chapters of a
    contents page are lines that end with their page, not with a full stop.
    """
    first, number, _ = run[0]
    if not (number == 1 and len(run) >= _ENDNOTES_MIN_NOTES and _below_heading_only(content, first)):
        return False
    ends = [start for start, _, _ in run[1:]] + [len(content)]
    notes = [
        NoteDraft(number, list(content[start:end]), text_start)
        for (start, number, text_start), end in zip(run, ends, strict=True)
    ]
    return _read_as_endnotes(notes)


def endnote_sections(content: Sequence[TextLine], starts: Sequence[tuple[int, int, int]]) -> PageNotes | None:
    """A page of endnotes in sections: below each heading (``Chapter 3``) the count starts again at 1.

    ``starts`` are the page's numbered lines (line, number, text start).  A
    heading is one or two short lines after a note that ends a sentence and
    just above a note 1, and one must stand below the page's first note.
    The page above the first heading is notes too, counting on from any
    number, as where the previous page's notes go on (what stands above them
    is a short heading, or the end of the previous page's last note).  Every
    section is one run counting up by one from its first line (a number out
    of sequence inside a note carries the note on).  As on a page of
    endnotes with no headings (:func:`_opens_endnotes`), most notes cite a
    page or a year, and they are no contents page's entries.
    """
    starts_at = {i: (number, text_start) for i, number, text_start in starts}
    heads = [h for h in _section_heads(content, starts_at) if h[0] > starts[0][0]] if starts else []
    if not heads:
        return None
    top, first_number, _ = starts[0]
    if not (_below_heading_only(content, top) or first_number > 1):
        return None  # text above a note 1 is the page's body; above a later note, the last one's end
    bounds = [(top, heads[0][0])] + [
        (head[1], following[0] if following else len(content))
        for head, following in itertools.zip_longest(heads, heads[1:])
    ]
    notes: list[NoteDraft] = []
    for first, end in bounds:
        run = _counting_run(first, end, starts_at)
        notes.extend(
            NoteDraft(number, list(content[i : run[n + 1][0] if n + 1 < len(run) else end]), text_start)
            for n, (i, number, text_start) in enumerate(run)
        )
    if len(notes) < _ENDNOTES_MIN_NOTES or not _read_as_endnotes(notes):
        return None
    return PageNotes(top, notes=notes, section_heads=[list(content[a:b]) for a, b in heads])


def _section_heads(
    content: Sequence[TextLine], starts_at: dict[int, tuple[int, int]]
) -> list[tuple[int, int]]:
    """The headings (first line, end) above each note 1 that a finished note stands above."""
    heads = []
    for i, (number, _) in starts_at.items():
        if number != 1:
            continue
        first = i
        while (
            first > 0
            and i - first < _ENDNOTES_HEADING_LINES
            and first - 1 not in starts_at
            and len(content[first - 1].text) <= _HEADING_LENGTH
        ):
            first -= 1
        while first < i and not (first > 0 and closes_sentence(content[first - 1].text)):
            first += 1  # the lines must stand after a note that ended
        if first < i:
            heads.append((first, i))
    return heads


def _counting_run(first: int, end: int, starts_at: dict[int, tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The notes of lines ``first`` to ``end``: numbered lines counting up by one from the first line."""
    if first not in starts_at:
        return []
    run = [(first, *starts_at[first])]
    for i in range(first + 1, end):
        if i in starts_at and starts_at[i][0] == run[-1][1] + 1:
            run.append((i, *starts_at[i]))
    return run


def _read_as_endnotes(notes: Sequence[NoteDraft]) -> bool:
    """Whether most notes cite a page or a year and few read as a contents page's entries."""
    citing = entries = 0
    for note in notes:
        first = note.lines[0]
        text = " ".join(
            [first.text[note.text_start - first.start :], *(line.text for line in note.lines[1:])]
        )
        citing += any(character.isdigit() for character in text)
        entries += len(note.lines) == 1 and ends_entry(text)
    return 2 * citing >= len(notes) and 2 * entries < len(notes)


def _follow(
    starts: Sequence[tuple[int, int, int]], first_marker: dict[int, int], skip: int
) -> list[int | None]:
    """For each numbered line, the next numbered line of its run (``None`` at the run's end).

    That is the nearest line below numbered one more; failing that, one
    numbered up to ``skip`` more whose marker stands above.  One pass from the
    foot of the page up, remembering the nearest line below with each number.
    """
    follow: list[int | None] = [None] * len(starts)
    nearest: dict[int, int] = {}
    for k in range(len(starts) - 1, -1, -1):
        i, number, _ = starts[k]
        follow[k] = nearest.get(number + 1)
        for step in range(2, skip + 2):
            if follow[k] is not None:
                break
            if first_marker.get(number + step, i) < i:
                follow[k] = nearest.get(number + step)
        nearest[number] = k
    return follow


def _run(k: int, follow: Sequence[int | None]) -> list[int]:
    """The run of numbered lines that begins at ``k``."""
    run = [k]
    after = follow[k]
    while after is not None:
        run.append(after)
        after = follow[after]
    return run


def continuation_start(
    content: Sequence[TextLine], end: int, spaced: bool, long_line: float, note_open: bool
) -> int:
    """Where lines that carry on the previous page's last note begin (``end`` if none).

    They stand just above the page's first numbered note ``content[end]`` (or
    at the foot of a page without one).  In the spaced style they are the
    single-spaced lines run together with the first note; in plain text they
    are lines set long (at least ``long_line``) in the notes' smaller font,
    and only an unfinished note looks for them there.
    """
    if spaced:
        return _tight_run_start(content, end, note_open)
    if not note_open or (end < len(content) and content[end].gap > 0):
        return end
    k = end
    seen_long = False
    while k > 0:
        line = content[k - 1]
        is_long = len(line.text) >= long_line
        if not is_long and k != end:
            break
        seen_long = seen_long or is_long
        k -= 1
        if line.gap > 0:
            break
    return k if seen_long else end


def _tight_run_start(content: Sequence[TextLine], end: int, note_open: bool) -> int:
    """First line of the single-spaced run that ends at the note block."""
    if end < len(content):
        if content[end].gap != 0:
            return end
        k = end
    elif note_open and content:
        k = len(content) - 1
    else:
        return end
    while k > 0 and content[k].gap == 0:
        k -= 1
    return k if end - k >= (1 if end < len(content) else 2) else end


#: The fewest markers, counting up by one, that confirm one another on a page without notes.
_ENDNOTE_RUN = 2


def endnote_markers(original: str, candidates: Sequence[Sequence[Marker]]) -> list[list[Marker]]:
    """The markers of a page whose notes stand elsewhere (endnotes), line by line, as they confirm each other.

    With no note on the page to confirm a marker, the markers confirm one
    another: digits whose numbers count up by one through the page
    (``debt.12 ... long13 ... poets.14``), one of them at least raised or
    after punctuation.  A raised number alone counts too.  A raised number
    after a digit (``10³``) or a lone letter (``m²``) is no marker.

    >>> text = "in debt.12 Their report was long13 and in 1879.2 It"
    >>> marks = marker_candidates(text, [TextLine(0, 0, 0, len(text), text, 0)])
    >>> [[m.number for m in line] for line in endnote_markers(text, marks)]
    [[12, 13]]
    """
    usable = [
        [m for m in markers if m.rank < SUPERSCRIPT or _after_word(original, m.start)]
        for markers in candidates
    ]
    chains: dict[int, list[Marker]] = {}  # the longest chain counting up to each number seen
    for markers in usable:
        for marker in markers:
            before = chains.get(marker.number - 1, [])
            if len(before) + 1 > len(chains.get(marker.number, [])):
                chains[marker.number] = [*before, marker]
    accepted = {id(m) for markers in usable for m in markers if m.rank == SUPERSCRIPT}
    for chain in chains.values():
        if len(chain) >= _ENDNOTE_RUN and any(m.rank >= AFTER_PUNCTUATION for m in chain):
            accepted.update(id(m) for m in chain)
    return [[m for m in markers if id(m) in accepted] for markers in usable]


def _after_word(original: str, start: int) -> bool:
    """Whether a word of two letters or more, perhaps with punctuation after it, ends at ``start``."""
    end = start
    while end > 0 and original[end - 1] in _LEAD:
        end -= 1
    return end >= 2 and original[end - 1].isalpha() and original[end - 2].isalpha()


def link_markers(
    body: Sequence[TextLine], candidates: Sequence[Sequence[Marker]], numbers: set[int]
) -> dict[int, list[Marker]]:
    """The confirmed markers of the body, by line number.

    A superscript counts whenever a note of its number stands on the page.
    Plain digits count once per note: the best-ranked candidate of each number
    (``tug.3`` before ``A3``), and only in order after the markers before it.
    """
    chosen: dict[int, Marker] = {}
    for markers in candidates[: len(body)]:
        for marker in markers:
            if marker.rank < SUPERSCRIPT and marker.number in numbers:
                best = chosen.get(marker.number)
                if best is None or marker.rank > best.rank:
                    chosen[marker.number] = marker
    linked: dict[int, list[Marker]] = {}
    last = -1
    for line, markers in zip(body, candidates, strict=False):
        for marker in markers:
            if marker.number not in numbers:
                continue
            if marker.rank < SUPERSCRIPT and (chosen[marker.number] is not marker or marker.number <= last):
                continue
            linked.setdefault(line.number, []).append(marker)
            last = max(last, marker.number)
    return linked
