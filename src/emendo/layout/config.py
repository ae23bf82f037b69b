"""Every threshold the layout pass uses, in one frozen, documented place."""

from __future__ import annotations

from dataclasses import dataclass

#: Lines that are site watermarks wherever they stand (matched, case-folded,
#: against the whole stripped line).  Learned repeats catch the rest.
DEFAULT_WATERMARKS: tuple[str, ...] = (
    r"free\s+download\s+pdf",
    r"\(?\s*wall\s*paper\s*\)?\s*#?\s*\d*",
    r"(?:this\s+content\s+)?downloaded\s+from\b.*",
    r"(?:https?://|www\.)\S+",
    r"[\w.-]+\.(?:com|net|org|info|ru)(?:/\S*)?",
)


@dataclass(frozen=True)
class LayoutConfig:
    """Thresholds of the layout pass; every default is a typeset book's.

    Lengths are measured in characters and most are ratios of the *measure*:
    the typical length of a full body line, learned per page (or over the
    whole document when a page has too few lines to tell).
    """

    #: How many lines at the top of a page may be furniture (site title,
    #: watermark, running head, page number).
    head_zone_lines: int = 4
    #: How many lines at the foot of a page may be furniture.
    foot_zone_lines: int = 3
    #: A running head is never longer than this share of the measure; longer
    #: lines ending in a number are body text.
    running_head_max_ratio: float = 0.9
    #: Regular expressions (whole stripped line, case-insensitive) of lines
    #: that are site watermarks wherever they stand.
    watermarks: tuple[str, ...] = DEFAULT_WATERMARKS
    #: A line (digits ignored) at the top or foot of at least this many pages
    #: is page furniture ...
    repeat_min_pages: int = 2
    #: ... and of at least this share of the document's pages (running heads
    #: alternate between the book and the chapter title, so half is common).
    repeat_min_share: float = 0.25
    #: The blank-line style (a fixed number of blank lines between the lines
    #: of a paragraph) needs at least this many such gaps on the page ...
    spaced_min_gaps: int = 2
    #: ... and at least this share of the page's gaps of blank lines ...
    spaced_min_share: float = 0.5
    #: ... of which at least this share must fall inside a sentence (a gap
    #: that always follows a sentence end is a paragraph break, not a style).
    spaced_mid_sentence_share: float = 0.5
    #: A line that ends a sentence and is shorter than this share of the
    #: measure ends its paragraph.
    short_line_ratio: float = 0.8
    #: A line that ends a sentence also ends its paragraph when the next
    #: line's first word would have fit on it: when the line, a space and that
    #: word fall below this quantile of what lines inside sentences measure
    #: with their next word (the document shows how full a full line is) ...
    fit_quantile: float = 0.05
    #: ... measured over at least this many lines (else only short lines tell).
    fit_min_lines: int = 20
    #: Block-quote lines are set in a smaller font, so they are at least this
    #: much longer than the measure ...
    quote_line_ratio: float = 1.1
    #: ... and a quote has at least this many such lines.
    quote_min_lines: int = 2
    #: A heading is at most this share of the measure ...
    heading_max_ratio: float = 0.75
    #: ... and at most this many words.
    heading_max_words: int = 12
    #: Level given to a heading that carries no number to count.
    unnumbered_heading_level: int = 2
    #: Footnote numbers have at most this many digits (books that number
    #: their notes through pass 999; a year opening a line is no note unless
    #: markers confirm it).
    note_number_digits: int = 4
    #: A run of notes may skip this many numbers where the body's markers
    #: confirm the number it goes on with (printed books do skip one).
    note_number_skip: int = 1
    #: Note lines are set smaller than body lines: a line at least this much
    #: longer than the measure reads as note text where nothing else tells.
    note_line_ratio: float = 1.05
    #: A page whose body has at least this many lines, at least this share of
    #: them ending with a page reference (``Aachen, 44, 112``, ``Preface xi``),
    #: is a list, a contents page or an index: a line that ends so ends its entry.
    list_min_lines: int = 4
    list_entry_share: float = 0.5
    #: A page with fewer body lines than this takes the document's measure.
    min_lines_to_measure: int = 8
    #: No printed line holds this many characters: a page whose measure is
    #: longer was written one paragraph to a line by its extractor.
    paragraph_line_min_length: int = 140

    def __post_init__(self) -> None:
        for name in ("head_zone_lines", "foot_zone_lines", "repeat_min_pages", "quote_min_lines"):
            if getattr(self, name) < 1:
                raise ValueError(f"LayoutConfig.{name} must be at least 1")
        if not 1 <= self.note_number_digits <= 4:
            raise ValueError("LayoutConfig.note_number_digits must be between 1 and 4")
