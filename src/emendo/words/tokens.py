"""The patterns every word repair shares: what a word is, where case changes.

Python's ``re`` has no ``\\p{Lu}``, so the upper- and lowercase letter classes
are built once from the Unicode database (Latin, Greek and Cyrillic, which is
what book text extracted from PDFs is written in).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache


def char_class(predicate: Callable[[str], bool], first: int = 0x41, last: int = 0x52F) -> str:
    """A regex character class of the code points in ``[first, last]`` that satisfy ``predicate``.

    >>> char_class(str.isupper, 0x41, 0x60)
    '[A-Z]'
    """
    ranges: list[tuple[int, int]] = []
    for code in range(first, last + 1):
        if predicate(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )
    return f"[{body}]"


def letters_start(text: str, end: int) -> int:
    """Start of the letters that end at ``end`` (``end`` itself if none do).

    >>> letters_start("the Toky", 8), letters_start("a 12", 4)
    (4, 4)
    """
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


UPPER = char_class(str.isupper)
LOWER = char_class(str.islower)
LETTER = r"[^\W\d_]"

#: A word: letters, with apostrophes inside (``Stalin’s``, ``don't``, ``Dem’ian``).
WORD = rf"{LETTER}+(?:['’]{LETTER}+)*"
WORD_RE = re.compile(WORD)

#: What the profile counts: words joined by hyphens, and a word broken at a line
#: end (``Muk-\\nden``), which is counted as a break, never as two words; with
#: the full stop that follows, if one does (abbreviations are told by it).
#: Letters glued to a number (``2nd``) are no word.
TOKEN_RE = re.compile(rf"(?<![\d_]){WORD}(?:-{WORD})*(?:-[ \t]*\r?\n\s*{WORD}(?:-{WORD})*)?\.?")
LINE_BREAK_RE = re.compile(r"-[ \t]*\r?\n\s*")

#: A lowercase letter followed by a capital: a space lost before an italic name.
CAMEL_RE = re.compile(rf"(?<={LOWER})(?={UPPER})")

#: The ligature sequences fonts draw as one glyph, longest first.
LIGATURE_SEQUENCES = ("ffi", "ffl", "ff", "fi", "fl")
LIGATURE_RE = re.compile("|".join(LIGATURE_SEQUENCES))


def split_camel(token: str) -> list[str]:
    """``token`` cut wherever a lowercase letter meets a capital.

    >>> split_camel("newspaperPravdato")
    ['newspaper', 'Pravdato']
    >>> split_camel("Stalin")
    ['Stalin']
    """
    cuts = [m.start() for m in CAMEL_RE.finditer(token)]
    bounds = [0, *cuts, len(token)]
    return [token[a:b] for a, b in itertools.pairwise(bounds)]


def is_plain_word(token: str) -> bool:
    """Whether ``token`` is a lowercase word or a capitalised one (not ``USA``, not ``McDonald``).

    >>> [is_plain_word(w) for w in ["fight", "Affairs", "USA", "McDonald", "a"]]
    [True, True, False, False, True]
    """
    return token[1:].islower() or len(token) == 1


def occurrences(text: str, token: str) -> list[int]:
    """Where ``token`` stands in ``text`` as a whole word.

    >>> occurrences("at flat at’s at at2 ‘at’", "at")
    [0, 13, 21]
    >>> occurrences("a condence, condenced condence", "condence")
    [2, 22]
    """
    if len(token) < _LONG_TOKEN:  # short tokens hide in many words: let the regex engine reject them
        return [match.start() for match in _whole(token).finditer(text)]
    starts = []  # a long token is rarely inside another word: a plain search is fastest
    start = text.find(token)
    while start != -1:
        starts.append(start)
        start = text.find(token, start + len(token))
    return [start for start in starts if standalone(text, start, start + len(token))]


_LONG_TOKEN = 4


def standalone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole word: no letter, digit or apostrophe glued to it.

    A quote mark after it that no letter follows closes a quotation (or a
    plural's possessive): the word before it is whole.

    >>> standalone("at flat", 0, 2), standalone("at flat", 5, 7)
    (True, False)
    >>> standalone("at’s", 0, 2), standalone("his ‘rst’ book", 5, 8)
    (False, True)
    """
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    glued_after = after[:1].isalnum() or after[:1] == "_" or (after[:1] in ("'", "’") and after[1:].isalnum())
    return not (before.isalnum() or before in "'’_" or glued_after)


@lru_cache(maxsize=4096)
def _whole(token: str) -> re.Pattern[str]:
    """``token`` as a whole word, as :func:`standalone` tells (``\\w`` is a letter, digit or ``_``).

    The pattern starts with the literal, which the regex engine finds fast,
    and looks behind only where it found one.
    """
    escaped = re.escape(token)
    return re.compile(rf"{escaped}(?<![\w'’]{escaped})(?![\w]|['’]\w)")


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, as word lists read best.

    >>> sorted(word_set("of the and"))
    ['and', 'of', 'the']
    """
    return frozenset(words.split())
