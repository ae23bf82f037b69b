"""What a PDF text layer does to one word: the simulator's damage primitives.

Each function is pure and small; :mod:`emendo.simulate.typeset` decides when
to apply them.  The shapes are the seeds' own: ligatures vanish outright,
markers are superscript digits glued to the word, accents drift off their
letter with a space before them; and, beyond the seeds, ligatures shown as a
space or as the glyph's raw code, as other fonts and extractors do.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

import pyphen

LIGATURE_SEQUENCE = re.compile("ffi|ffl|ff|fi|fl")
"""Letter runs a book font sets as one ligature glyph, longest first."""

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_HYPHENATABLE = re.compile(r"(\W*)([^\W\d_]+)(\W*)")
_LETTER = re.compile(r"[^\W\d_]")

BreakKind = Literal["hyphen", "compound", "dash"]
#: Where an extractor puts a space beside a ligature glyph: nowhere, after it, or on both sides.
GapSides = Literal["none", "after", "both"]
#: The code point of each ligature glyph.
LIGATURE_CODE_POINTS = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04"}
AccentShape = Literal["before", "gathered", "after"]


def drop_ligatures(
    text: str, *, spaced: bool = False, codes: Mapping[str, str] | None = None, gaps: GapSides = "none"
) -> tuple[str, tuple[tuple[int, str, int], ...]]:
    """``text`` without its ligature letters, and where each went.

    Each loss is ``(offset in the damaged text, letters lost, width shown)``:
    replacing ``width`` characters at the offset by the letters restores the
    text.  ``spaced`` shows a ligature that stood between two letters as a
    space, as some extractors do (``signi cant``); ``codes`` shows each as
    the glyph's raw code (``di\\x0ecult``, ``˛rst``); ``gaps`` as its code
    point with a space beside it where a letter stands on that side
    (``ﬁ rst``, ``signi ﬁ cant``); otherwise it vanishes.

    >>> drop_ligatures("difficult affairs")
    ('dicult aairs', ((2, 'ffi', 0), (8, 'ff', 0)))
    >>> drop_ligatures("significant fish", spaced=True)
    ('signi cant sh', ((5, 'fi', 1), (11, 'fi', 0)))
    >>> drop_ligatures("first affairs", codes={"fi": "˛", "ff": "˙"})
    ('˛rst a˙airs', ((0, 'fi', 1), (6, 'ff', 1)))
    >>> drop_ligatures("first affairs", gaps="both")
    ('ﬁ rst a ﬀ airs', ((0, 'fi', 2), (7, 'ff', 3)))
    """
    if "f" not in text:
        return text, ()
    removed: list[tuple[int, str, int]] = []
    kept: list[str] = []
    last = shift = 0
    for match in LIGATURE_SEQUENCE.finditer(text):
        kept.append(text[last : match.start()])
        letter_before = match.start() > 0 and text[match.start() - 1].isalpha()
        letter_after = text[match.end() : match.end() + 1].isalpha()
        if gaps != "none":
            before = " " if gaps == "both" and letter_before else ""
            shown = before + LIGATURE_CODE_POINTS[match.group()] + (" " if letter_after else "")
        else:
            shown = (
                codes[match.group()] if codes else " " if spaced and letter_before and letter_after else ""
            )
        kept.append(shown)
        removed.append((match.start() - shift, match.group(), len(shown)))
        shift += len(match.group()) - len(shown)
        last = match.end()
    kept.append(text[last:])
    return "".join(kept), tuple(removed)


#: TeX's OT1 codes of the ligature glyphs, which extractors write raw when the font maps them to no letters.
OT1_CODES = {"ff": "\x0b", "fi": "\x0c", "fl": "\x0d", "ffi": "\x0e", "ffl": "\x0f"}
#: The spacing accents PDFDocEncoding shows where a font keeps its ligature glyphs (``di˙erent``).
PDFDOC_ACCENTS = "\u02d8\u02c7\u02c6\u02d9\u02dd\u02db\u02da\u02dc"


def ligature_codes(rng: random.Random) -> dict[str, str]:
    """What a font without letter mappings shows for each ligature: TeX's OT1
    codes, or as often spacing accents, drawn afresh for each font.

    >>> sorted(ligature_codes(random.Random(1)).items()) == sorted(OT1_CODES.items())
    True
    >>> set(ligature_codes(random.Random(2)).values()) <= set(PDFDOC_ACCENTS)
    True
    """
    if rng.random() < 0.5:
        return dict(OT1_CODES)
    return dict(zip(OT1_CODES, rng.sample(PDFDOC_ACCENTS, len(OT1_CODES)), strict=True))


def marker_text(number: int, *, plain: bool) -> str:
    """A footnote marker as extraction gives it.

    >>> marker_text(32, plain=False), marker_text(32, plain=True)
    ('³²', '32')
    """
    return str(number) if plain else str(number).translate(_SUPERSCRIPT)


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    # TeX's English minimums: two letters before a break, three after.
    return pyphen.Pyphen(lang="en_US", left=2, right=3)


def break_points(word: str, *, hyphenate: bool, at_hyphens: bool) -> list[tuple[int, BreakKind]]:
    """Offsets where a line may end inside ``word``, and how.

    ``hyphen``: a dictionary hyphenation point (a hyphen is added);
    ``compound``: right after the word's own hyphen between letters;
    ``dash``: right after an em dash.  Compounds and dashed words break only
    there, as typesetters do.

    >>> break_points("strengthening,", hyphenate=True, at_hyphens=True)
    [(8, 'hyphen'), (10, 'hyphen')]
    >>> break_points("Russo-Japanese", hyphenate=True, at_hyphens=True)
    [(6, 'compound')]
    """
    if "-" in word or "—" in word:
        if not at_hyphens:
            return []
        points: list[tuple[int, BreakKind]] = []
        for at in range(1, len(word) - 1):
            if word[at - 1] == "—":
                points.append((at, "dash"))
            elif word[at - 1] == "-" and _LETTER.match(word[at - 2]) and _LETTER.match(word[at]):
                points.append((at, "compound"))
        return points
    match = _HYPHENATABLE.fullmatch(word)
    if not hyphenate or match is None:
        return []
    lead = len(match.group(1))
    return [(lead + at, "hyphen") for at in _hyphenator().positions(match.group(2))]


def accent_shapes(word: str, marks: str) -> list[AccentShape]:
    """The ways extraction can displace the accents of ``word`` (none if it has none).

    ``before``: each mark, after a space, just before its own letter
    (``Zenm ̄o``); ``gathered``: all marks before the last accented letter
    (``Toky ̄ ̄o``), for words with several; ``after``: the mark after the
    word and its punctuation (``supaimo.” ̄``), when the accented letter
    ends the word.

    >>> accent_shapes("Tōkyō", "\\u0304")
    ['before', 'gathered']
    >>> accent_shapes("supaimō.”", "\\u0304")
    ['before', 'after']
    """
    decomposed = unicodedata.normalize("NFD", word)
    accented = [i for i, ch in enumerate(decomposed) if ch in marks]
    if not accented:
        return []
    shapes: list[AccentShape] = ["before"]
    if len(accented) > 1:
        shapes.append("gathered")
    elif not any(_LETTER.match(ch) for ch in decomposed[accented[-1] + 1 :]):
        shapes.append("after")
    return shapes


def displace_accents(word: str, marks: str, shape: AccentShape) -> str:
    """``word`` with its combining ``marks`` moved off their letters, as ``shape`` says.

    >>> displace_accents("Zenmō", "\\u0304", "before") == "Zenm \\u0304o"
    True
    >>> displace_accents("Tōkyō", "\\u0304", "gathered") == "Toky \\u0304 \\u0304o"
    True
    >>> displace_accents("supaimō.”", "\\u0304", "after") == "supaimo.” \\u0304"
    True
    """
    bare: list[str] = []
    accents: list[tuple[int, str]] = []  # (index in bare of the accented letter, mark)
    for ch in unicodedata.normalize("NFD", word):
        if ch in marks and bare:
            accents.append((len(bare) - 1, ch))
        else:
            bare.append(ch)
    if shape == "after":
        moved = "".join(f" {mark}" for _, mark in accents)
        return unicodedata.normalize("NFC", "".join(bare)) + moved
    if shape == "gathered":
        last = accents[-1][0]
        accents = [(last, mark) for _, mark in accents]
    for at, mark in reversed(accents):
        bare.insert(at, f" {mark}")
    # A mark after a space has no precomposed form, so NFC only recomposes
    # the accents left in place (a cedilla when only macrons move).
    return unicodedata.normalize("NFC", "".join(bare))
