"""The parts of a footnote: references, the signals that lead into them, and commentary.

A historian's note mixes three things: references ("Louis Fischer, *Russia's
Road* ..., 222."), the signal phrases that introduce them ("See", "Cf.",
"On the Polish records, see, for example,") and the author's own remarks
("Both archives hold the records of the interrogations.").  The parser must see
only references, and the bibliography must never take a remark for a title, so
each note is cut into :class:`NotePart` objects that keep their offsets in the
note text.

The cut works in three passes, all on plain strings:

1. *Sentences.*  A note is split at sentence ends, but never after the
   abbreviations references are full of (``no.``, ``vol.``, ``ed.``, an initial).
2. *Prose or not.*  A sentence is commentary when most of its words are
   lowercase running prose and it carries none of the marks of a reference
   (a year in parentheses, a trailing page locator, a shelf mark, ``ibid.``).
   Quoted and parenthesised text is left out of that count: a quoted article
   title or a transliterated title in quotes is not prose.
3. *References.*  Consecutive non-prose sentences form one reference unless a
   signal phrase or a complete-reference boundary starts a new one; each run
   is then cut at top-level semicolons and before ``see also`` / ``cf.``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class PartKind(StrEnum):
    """What a span of a note is."""

    SIGNAL = "signal"
    REFERENCE = "reference"
    COMMENTARY = "commentary"


@dataclass(frozen=True, slots=True)
class NotePart:
    """A span of a note's text: ``text == note_text[start:end]``."""

    kind: PartKind
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NoteSplitConfig:
    """Thresholds of the prose test (see :func:`is_commentary`).

    ``prose_share`` is the least share of running words that must be lowercase
    for a sentence to read as prose; ``min_words`` keeps short fragments such
    as ``Perepiska.`` out of the commentary.
    """

    prose_share: float = 0.6
    min_words: int = 3


#: Words before a period that do not end a sentence in a reference.
_ABBREVIATIONS = frozenset(
    """
    no nos vol vols pp p ed eds trans tr transl cf e.g i.e ch chap fig n nn op cit loc repr rev comp esp
    ser pt pts sec art st dr mr mrs ms prof gen col cols lt capt jan feb mar apr jun jul aug sep sept
    oct nov dec ca c fol fols ff f l ll d g gg t tt s ss str vyp kn izd doc docs bd hg hrsg jg nr etc al
    univ dept inst acad misc fasc sig sygn jr sr ms mss
    """.split()
)

#: English function words: their presence marks running prose, not a title list.
_FUNCTION_WORDS = frozenset(
    """
    the a an of and or but in on at to from with by for as that this these those which who whom whose it
    its he she they his her their them we our was were is are be been being had has have did does do not
    no also both all some any there here than then when where while because although though however only
    even more most much many such same other into onto about after before during over under between
    against among without within would could should might must may can will shall so if what
    """.split()
)

#: The stock remarks of footnotes ("Emphasis added.", "Translation mine."):
#: too short for the prose share to judge, but never references.
_EDITORIAL_WORDS = frozenset(
    """
    emphasis added original originally translation translations translated mine my ours italics author's
    authors' sic
    """.split()
)

_SENTENCE_END = re.compile(r"[.?!][”’\"'»)\]]*(\s+)(?=\S)")
_WORD = re.compile(r"[^\W\d_][^\W\d_’'\-]*")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|\([^()]*\)|\[[^\[\]]*\]")
_LEAD_WORD = re.compile(r"([^\W\d_][\w’'\-]*)$")

