"""Page furniture: running heads, page numbers, site watermarks, title lines.

Furniture sits at the top and foot of a page.  Three kinds of evidence find
it, strongest first: the shape of a running head (a title and a page number
with a separator between them, in either order), lines that repeat at the top
or foot of many pages of the document (digits ignored, so ``#1`` and ``#2`` are
one watermark), and a short list of site watermarks.  On a page read alone,
what stands above the running head is the site's title line.  Across pages,
page numbers count on: where a page offers two numbers (a chapter title
ending in a year at the top, the folio at the foot), its neighbours decide.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil

from emendo.layout.config import LayoutConfig
from emendo.layout.lines import DIVISION, ROMAN_NUMERAL, TextLine, closes_sentence, is_title_case, word_count

RUNNING_HEAD = "running-head"
PAGE_NUMBER = "page-number"
WATERMARK = "watermark"
TITLE_LINE = "title-line"
REPEATED_LINE = "repeated-line"
RULE_LINE = "rule-line"

#: Between title and number: a lone odd symbol (``|``, ``•``, or a mis-decoded
#: ``Ë``), a typographic space, or a wide run of spaces.
_SEPARATOR = (
    r"(?:[ \t]+[^\sA-Za-z0-9]{1,2}[ \t]+"
    r"|[ \t]*[|•·‖¦][ \t]*"
    r"|[ \t]*[\u2000-\u200a\u3000]+[ \t]*"
    r"|[ \t]{2,})"
)
_TITLE_THEN_NUMBER = re.compile(rf"(?P<title>.*?\S){_SEPARATOR}(?P<number>\d{{1,4}})")
_NUMBER_THEN_TITLE = re.compile(rf"(?P<number>\d{{1,4}}){_SEPARATOR}(?P<title>\S.*)")
#: Front matter numbers its pages in lower-case roman: ``xii    Preface``.
_ROMAN_THEN_TITLE = re.compile(rf"(?P<roman>[ivxlcdm]{{1,7}}){_SEPARATOR}(?P<title>\S.*)")
_TITLE_THEN_ROMAN = re.compile(rf"(?P<title>.*?\S){_SEPARATOR}(?P<roman>[ivxlcdm]{{1,7}})")
_PLAIN_TITLE_THEN_NUMBER = re.compile(r"(?P<title>.*?\S) (?P<number>\d{1,4})")
_PLAIN_NUMBER_THEN_TITLE = re.compile(r"(?P<number>\d{1,4}) (?P<title>\S.*)")
#: A page number alone, perhaps between dashes or brackets, or named as one
#: (``Page 41 of 312``), but never with a full stop or comma: ``1876.`` is the
#: end of a note.
_BARE_NUMBER = re.compile(
    r"[-–—|•·*\[(<]{0,2}\s*(?:[Pp]age\s+)?(?:(?P<number>\d{1,4})|(?P<roman>[ivxlcdm]{1,7}))(?:\s+of\s+\d{1,4})?"
    r"\s*[-–—|•·*\])>]{0,2}"
)
#: The longest line that can be a page number alone.
_BARE_LENGTH = 18
_NUMBERED_LINE = re.compile(r"\d{1,4}[.)]?\s+\S")
_DIGITS = re.compile(r"\d+")
#: A drawn rule, most often the one above the footnotes, as extractors write it.
_RULE = re.compile(r"([_\-–—―─━=~.·])(?:\s*\1){2,}")
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class RunningHead:
    """What a furniture line tells of its page: the head's title, the number, and a roman
    numeral's letters (``label``), which front matter numbers its pages by."""

    title: str | None
    number: int | None
    label: str | None = None


@dataclass(slots=True)
class Furniture:
    """The furniture found on one page: line number to reason, and the metadata."""

    reasons: dict[int, str] = field(default_factory=dict)
    number: int | None = None
    label: str | None = None
    running_head: str | None = None


