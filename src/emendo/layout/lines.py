"""The lines of a page, with offsets, and what their shapes say.

Layout reads a page as its non-blank lines.  Each keeps the offsets of its
visible text in the page's original and the number of blank lines before it,
which is all the vertical information plain text keeps.  Some extractors put
a fixed number of blank lines between *every* line (the "spaced" style); there
the blank lines between lines of one paragraph mean nothing, and what tells is
where the spacing changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from emendo.model import Line, Page

#: Superscript digits as extractors give them (U+00B9, U+00B2, U+00B3 and U+2070-U+2079).
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUES = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

#: What may follow the end of a sentence on its line: a note marker still glued
#: on, closing quotes and brackets.
_MARKER_CHARACTERS = "0123456789" + SUPERSCRIPT_DIGITS
_CLOSERS = "\"”’'»)]"
#: Line ends that break a word or join without a space: no room can be read off them.
_LINE_END_BREAKS = "-\u2010\u2011\u00ad¬—–―"


@dataclass(slots=True)  # not frozen: one is built per line, and frozen ones cost 3x
class TextLine:
    """A non-blank line of a page as layout reads it.

    ``start``/``end`` bound the visible text (no surrounding spaces, no
    terminator) in the page's original; ``gap`` counts the blank lines between
    this line and the one before it, or the top of the page; ``space_end`` is
    where the whitespace after it ends (the next line's start, or the page's
    end); ``number`` is the line's index among the page's non-blank lines
    (``page.lines[number]``); ``indent`` counts the spaces before the text on
    its own line, which column-preserving extractors keep.
    """

    page: int
    number: int
    start: int
    end: int
    text: str
    gap: int
    space_end: int = 0
    indent: int = 0


def superscript_value(digits: str) -> int:
    """The number that superscript digits write.

    >>> superscript_value("³⁴")
    34
    """
    return int(digits.translate(_SUPERSCRIPT_VALUES))


#: What extractors write for a ligature glyph whose font maps it to no letters:
#: TeX's raw codes (OT1 ``\\x0b``-``\\x0f``, T1 ``\\x1b``-``\\x1f``) and the spacing
#: accents PDFDocEncoding shows for such codes (``di˙erent``).  Layout counts
#: them as letters of the word they stand in; :mod:`emendo.words.encoding` reads them.
GLYPH_STAND_INS = "\x0b\x0c\x0d\x0e\x0f\x1b\x1c\x1d\x1e\x1f\u02d8\u02c7\u02c6\u02d9\u02dd\u02db\u02da\u02dc"
#: Control characters that :meth:`str.splitlines` cuts at are also raw codes of
#: ligature glyphs in TeX fonts (``signi\\x0ccant``, ``re\\rected``).  On a page
#: whose words hold such codes (a carriage return, which may end a line, is no
#: proof) they are letters, and only line feeds end lines.  (The pattern starts
#: with the code, which scans fast.)
_GLYPH_CODE_IN_WORD = re.compile(r"[\x0b\x0c\x0e\x0f\x1c-\x1f](?<=[^\W\d_].)(?=[a-z])")
#: Whitespace around a line's text on such a page: what :meth:`str.strip` takes, less the glyph codes.
_SPACES = (
    "\t\n \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_AFTER_LINE_FEED = re.compile(r"(?<=\n)")


def _raw_lines(text: str) -> list[str] | None:
    """The lines of a page with their terminators, cut only at line feeds, if
    glyph codes stand inside its words; None for a page :meth:`str.splitlines` may cut.

    >>> _raw_lines("one\\x0bTwo\\n"), _raw_lines("an e\\x0bect\\r\\nre\\rected\\n")
    (None, ['an e\\x0bect\\r\\n', 're\\rected\\n'])
    """
    if _GLYPH_CODE_IN_WORD.search(text):
        return [line for line in _AFTER_LINE_FEED.split(text) if line]
    return None


def _visible(raw: str, coded: bool) -> tuple[str, int]:
    """The visible text of a line (no terminator, no spaces around it) and the width of the space before it.

    On a page with glyph codes, a code at either end of the line is a letter.
    """
    if not coded:
        text = raw.strip()
        return text, len(raw) - len(raw.lstrip())
    body = raw.removesuffix("\n").removesuffix("\r")
    return body.strip(_SPACES), len(body) - len(body.lstrip(_SPACES))


def read_lines(page: Page) -> tuple[list[Line], list[TextLine]]:
    """The page's non-blank lines, as model lines and as layout lines.

    :meth:`str.splitlines` (one C call) cuts the page; a blank line only
    counts towards the next line's gap.

    >>> _, lines = read_lines(Page(0, "Head 1\\n\\n\\n  body\\n"))
    >>> [(line.text, line.start, line.gap, line.space_end) for line in lines]
    [('Head 1', 0, 0, 11), ('body', 11, 2, 16)]
    """
    index = page.index
    model: list[Line] = []
    layout: list[TextLine] = []
    offset = 0
    blanks = 0
    coded = _raw_lines(page.original)
    for raw in page.original.splitlines(keepends=True) if coded is None else coded:
        text, indent = _visible(raw, coded is not None)
        if text:
            start = offset + indent
            end = start + len(text)
            number = len(layout)
            if number:
                layout[-1].space_end = start
            model.append(Line(index, number, start, end, text))
            layout.append(TextLine(index, number, start, end, text, blanks, indent=indent))
            blanks = 0
        else:
            blanks += 1
        offset += len(raw)
    if layout:
        layout[-1].space_end = len(page.original)
    return model, layout


def spaced_gap(lines: Sequence[TextLine], min_gaps: int, min_share: float, mid_sentence_share: float) -> int:
    """The blank lines that separate lines *within* a paragraph: 0 in plain text.

    The spaced style puts the same number of blank lines between most lines
    that have blank lines between them (single-spaced notes and quotes do
    not count), mostly in mid-sentence; a page that leaves blank lines only
    after sentence ends separates paragraphs that way and is plain text.
    A line less than half as long as most (a heading, a paragraph's last
    line) says nothing of the style: blank lines set headings off in any.

    >>> lines = [TextLine(0, n, 0, 0, "a line that goes on", 2) for n in range(5)]
    >>> spaced_gap(lines, 3, 0.3, 0.5)
    2
    >>> headings = [TextLine(0, n, 0, 0, "Part One", 1) for n in range(3)]
    >>> spaced_gap(headings + [TextLine(0, 3, 0, 0, "a line that goes on and on", 0)] * 5, 3, 0.3, 0.5)
    0
    """
    if all(line.gap == 0 for line in lines[1:]):
        return 0  # no blank lines at all: plain text
    gaps: Counter[int] = Counter()
    mid_sentence: Counter[int] = Counter()
    lengths = sorted(len(line.text) for line in lines)
    shortest = lengths[len(lengths) // 2] / 2
    for before, line in pairwise(lines):
        if len(before.text) < shortest:
            continue
        gaps[line.gap] += 1
        if not ends_sentence(before.text):
            mid_sentence[line.gap] += 1
    total = sum(count for gap, count in gaps.items() if gap > 0)
    for gap, count in gaps.most_common():
        frequent = gap > 0 and count >= min_gaps and count >= min_share * total
        if frequent and mid_sentence[gap] >= mid_sentence_share * count:
            return gap
    return 0


def measure(lengths: Iterable[int]) -> float:
    """The typical length of a full line: the median of the lines that are not short.

    Short lines (a paragraph's last, a heading, a line of verse) are left
    out, so that a page with many of them is measured by its prose:
    short is under :data:`_FULL_SHARE` of a long line, the 90th percentile
    (one stray line of a table is no measure).

    >>> measure([80, 82, 85, 30, 84])
    83.0
    >>> measure([67, 68, 35, 34, 22, 31, 28, 67, 70])  # four lines of a poem among prose
    67.5
    """
    values = sorted(lengths)
    if not values:
        return 0.0
    long_line = values[(9 * (len(values) - 1)) // 10]
    return median(value for value in values if value >= _FULL_SHARE * long_line)


#: A line is full (for :func:`measure`) from this share of a long line's length.
_FULL_SHARE = 0.6


def fit_limit(
    pairs: Iterable[tuple[str, str]],
    quantile: float,
    min_samples: int,
    shortest: float = 0.0,
    length: Callable[[str], int] = len,
) -> float | None:
    """How long a line with the next line's first word gets when that word did not fit.

    Measured on pairs of consecutive lines inside a sentence (neither a
    hyphen nor a dash at the end, so the line ended for want of room): a low
    quantile of ``len(line) + 1 + len(next first word)``.  A sentence end
    below it left room the next word would have taken: a paragraph ended
    there.  Lines shorter than ``shortest`` ended for another reason (a
    heading, a line of verse, a table of contents) and are not measured: a
    few of them would set the quantile at their own length.  ``None`` when
    there are fewer than ``min_samples`` pairs.  ``length`` measures a line
    as printed (see :func:`~emendo.layout.analyse_layout`).

    >>> pairs = [("a line of some length", "words go on")] * 20
    >>> fit_limit(pairs, 0.05, 20)
    27
    >>> fit_limit([*pairs, *[("Contents", "Chapter One")] * 3], 0.05, 20, shortest=16)
    27
    """
    lengths = sorted(
        length(line) + 1 + length(first_word(following))
        for line, following in pairs
        if length(line) >= shortest and line[-1:] not in _LINE_END_BREAKS and not ends_sentence(line)
    )
    if len(lengths) < min_samples:
        return None
    return lengths[int(quantile * len(lengths))]


def first_word(text: str) -> str:
    """The first word of a line, as far as the first space.

    >>> first_word("Stalin’s reaction"), first_word("")
    ('Stalin’s', '')
    """
    return text.split(maxsplit=1)[0] if text.strip() else ""


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or announces more with a colon).

    >>> ends_sentence("at the time.²"), ends_sentence("so far as to state:"), ends_sentence("the")
    (True, True, False)
    >>> ends_sentence("he writes:—"), ends_sentence("a new fact—")
    (True, False)
    """
    return _last_mark(text) in {".", "!", "?", "…", ":"}


def closes_sentence(text: str) -> bool:
    """Whether a line ends a sentence outright (a colon does not).

    >>> closes_sentence("agents.”³³"), closes_sentence("as follows:")
    (True, False)
    """
    return _last_mark(text) in {".", "!", "?", "…"}


def _last_mark(text: str) -> str:
    """The punctuation a line ends on, past markers and closing quotes (``:—`` reads as ``:``)."""
    bare = text.rstrip(_MARKER_CHARACTERS).rstrip(_CLOSERS)
    if bare[-2:-1] in {":", "."} and bare[-1:] in {"—", "–"}:
        return bare[-2]
    return bare[-1:]


def starts_mid_sentence(text: str) -> bool:
    """Whether a line carries on a sentence begun before it.

    >>> starts_mid_sentence("nent role."), starts_mid_sentence("Stalin wrote")
    (True, False)
    """
    return text[:1].islower() or text[:1] in ",;:)]"


_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
#: Words a title leaves in lower case.
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over"}
    | {"per", "the", "to", "upon", "via", "vs", "versus", "with", "without", "against", "between", "after"}
    | {"before", "during", "under", "about", "through"}
)


