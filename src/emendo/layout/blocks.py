"""The body of a page as blocks: paragraphs, headings and block quotes.

Plain text keeps only line lengths and blank lines, so that is what tells.
A paragraph ends on a line that ends a sentence well short of the measure.
Where the extractor wrote a paragraph to a line (lines longer than any
printed line), a line that ends a sentence ends its paragraph.
A block quote is set in a smaller font, so its lines run longer than the
measure (in the spaced style, it is a run of single-spaced lines; where the
extractor kept the columns, a run of lines set in from the margin).  A heading
is a short line standing alone: numbered (``6.2 Title``, its level the depth
of the number) or, more carefully, an unnumbered line in title case between
finished paragraphs.  A false heading cuts a paragraph in two, which is worse
than a heading missed, so every heading must pass every test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from emendo.layout.config import LayoutConfig
from emendo.layout.lines import (
    DIVISION,
    TextLine,
    closes_sentence,
    ends_entry,
    ends_sentence,
    first_word,
    is_title_case,
    starts_mid_sentence,
    word_count,
)
from emendo.model import BlockType

_NUMBERED_HEADING = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<title>\S.*)")
#: Numbers spelled out in a heading (``Chapter Three``, ``Part the First``).
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    "ninth|tenth|eleventh|twelfth|last"
)
_NUMBER = rf"(?:\d{{1,3}}|[ivxlc]{{1,6}}|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))?)"
_NAMED_HEADING = re.compile(rf"{DIVISION}\s+(?:the\s+)?{_NUMBER}\b.*", re.IGNORECASE)
#: A line set letter-spaced, as display type is: four letters or more, each standing alone.
_LETTER_SPACED = re.compile(r"[^\W\d_](?: [^\W\d_]){3,}")
_UNFINISHED_END = ".,;:-‐–—"


@dataclass(slots=True)
class BlockDraft:
    """A block being put together from lines (of one page, or more once joined).

    ``opens_mid_sentence`` and ``closes_paragraph`` say whether its first line
    carries on an earlier sentence and whether its last line (a short one
    ending a sentence) ends the block; with ``room`` (how long a word would
    still have fit after its last line), ``first_length`` (its first word's,
    as printed), ``closes_sentence`` and ``opens_indented`` (its first line
    set in from the page's margin, as a paragraph opens where the extractor
    kept the columns) they decide joins across pages and the fragment flags.
    """

    type: BlockType
    lines: list[TextLine]
    level: int | None = None
    opens_mid_sentence: bool = False
    closes_paragraph: bool = True
    room: float = 0.0
    first_length: int = 0
    closes_sentence: bool = False
    opens_indented: bool = False

    def ends_before(self, following: BlockDraft) -> bool:
        """Whether this block ends where ``following`` (the next page's first block) begins."""
        return (
            self.closes_paragraph
            or following.first_length < self.room
            or (self.closes_sentence and following.opens_indented)
        )


@dataclass(frozen=True, slots=True)
class BodyShape:
    """What segmentation needs to know of a page's body besides its lines.

    ``spaced`` is the blank-line gap inside paragraphs (0 in plain text),
    ``measure`` the typical length of a full line, and ``fit`` the length a
    line with the first word of the next line reaches when that word did
    not fit on it (``None`` when the document is too short to tell).
    ``lines_are_paragraphs`` says the extractor wrote each paragraph as one
    line (lines longer than any printed line): a line that ends a sentence
    ends its paragraph, and length tells nothing of quotes.
    """

    spaced: int
    measure: float
    fit: float | None = None
    lines_are_paragraphs: bool = False
    length: Callable[[str], int] = len

    def room(self, text: str) -> float:
        """How long a next word could be that would still have fit after a sentence ending ``text``.

        Nothing fits (0) after a line that does not end a sentence.
        """
        if self.fit is None or not ends_sentence(text):
            return 0.0
        return self.fit - self.length(text) - 1


def segment_body(
    body: Sequence[TextLine], plain: Sequence[str], shape: BodyShape, config: LayoutConfig
) -> list[BlockDraft]:
    """The blocks of one page's body, in order.

    ``plain[i]`` is ``body[i]``'s text without its note markers, which is what
    the shape tests read.  On a list page (contents, an index: most lines end
    with a page reference) each entry is a block of its own, and a line that
    ends without one (``in Poland,``, ``grain ex-``) runs on into the next;
    a line in capitals (``CONTENTS``, an index's ``B``) is its heading.  Under
    a hanging indent (a bibliography), each line at the margin begins an entry.
    """
    hard = _hard_breaks(body, plain, shape.spaced)
    entries = [ends_entry(text) for text in plain]
    is_list = len(plain) >= config.list_min_lines and sum(entries) >= config.list_entry_share * len(plain)
    titles = [text.isupper() for text in plain] if is_list else []  # ``CONTENTS``, an index's ``A``
    hanging = not (shape.lines_are_paragraphs or is_list) and _hanging(body, plain, shape, config)
    if shape.lines_are_paragraphs:
        hard = [h or (i > 0 and ends_sentence(plain[i - 1])) for i, h in enumerate(hard)]
        quotes = [False] * len(body)
    elif is_list:
        hard = [h or (i > 0 and (entries[i - 1] or titles[i - 1] or titles[i])) for i, h in enumerate(hard)]
        quotes = [False] * len(body)
    elif hanging:
        hard = _hanging_breaks(body, plain)
        quotes = [False] * len(body)
    else:
        quotes = _quote_lines(body, plain, hard, shape, config)
    blocks: list[BlockDraft] = []
    previous_heading = False
    for i, line in enumerate(body):
        if is_list:
            level = config.unnumbered_heading_level if titles[i] and not entries[i] else None
        elif quotes[i] or (hanging and i + 1 < len(body) and not hard[i + 1]):
            level = None  # under a hanging indent, the indented line after carries the entry on
        else:
            level = _heading_level(i, plain, hard, previous_heading, shape.measure, config)
        block_type = BlockType.QUOTE if quotes[i] else BlockType.HEADING if level else BlockType.PARAGRAPH
        starts = (
            not blocks
            or hard[i]
            or level is not None
            or previous_heading
            or blocks[-1].type is not block_type
            or (
                block_type is BlockType.PARAGRAPH
                and _ends_paragraph(body[i - 1], plain[i - 1], plain[i], shape, config)
            )
        )
        if starts:
            blocks.append(
                BlockDraft(block_type, [line], level, opens_mid_sentence=starts_mid_sentence(plain[i]))
            )
        else:
            blocks[-1].lines.append(line)
        previous_heading = level is not None
    plain_of = {line.number: text for line, text in zip(body, plain, strict=True)}
    margin = min((line.indent for line in body), default=0)
    for block in blocks:
        block.first_length = shape.length(first_word(plain_of[block.lines[0].number]))
        block.opens_indented = block.lines[0].indent >= margin + _INDENT
        if block.type is not BlockType.HEADING:
            last = plain_of[block.lines[-1].number]
            block.closes_paragraph = _closes(last, shape, config) or (is_list and ends_entry(last))
            block.closes_sentence = ends_sentence(last)
            block.room = shape.room(block.lines[-1].text)
    return blocks


def section_heading(lines: Sequence[TextLine], config: LayoutConfig) -> BlockDraft:
    """The heading of a section of endnotes (``Chapter 3``): the notes below it count from 1 again."""
    return BlockDraft(BlockType.HEADING, list(lines), config.unnumbered_heading_level)


#: Spaces of indent, beyond the page's margin, that open a paragraph in column-preserving text.
_INDENT = 2


def _hard_breaks(body: Sequence[TextLine], plain: Sequence[str], spaced: int) -> list[bool]:
    """Whether the spacing alone ends a block before each line.

    In plain text any blank line does, and so does an indent after a
    sentence end, where the extractor kept the columns.  In the spaced style the usual gap
    joins lines; a different gap breaks, and so does the start or end of a run
    of single-spaced lines (a block quote).  A gap inside a sentence (after a
    line that does not end one, before a line that carries it on) breaks
    nothing: it is an accident of extraction.
    """
    tight = [
        spaced > 0 and ((i > 0 and line.gap == 0) or (i + 1 < len(body) and body[i + 1].gap == 0))
        for i, line in enumerate(body)
    ]
    hard = [i == 0 for i in range(len(body))]
    margin = min((line.indent for line in body), default=0)
    for i in range(1, len(body)):
        gap = body[i].gap
        if spaced and gap == spaced:
            hard[i] = tight[i] or tight[i - 1]
        elif gap > 0:
            hard[i] = ends_sentence(plain[i - 1]) or not starts_mid_sentence(plain[i])
        elif body[i].indent >= margin + _INDENT and body[i - 1].indent < body[i].indent:
            hard[i] = ends_sentence(plain[i - 1]) and not starts_mid_sentence(plain[i])
    return hard


def _hanging(body: Sequence[TextLine], plain: Sequence[str], shape: BodyShape, config: LayoutConfig) -> bool:
    """Whether the page sets its entries with a hanging indent, as a bibliography does.

    Where the extractor kept the columns, a paragraph's indented line opens
    one line in many, most often after a line that closed the paragraph
    before; a bibliography's indented lines, one line in four or more,
    carry on an entry too long for its first line.  Two of three indented
    lines after a line that closes nothing (``Bang, Nina Ellinger. Tabeller
    over ... gen-``) tell the second, where they stand in runs (entries)
    and no run is as long as a block quote.
    """
    margin = min((line.indent for line in body), default=0)
    indented = [
        i for i in range(1, len(body)) if margin + _INDENT <= body[i].indent <= margin + _HANGING_INDENT
    ]
    if len(indented) < config.quote_min_lines + 1 or _HANGING_SHARE * len(indented) < len(body):
        return False  # a paragraph's indent opens one line in many
    runs = [1]  # the lengths of the runs of indented lines
    for before, after in pairwise(indented):
        if after == before + 1:
            runs[-1] += 1
        else:
            runs.append(1)
    if len(runs) < 2 or max(runs) > _HANGING_RUN:
        return False  # one run of indented lines, or a long one, is a block quote
    carried_on = sum(not _closes(plain[i - 1], shape, config) for i in indented)
    return 3 * carried_on >= 2 * len(indented)


#: Under a hanging indent, at least one line in this many is indented, by at
#: most this many spaces (a centred heading stands further in).
_HANGING_SHARE = 4
_HANGING_INDENT = 8
#: An entry under a hanging indent carries on for at most this many indented lines.
_HANGING_RUN = 3


def _hanging_breaks(body: Sequence[TextLine], plain: Sequence[str]) -> list[bool]:
    """Under a hanging indent, each line at the margin begins an entry, unless it carries a sentence on."""
    margin = min((line.indent for line in body), default=0)
    return [
        i == 0 or (line.indent < margin + _INDENT and not starts_mid_sentence(plain[i]))
        for i, line in enumerate(body)
    ]


def _quote_lines(
    body: Sequence[TextLine],
    plain: Sequence[str],
    hard: Sequence[bool],
    shape: BodyShape,
    config: LayoutConfig,
) -> list[bool]:
    """Which lines belong to block quotes."""
    quote = [False] * len(body)
    if shape.spaced:
        run_start = 0
        for i in range(1, len(body) + 1):
            if i == len(body) or body[i].gap != 0:
                if i - run_start >= config.quote_min_lines:
                    quote[run_start:i] = [True] * (i - run_start)
                run_start = i
        return quote
    long_line = config.quote_line_ratio * shape.measure
    i = 0
    while i < len(body):
        j = i
        while j < len(body) and len(plain[j]) >= long_line and (j == i or not hard[j]):
            j += 1
        opens = i == 0 or hard[i] or ends_sentence(plain[i - 1])
        if j - i >= config.quote_min_lines and opens:
            if j < len(body) and not hard[j] and ends_sentence(plain[j]):
                j += 1  # the quote's last line, short as a last line is
            quote[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    for start, end in _indented_runs(body, plain, config.quote_min_lines):
        quote[start:end] = [True] * (end - start)
    return quote


def _indented_runs(body: Sequence[TextLine], plain: Sequence[str], min_lines: int) -> list[tuple[int, int]]:
    """Runs of lines set in from the page's margin, as a block quote is where the extractor kept columns.

    Every line of the run stands at the same indent, beyond a paragraph's
    opening one; the line before it stands at the margin and ends a
    sentence or a clause that introduces the quote; one of its lines carries
    a sentence on to the next (two one-line paragraphs, each opened by an
    indent, are no quote).
    """
    margin = min((line.indent for line in body), default=0)
    runs: list[tuple[int, int]] = []
    if all(line.indent < margin + _INDENT for line in body):
        return runs  # plain text keeps no indents: nothing to look for
    i = 1
    while i < len(body):
        indent = body[i].indent
        j = i
        while j < len(body) and indent >= margin + _INDENT and abs(body[j].indent - indent) <= 1:
            j += 1
        introduced = body[i - 1].indent <= margin + 1 and (
            ends_sentence(plain[i - 1]) or plain[i - 1].rstrip()[-1:] in _INTRODUCES
        )
        runs_on = any(not ends_sentence(text) for text in plain[i : j - 1])
        if j - i >= min_lines and introduced and runs_on:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


#: What ends the clause that introduces a block quote (``As one observer wrote,``).
_INTRODUCES = ":,"


def _heading_level(
    i: int,
    plain: Sequence[str],
    hard: Sequence[bool],
    after_heading: bool,
    measure: float,
    config: LayoutConfig,
) -> int | None:
    """The level of the heading ``plain[i]`` is, or ``None`` if it is body text.

    A letter-spaced line standing alone is a heading (``C H A P T E R  T W O``):
    body text is not set so.
    """
    text = plain[i]
    spaced = bool(_LETTER_SPACED.fullmatch(text))
    if spaced:
        text = text.replace(" ", "")
    if (
        not text[:1].isalnum()
        or len(text) > config.heading_max_ratio * measure
        or word_count(text) > config.heading_max_words
        or text[-1] in _UNFINISHED_END
    ):
        return None
    alone_before = i == 0 or hard[i] or after_heading or closes_sentence(plain[i - 1])
    has_next = i + 1 < len(plain)
    alone_after = not has_next or hard[i + 1] or not starts_mid_sentence(plain[i + 1])
    if not (alone_before and alone_after):
        return None
    if spaced:
        return 1
    numbered = _NUMBERED_HEADING.fullmatch(text)
    if numbered:
        title = numbered.group("title")
        depth = numbered.group("number").count(".") + 1
        if title[:1].isupper() and (depth > 1 or is_title_case(title)):
            return depth
        return None
    if _NAMED_HEADING.fullmatch(text):
        return 1
    if i > 0 and has_next and is_title_case(text) and not text[:1].isdigit():
        return config.unnumbered_heading_level
    return None


def _ends_paragraph(line: TextLine, before: str, after: str, shape: BodyShape, config: LayoutConfig) -> bool:
    """Whether a paragraph ends between two lines.

    The line before ends a sentence, the line after does not carry one on,
    and either the line before is short or the first word of the line after
    would have fit on it (so the line was not ended for want of room).
    Room is measured on the line as printed, markers and all (``before`` is
    the line without them).
    """
    if starts_mid_sentence(after):
        return False
    return _closes(before, shape, config) or shape.length(first_word(after)) < shape.room(line.text)


def _closes(text: str, shape: BodyShape, config: LayoutConfig) -> bool:
    short = shape.lines_are_paragraphs or shape.length(text) < config.short_line_ratio * shape.measure
    return ends_sentence(text) and short