def parse_running_head(text: str, *, confirmed: bool = False) -> RunningHead | None:
    """Title and page number of a running head, or ``None`` for any other line.

    A single plain space between title and number is body text unless the
    title reads as one (two or more title-case words, no closing punctuation:
    ``2 Minutes, 4 March.`` is a footnote) or the line repeats across pages
    (``confirmed``).

    >>> parse_running_head("Moscow versus Tokyo Ë 129")
    RunningHead(title='Moscow versus Tokyo', number=129, label=None)
    >>> parse_running_head("128 | Chapter 6 The Eurasian Triangle")
    RunningHead(title='Chapter 6 The Eurasian Triangle', number=128, label=None)
    >>> parse_running_head("- 12 -")
    RunningHead(title=None, number=12, label=None)
    >>> parse_running_head("the war of 1904") is None
    True
    """
    return bare_page_number(text) or symbol_head(text) or _plain_head(text, confirmed)


def bare_page_number(text: str) -> RunningHead | None:
    """A line that is only a page number (arabic, or lower-case roman without a value).

    >>> bare_page_number("[129]"), bare_page_number("xii")
    (RunningHead(title=None, number=129, label=None), RunningHead(title=None, number=None, label='xii'))
    >>> bare_page_number("Page 41 of 312")
    RunningHead(title=None, number=41, label=None)
    """
    bare = _BARE_NUMBER.fullmatch(text) if len(text) <= _BARE_LENGTH else None
    if bare is None:
        return None
    number = bare.group("number")
    return RunningHead(None, int(number)) if number else RunningHead(None, None, bare.group("roman"))


def symbol_head(text: str) -> RunningHead | None:
    """A running head whose title and number a separator keeps apart.

    >>> symbol_head("Japan and Caucasian Émigré Forces · 135")
    RunningHead(title='Japan and Caucasian Émigré Forces', number=135, label=None)
    >>> symbol_head("xii      THE RISE OF THE NAVY")
    RunningHead(title='THE RISE OF THE NAVY', number=None, label='xii')
    """
    for pattern in _shapes(text, _NUMBER_THEN_TITLE, _TITLE_THEN_NUMBER):
        match = pattern.fullmatch(text)
        if match and _reads_as_title(match.group("title")):
            return RunningHead(match.group("title").strip(), int(match.group("number")))
    for pattern, letter in ((_ROMAN_THEN_TITLE, text[:1]), (_TITLE_THEN_ROMAN, text[-1:])):
        match = pattern.fullmatch(text) if letter and letter in "ivxlcdm" else None
        if match and _reads_as_title(match.group("title")):
            return RunningHead(match.group("title").strip(), None, match.group("roman"))
    return None


def _shapes(text: str, number_first: re.Pattern[str], number_last: re.Pattern[str]) -> list[re.Pattern[str]]:
    """The head shapes worth trying: only a line that starts or ends with digits can be one."""
    return [p for p, digit in ((number_first, text[:1]), (number_last, text[-1:])) if digit.isdigit()]


def _plain_head(text: str, confirmed: bool) -> RunningHead | None:
    """A head whose title and number only a space keeps apart (see :func:`parse_running_head`).

    A year after a title (``The Crisis of 1846``) is a chapter title, not a
    page number, unless the line repeats from page to page; so is the
    number of a division (``C HAPTER 3``).

    >>> _plain_head("The Crisis of 1846", False) is None, _plain_head("The Crisis of 1846", True)
    (True, RunningHead(title='The Crisis of', number=1846, label=None))
    >>> _plain_head("C HAPTER 3", False) is None
    True
    """
    for pattern in _shapes(text, _PLAIN_NUMBER_THEN_TITLE, _PLAIN_TITLE_THEN_NUMBER):
        match = pattern.fullmatch(text)
        if match and _reads_as_title(match.group("title")):
            title = match.group("title").strip()
            number = int(match.group("number"))
            reads_as_head = (
                word_count(title) >= 2
                and is_title_case(title)
                and title[-1] not in ".,;:"
                and not _YEARS[0] <= number <= _YEARS[1]
                and not _DIVISION.fullmatch(title)
            )
            if confirmed or reads_as_head:
                return RunningHead(title, number)
    return None