#: Marks that a sentence is a reference whatever its words: a year in
#: parentheses, a trailing page locator, volume/issue labels, ibid., shelf marks.
_REFERENCE_MARKS = re.compile(
    r"""
      \([^()]*\b(?:1[4-9]\d\d|20\d\d)\b[^()]*\)        # (New York: Harper, 1969)
    | ,\s*(?:pp?\.\s*)?\d+(?:\s*[–\-]\s*\d+)?\.?\s*$   # , 222.
    | \b(?:no|vol|nos|vols|pp)\.\s*\d                  # no. 5
    | \b(?:ibid|idem|op\.\s*cit|loc\.\s*cit)\b          # short forms
    | \b[A-Za-z]{0,3}\.?\d+(?:\.\d+){2,}\b              # I.303.4.2015
    | \b(?:f|op|d|l|ll)\.\s*\d+,\s*(?:op|d|l|ll)\.\s*\d # f. 17, op. 3
    | \((?:hereafter|henceforth|hereinafter)\b          # (hereafter CAW)
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: A signal phrase at the start of a reference, with an optional topic lead-in
#: ("On the Polish records, see, for example, ").
SIGNAL = re.compile(
    r"""
    (?:(?:on|for|about|concerning|regarding|in|of)\b[^.;:“”"()]{0,160}?,?\s+)?   # topic lead-in
    (?:
        (?:but\s+)?see(?:\s+(?:also|especially|generally|further|in\s+particular))?
      | cf\.|compare|contra|quoted\s+in|cited\s+in|reprinted\s+in|translated\s+in|discussed\s+in
      | for\s+(?:example|instance)|e\.g\.|(?-i:and)(?:\s+(?:also|especially))?
    )
    (?:,?\s+(?:for\s+(?:example|instance)|e\.g\.|among\s+others|especially|in\s+particular|inter\s+alia))?
    ,?(?=\s+\S)\s+
    """,
    re.IGNORECASE | re.VERBOSE,
)

_MID_SIGNAL = re.compile(r"[,;.]\s+(?=(?:see\s+also|cf\.)\s)", re.IGNORECASE)
_LOCATOR_END = re.compile(r"(?:\d[a-z]?|\b[ivxl]+)\.?[”’\"]?\s*$")
_NEW_REFERENCE_START = re.compile(
    r"(?i:ibid|idem|eadem)\b|[“\"]|[A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_.]*\.?){0,3},\s"
)


def split_note(text: str, config: NoteSplitConfig | None = None) -> list[NotePart]:
    """Cut a note into signal, reference and commentary parts, in text order.

    Separators (``;``, the spaces between sentences) belong to no part.

    >>> [(p.kind.value, p.text) for p in split_note("See Ann Lee, Rivers (Oxford: Clio, 1990), 4.")]
    [('signal', 'See'), ('reference', 'Ann Lee, Rivers (Oxford: Clio, 1990), 4.')]
    >>> [p.kind.value for p in split_note("Lee, Rivers, 5. The letter was never sent.")]
    ['reference', 'commentary']
    """
    config = config or NoteSplitConfig()
    parts: list[NotePart] = []
    for start, end, prose in _runs(text, config):
        if prose:
            parts.append(NotePart(PartKind.COMMENTARY, start, end, text[start:end]))
        else:
            parts.extend(_references(text, start, end))
    return parts


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, ends taken after closing quotes.

    >>> t = "Lee, Rivers, vol. 2, 5. The letter, sent by J. Smith, was lost."
    >>> [t[a:b] for a, b in sentences(t)]
    ['Lee, Rivers, vol. 2, 5.', 'The letter, sent by J. Smith, was lost.']
    """
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.start(1)
        if _ends_sentence(text, match.start(), match.end()) and end > start:
            yield start, end
            start = match.end()
    end = len(text.rstrip())
    if end > start:
        yield start, end


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _ends_sentence(text: str, period: int, next_start: int) -> bool:
    """Whether the stop at ``period`` ends a sentence (not ``no.``, ``M.``)."""
    following = text[next_start : next_start + 2].lstrip('“‘"')
    if not following or not following[0].isupper():
        return False
    if text[period] != ".":
        return True
    word = _LEAD_WORD.search(text, max(0, period - 12), period)
    if word is None:
        return True
    token = word.group(1)
    return not (len(token) == 1 or token.lower() in _ABBREVIATIONS)


def is_commentary(sentence: str, config: NoteSplitConfig | None = None) -> bool:
    """Whether a sentence is the author's prose rather than a reference.

    >>> is_commentary("Japan kept the reports it received from its agents.")
    True
    >>> is_commentary("Ann Lee, The river and the sea (Oxford: Clio, 1990), 4.")
    False
    >>> is_commentary("“On the state of the roads.” Gazette, 4 May 1901, 2.")
    False
    """
    config = config or NoteSplitConfig()
    if SIGNAL.match(sentence) or _REFERENCE_MARKS.search(sentence):
        return False
    words = _WORD.findall(_QUOTED.sub(" ", sentence))
    if words and all(w.lower() in _EDITORIAL_WORDS | _FUNCTION_WORDS for w in words):
        return any(w.lower() in _EDITORIAL_WORDS for w in words)
    if len(words) < config.min_words:
        return False
    running = [w for w in words[1:] if w.islower()]
    has_function_word = any(w.lower() in _FUNCTION_WORDS for w in words)
    return has_function_word and len(running) / (len(words) - 1) >= config.prose_share


def _runs(text: str, config: NoteSplitConfig) -> Iterator[tuple[int, int, bool]]:
    """Maximal runs of sentences of one kind: (start, end, is_prose).

    A reference run is broken where a signal phrase opens a sentence, or where
    one complete reference (ending in a locator) is followed by the start of
    another, so that ``Lee, Rivers, 4. Roe, Hills, 9.`` gives two references.
    """
    run: tuple[int, int, bool] | None = None
    for start, end in sentences(text):
        sentence = text[start:end]
        prose = is_commentary(sentence, config)
        if run is not None and run[2] == prose and (prose or not _starts_reference(text, run, sentence)):
            run = (run[0], end, prose)
            continue
        if run is not None:
            yield run
        run = (start, end, prose)
    if run is not None:
        yield run


def _starts_reference(text: str, run: tuple[int, int, bool], sentence: str) -> bool:
    if SIGNAL.match(sentence):
        return True
    previous = text[run[0] : run[1]]
    return bool(_LOCATOR_END.search(previous) and _NEW_REFERENCE_START.match(sentence))


def _references(text: str, start: int, end: int) -> Iterator[NotePart]:
    """Reference (and signal) parts of one non-prose run."""
    for piece_start, piece_end in _pieces(text, start, end):
        signal = SIGNAL.match(text, piece_start, piece_end)
        if signal is not None and signal.end() < piece_end:
            signal_end = len(text[: signal.end()].rstrip())
            yield NotePart(PartKind.SIGNAL, piece_start, signal_end, text[piece_start:signal_end])
            piece_start = signal.end()
        yield NotePart(PartKind.REFERENCE, piece_start, piece_end, text[piece_start:piece_end])


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a run at top-level semicolons and before mid-run ``see also``/``cf.``."""
    cuts: list[tuple[int, int]] = []  # (end of one piece, start of the next)
    depth = 0
    quoted = False
    for at in range(start, end):
        char = text[at]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in '“”"':
            quoted = char == "“" or (char == '"' and not quoted)
        elif char == ";" and depth == 0 and not quoted:
            cuts.append((at, at + 1))
    for match in _MID_SIGNAL.finditer(text, start, end):
        if text[match.start()] != ";":
            cuts.append((match.start() + (text[match.start()] == "."), match.end()))
    cuts.sort()
    cursor = start
    for cut_end, next_start in cuts:
        if cut_end > cursor and next_start >= cursor:
            yield from _trimmed(text, cursor, cut_end)
            cursor = _skip_space(text, next_start)
    yield from _trimmed(text, cursor, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without surrounding whitespace, if anything is left."""
    start = _skip_space(text, start)
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