def is_title_case(text: str) -> bool:
    """Whether every word but the small ones is capitalised, as in a title.

    >>> is_title_case("Japan and Caucasian Émigré Forces"), is_title_case("Stalin wrote to him")
    (True, False)
    """
    words = _WORD.findall(text)
    if not words or not words[0][0].isupper():
        return False
    return all(word[0].isupper() or word.casefold() in _MINOR_WORDS for word in words)


#: A page reference ending a line, as contents and index entries end: ``112``,
#: ``201–3``, ``64n``, ``14 ff.``, front matter's ``xiii``; leader dots may run up to it
#: (``Preface ........ xi``).  A full stop after it ends a note, not an entry.
_LOCATOR_END = re.compile(
    r"(?:^|[\s.,(])(?:\d{1,4}(?:[–-]\d{1,4})?[nf]?|\d{1,4}\s?ff?\."
    r"|c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))$"
)
#: The longest locator: it is looked for only this far from the end of a line.
_LOCATOR_REACH = 16
#: A cross-reference ends an index entry too: ``Gdańsk. See Danzig``.
_CROSS_REFERENCE_END = re.compile(r"[.,;(]\s*[Ss]ee(?: also)? [^\W\d_][^.;:]*\)?$")


def ends_entry(text: str) -> bool:
    """Whether a line ends as an entry of a contents page or an index does: with a page or a cross-reference.

    >>> [ends_entry(t) for t in ("Aachen, 44, 112", "Preface xi", "Elbing, 64n", "Gdańsk. See Danzig")]
    [True, True, True, True]
    >>> [ends_entry(t) for t in ("(Warsaw, 1962), 88.", "merchants of, 58, 61; revolt of 1577,", "a mix", "")]
    [False, False, False, False]
    """
    last = text[-1:]
    if last.isdigit() or (last and last in "ivxlcnf") or text.endswith("f."):
        found = _LOCATOR_END.search(text, max(0, len(text) - _LOCATOR_REACH))
        if found and found.group().strip(" .,("):
            return True
    return "ee " in text and bool(_CROSS_REFERENCE_END.search(text))


#: The word that names a division of a book, its first letter perhaps set apart
#: from the small capitals after it, as extractors do (``C HAPTER``): match it
#: ignoring case.
DIVISION = r"(?:c ?hapter|p ?art|b ?ook)"
#: A well-formed lower-case roman numeral, as a pattern to put inside others;
#: it also matches nothing, so a caller says how many letters it needs.
ROMAN_NUMERAL = r"m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"


def word_count(text: str) -> int:
    """How many words (runs that start with a letter) a line has.

    >>> word_count("6.2 Japan and Caucasian Émigré Forces")
    5
    """
    return len(_WORD.findall(text))