_DIVISION = re.compile(DIVISION, re.IGNORECASE)
#: Numbers that read as years; a book this long is rarer than a title that ends in a year.
_YEARS = (1400, 2100)


def _reads_as_title(title: str) -> bool:
    return _LETTER.search(title) is not None and not title.lstrip()[:1].islower()


def repeat_key(text: str) -> str | None:
    """The line as it repeats from page to page: case, spacing and digits ignored.

    Lines shaped like footnotes (``12 Ibid., 45.``) are left out: notes at the
    foot of many pages look alike once their digits are gone.

    >>> repeat_key("(WallPaper) #12") == repeat_key("(Wallpaper)  #3")
    True
    >>> repeat_key("12 Ibid., 45.") is None, repeat_key("4. Ibid., 231.") is None
    (True, True)
    """
    if _TWO_LETTERS.search(text) is None:
        return None
    if _NUMBERED_LINE.match(text) and _NUMBER_THEN_TITLE.fullmatch(text) is None:
        return None
    return _DIGITS.sub("0", " ".join(text.casefold().split()))


def zones(lines: Sequence[TextLine], config: LayoutConfig) -> tuple[Sequence[TextLine], Sequence[TextLine]]:
    """The lines where furniture can stand: the top of a page, and its foot."""
    head = config.head_zone_lines
    return lines[:head], lines[max(head, len(lines) - config.foot_zone_lines) :]


def zone_lines(lines: Sequence[TextLine], config: LayoutConfig) -> Iterable[TextLine]:
    """The lines of both :func:`zones`, top first."""
    return itertools.chain(*zones(lines, config))


def learn_repeats(pages: Iterable[Sequence[TextLine]], config: LayoutConfig) -> frozenset[str]:
    """Keys of the lines that stand at the top or foot of many pages.

    One linear pass with a counter; each page counts a line once.
    """
    counts: Counter[str] = Counter()
    page_count = 0
    for lines in pages:
        page_count += 1
        counts.update({key for line in zone_lines(lines, config) if (key := repeat_key(line.text))})
    needed = max(config.repeat_min_pages, ceil(config.repeat_min_share * page_count))
    return frozenset(key for key, count in counts.items() if count >= needed)


@lru_cache(maxsize=8)
def watermark_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern for a config's watermarks (compiled once per config)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Verdict:
    reason: str
    head: RunningHead | None = None


def _verdicts(
    repeats: frozenset[str],
    measure: float,
    config: LayoutConfig,
    expected: int | None,
    gathering: bool = False,
) -> Callable[[TextLine, bool], _Verdict | None]:
    """What a line at the top (or foot) of a page is, as furniture; ``None`` for content.

    With ``expected`` (the number the document's sequence gives the page), a
    head with another number is no head.  At the foot a head set apart by a
    space only (``MOSCOW VERSUS TOKYO 129``) is one only when the sequence
    vouches for its number, since a note can end so (``Russia’s Road 230``);
    so is a head of one word at the top (``INDEX 301``), which a line of text
    can look like.  ``gathering`` the candidates for the sequence, both are offered.
    """
    watermark = watermark_pattern(config.watermarks)
    max_head = config.running_head_max_ratio * measure if measure else float("inf")

    def verdict(line: TextLine, at_top: bool) -> _Verdict | None:
        if watermark.fullmatch(line.text):
            return _Verdict(WATERMARK)
        key = repeat_key(line.text)
        repeated = key is not None and key in repeats
        if _printed_length(line.text) <= max_head:
            if at_top or repeated:
                head = parse_running_head(line.text, confirmed=repeated)
                if head is None and at_top and (gathering or expected is not None):
                    plain = _plain_head(line.text, True)  # ``INDEX 301``: the sequence is the proof
                    head = plain if plain is not None and (gathering or plain.number == expected) else None
            else:
                head = bare_page_number(line.text) or symbol_head(line.text)
                if head is None and (gathering or expected is not None):
                    plain = _plain_head(line.text, False)
                    head = plain if plain is not None and (gathering or plain.number == expected) else None
            if head is not None and (expected is None or head.number in (None, expected)):
                return _Verdict(PAGE_NUMBER if head.title is None else RUNNING_HEAD, head)
        return _Verdict(REPEATED_LINE) if repeated else None

    return verdict


def _printed_length(text: str) -> int:
    """The length of a line with each run of spaces made one.

    Column-preserving extractors (``pdftotext -layout``) push a head's page
    number to the right margin with spaces, so the raw line is as long as a
    full one.

    >>> _printed_length("Notes to Chapter 4" + " " * 40 + "301")
    22
    """
    return len(" ".join(text.split())) if "  " in text else len(text)


def page_number_candidates(
    lines: Sequence[TextLine], repeats: frozenset[str], measure: float, config: LayoutConfig
) -> frozenset[int]:
    """Every number a line at the top or foot of the page offers as its page number.

    At the foot, as :func:`find_furniture` reads it, only from the bottom up
    while the lines are furniture: a note's number on a line of its own
    (``3`` above the note's text) is no page number.
    """
    verdict = _verdicts(repeats, measure, config, None, gathering=True)
    found = set()
    head_zone, foot_zone = zones(lines, config)
    for at_top, zone in ((True, head_zone), (False, reversed(foot_zone))):
        for line in zone:
            text = line.text
            if at_top and not (text[:1].isdigit() or text[-1:].isdigit() or len(text) <= _BARE_LENGTH):
                continue  # a page number stands first or last on its line, or alone
            v = verdict(line, at_top)
            if v is None and not at_top:
                break
            if v is not None and v.head is not None and v.head.number is not None:
                found.add(v.head.number)
    return frozenset(found)


def sequence_numbers(candidates: Sequence[frozenset[int]], reach: int = 3) -> list[int | None]:
    """The page number each page's neighbours vouch for, among the page's own candidates.

    A candidate ``n`` of page ``i`` is vouched for by each page ``j`` within
    ``reach`` that offers ``n + j - i``: consecutive pages count on.  The
    best-vouched candidate wins; ``None`` where none is vouched for.

    >>> sequence_numbers([frozenset({1846, 88}), frozenset({89}), frozenset({90, 12})])
    [88, 89, 90]
    >>> sequence_numbers([frozenset({5}), frozenset({40})])
    [None, None]
    """
    chosen: list[int | None] = []
    for index, own in enumerate(candidates):
        support: dict[int, int] = {}
        for other in range(max(0, index - reach), min(len(candidates), index + reach + 1)):
            if other != index:
                for number in own:
                    support[number] = support.get(number, 0) + (number + other - index in candidates[other])
        best = max(sorted(support), key=lambda n: support[n], default=None)
        chosen.append(best if best is not None and support[best] > 0 else None)
    return chosen


def find_furniture(
    lines: Sequence[TextLine],
    repeats: frozenset[str],
    measure: float,
    config: LayoutConfig,
    expected: int | None = None,
) -> Furniture:
    """The furniture of one page.

    At the top: if a running head or page number (or else a watermark)
    stands in the first lines, everything above it goes too (a watermark, or
    the site's title line); below it, further furniture lines go while they
    last.  At the foot: furniture
    lines go from the bottom up (a number there must agree with the head's:
    ``1876`` ending a note is no page number).  A known watermark, and a
    drawn rule (``__________`` above the notes), go wherever they stand.
    ``expected`` is the page number the neighbouring pages vouch for
    (:func:`sequence_numbers`): a line that gives another is no head.
    """
    watermark = watermark_pattern(config.watermarks)
    max_head = config.running_head_max_ratio * measure if measure else float("inf")
    verdict = _verdicts(repeats, measure, config, expected)

    found: dict[int, _Verdict] = {}
    top = _one_page_number([verdict(line, True) for line in lines[: config.head_zone_lines]], lines)
    _title_beside_number(top, lines, max_head)
    head_at = next((i for i, v in enumerate(top) if v and v.head), None)
    if head_at is None:
        head_at = next((i for i, v in enumerate(top) if v and v.reason == WATERMARK), None)
    if head_at is not None and all(
        v or _printed_length(lines[i].text) <= max_head for i, v in enumerate(top[:head_at])
    ):
        for i in range(head_at):
            above = top[i]
            found[i] = above if above is not None and above.reason == WATERMARK else _Verdict(TITLE_LINE)
        first_free = head_at
    else:
        first_free = 0
    for i in range(first_free, len(top)):
        v = top[i]
        if v is None:
            break
        found[i] = v
    if not found and (head := _head_above_mid_sentence(lines, max_head)) is not None:
        found[0] = _Verdict(RUNNING_HEAD, head)
    top_end = max(found, default=-1) + 1
    known = next((v.head.number for v in found.values() if v.head and v.head.number is not None), None)
    for i in range(len(lines) - 1, max(top_end, len(lines) - config.foot_zone_lines) - 1, -1):
        v = verdict(lines[i], False)
        if v is None and i == len(lines) - 1 and known is None and expected is None:
            v = _head_written_last(lines, max_head)
        if v is None or (v.head and known is not None and v.head.number not in (None, known)):
            break
        found[i] = v
    for line in lines:
        if line.number not in found:
            if watermark.fullmatch(line.text):
                found[line.number] = _Verdict(WATERMARK)
            elif _RULE.fullmatch(line.text):
                found[line.number] = _Verdict(RULE_LINE)
    return _summarise(found)


def _head_above_mid_sentence(lines: Sequence[TextLine], max_head: float) -> RunningHead | None:
    """The first line as a running head, when the line below it goes on in mid-sentence.

    A line of a paragraph is full unless it is the last, and a heading
    stands above a new paragraph, so a short line in capitals, or in title
    case, that ends without punctuation and names no division is the page's
    head.  A page number a plain space sets apart from it, first or last,
    is the page's (``14 PREFACE``, ``xiv PREFACE``); else the number stands
    at the foot, if anywhere.

    >>> lines = [TextLine(0, n, 0, 0, text, 0) for n, text in enumerate(("xiv PREFACE", "the reader will"))]
    >>> _head_above_mid_sentence(lines, 60.0)
    RunningHead(title='PREFACE', number=None, label='xiv')
    >>> _head_above_mid_sentence([TextLine(0, 0, 0, 0, "PREFACE 14", 0), lines[1]], 60.0)
    RunningHead(title='PREFACE', number=14, label=None)
    """
    if len(lines) < 2 or not lines[1].text[:1].islower():
        return None
    text = lines[0].text
    longest = _UNNUMBERED_HEAD_SHARE * max_head
    numbered = _NUMBER_BESIDE_TITLE.fullmatch(text)
    title = numbered and (numbered.group("title") or numbered.group("title_last"))
    if numbered and title and _reads_as_head_title(title, longest):
        number = numbered.group("number") or numbered.group("number_last")
        if not (number and _YEARS[0] <= int(number) <= _YEARS[1]):  # ``The Crisis of 1846`` is all title
            roman = numbered.group("roman") or numbered.group("roman_last")
            return RunningHead(title, int(number) if number else None, roman)
    return RunningHead(text, None) if _reads_as_head_title(text, longest) else None


#: A page number set apart from a head's title by a plain space, first or last.
_NUMBER_BESIDE_TITLE = re.compile(
    rf"(?:(?:(?P<number>\d{{1,4}})|(?P<roman>(?=[ivxlcdm]){ROMAN_NUMERAL})) (?P<title>\S.*)"
    rf"|(?P<title_last>.*\S) (?:(?P<number_last>\d{{1,4}})|(?P<roman_last>(?=[ivxlcdm]){ROMAN_NUMERAL})))"
)


#: A head with no number is at most this share of the longest head: a line of
#: title-case names running on into the next line is as long as a full one.
_UNNUMBERED_HEAD_SHARE = 2 / 3


def _reads_as_head_title(text: str, longest: float) -> bool:
    """A head's title: at most ``longest``, in capitals or title case, no closing punctuation, no division."""
    title_like = text.isupper() or (is_title_case(text) and word_count(text) >= 2)
    return (
        title_like
        and _printed_length(text) <= longest
        and text[-1] not in ".,;:"
        and not _DIVISION.match(text)
    )


def _title_beside_number(top: list[_Verdict | None], lines: Sequence[TextLine], max_head: float) -> None:
    """Read the line below a page number that stands alone at the top (``57`` / ``THE HARBOUR``) as
    the head's title.

    Some extractors write the number and the title of a head as two lines.
    The title is short, in capitals or title case, ends without punctuation,
    names no division (``CHAPTER FOUR`` below a number opens a chapter), and
    the body goes on below it in mid-sentence, or it is in capitals.
    """
    for k, verdict in enumerate(top[:-1]):
        head = verdict.head if verdict else None
        if head is None or head.title is not None or head.number is None:
            continue  # the first page number alone is the one
        text = lines[k + 1].text
        following = lines[k + 2].text if k + 2 < len(lines) else ""
        title = _reads_as_head_title(text, max_head) and (text.isupper() or following[:1].islower())
        if top[k + 1] is None and title:
            top[k + 1] = _Verdict(RUNNING_HEAD, RunningHead(text, head.number))
        return


_LEADING_NUMBER = re.compile(r"\d{1,4}(?=[.)]?\s)")


def _head_written_last(lines: Sequence[TextLine], max_head: float) -> _Verdict | None:
    """A running head the extractor wrote after the notes (``58 The Harbour and the Town``).

    Some extractors write a page's text blocks in the order they were drawn,
    and the head comes last.  Read alone, it looks like a note, so it is a
    head only where the page has none at its top, the line above closes a
    sentence (the last note ended), its title is a title (no comma, no
    digit) and its number does not count on from a numbered line above it
    (``16 Western Daily Mercury`` under note 15 is a note).
    """
    if len(lines) < 2 or not closes_sentence(lines[-2].text) or _printed_length(lines[-1].text) > max_head:
        return None
    head = _plain_head(lines[-1].text, False)
    if head is None or head.title is None or head.number is None or _TITLE_STOPS.search(head.title):
        return None
    leading = {int(found.group()) for line in lines[:-1] if (found := _LEADING_NUMBER.match(line.text))}
    return None if head.number - 1 in leading else _Verdict(RUNNING_HEAD, head)


_TITLE_STOPS = re.compile(r"[,\d]")


def _one_page_number(top: list[_Verdict | None], lines: Sequence[TextLine]) -> list[_Verdict | None]:
    """The head zone's verdicts on ``lines``, read so that a page has one page number.

    Two lines in a row that read as heads with two numbers, however long,
    are entries of a list (``1 The Sound and Its Tolls 1``, ``2 Merchants and
    Magistrates 33``): neither is the head.  A line further down that gives
    another number is content (a numbered section heading), and so is what
    follows it.  Across pages, the sequence of page numbers puts back a head
    this takes for an entry.
    """
    numbers = [head.number if (head := parse_running_head(line.text)) else None for line in lines[: len(top)]]
    if any(a is not None and b is not None and a != b for a, b in itertools.pairwise(numbers)):
        return [v if v is not None and v.head is None else None for v in top]
    first = next((v.head.number for v in top if v and v.head and v.head.number is not None), None)
    for i, verdict in enumerate(top):
        if verdict is not None and verdict.head is not None and verdict.head.number not in (None, first):
            return top[:i] + [None] * (len(top) - i)
    return top


def _summarise(found: dict[int, _Verdict]) -> Furniture:
    furniture = Furniture()
    for number in sorted(found):
        v = found[number]
        furniture.reasons[number] = v.reason
        if v.head is not None:
            if furniture.number is None:
                furniture.number = v.head.number
            if furniture.label is None:
                furniture.label = v.head.label
            if furniture.running_head is None:
                furniture.running_head = v.head.title
    return furniture
