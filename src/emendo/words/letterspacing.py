"""Letter-spaced words closed up: ``C H A P T E R  T H R E E`` → ``CHAPTER THREE``.

Books set headings, small capitals and emphasis (German *Sperrsatz*) with
space between the letters; extraction keeps one space after every letter,
and the wider space between words is made one space by layout like any
other run.  So a run of single letters is read back as the words the lexicon
finds in it, cut where the most probable sequence of known words falls.

A run is closed up only when every letter goes into a known word (single
letters only as ``a`` and ``I``): a list of letters (``a b c``), variables
(``x y z``) or initials stay as they are.
"""

from __future__ import annotations

import itertools
import math
import re
import string

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext

#: Three letters or more, each standing alone, one space apart.
_SPACED_RUN = re.compile(r"(?<![^\s(\[“‘\"'])(?:[^\W\d_] ){2,}[^\W\d_](?![^\W_]|[-’'])")
#: The longest word looked for inside a run.
_LONGEST_WORD = 24
#: Single letters that are words of their own.
_ONE_LETTER_WORDS = frozenset("aAI")


def close_letter_spacing(text: str, context: TextContext) -> Changes:
    """Close up each run of spaced letters that reads as known words, keeping the spaces between them.

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> context = TextContext(learn_profile([Page(0, "plain words")], WordsConfig()))
    >>> text = "C H A P T E R T H R E E"
    >>> closed = {e.start for e in close_letter_spacing(text, context).edits}
    >>> "".join("_" if i in closed else c for i, c in enumerate(text))
    'C_H_A_P_T_E_R T_H_R_E_E'
    >>> [close_letter_spacing(t, context).edits for t in ("a b c d", "points x y z", "J Q X Z")]
    [(), (), ()]
    """
    edits: list[Edit] = []
    for run in _SPACED_RUN.finditer(text):
        letters = run.group().split(" ")
        if _alphabetical(letters):
            continue  # a b c, x y z: a list, not a word
        words = _words_in(letters, context)
        if words is None:
            continue
        closed = " ".join("".join(letters[a:b]) for a, b in words)
        reason = f"letter-spaced {'word' if len(words) == 1 else 'words'} closed up: '{closed}'"
        confidence = 0.95 if len(words) == 1 else 0.9
        bounds = {b for _, b in words}
        for index in range(1, len(letters)):
            if index not in bounds:
                space = run.start() + 2 * index - 1
                edits.append(Edit(space, space + 1, "", "space", reason, confidence))
    return Changes(tuple(edits))


def _alphabetical(letters: list[str]) -> bool:
    """Whether the letters follow the alphabet (``a b c``, ``x y z``)."""
    order = [string.ascii_lowercase.find(letter.lower()) for letter in letters]
    return all(b == a + 1 for a, b in itertools.pairwise(order)) and -1 not in order


def _words_in(letters: list[str], context: TextContext) -> list[tuple[int, int]] | None:
    """The most probable cut of the letters into known words, as ``(start, end)`` letter indexes.

    None if some letter fits no known word.
    """
    profile = context.profile
    known = profile.config.known_zipf
    size = len(letters)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(-math.inf, 0)] * size
    for end in range(1, size + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            if best[start][0] == -math.inf:
                continue
            word = "".join(letters[start:end])
            if len(word) == 1:
                logp = profile.zipf(word) - 9 if word in _ONE_LETTER_WORDS else -math.inf
            else:
                zipf = profile.zipf(word)
                logp = zipf - 9 if zipf >= known else -math.inf
            if logp > -math.inf and best[start][0] + logp > best[end][0]:
                best[end] = (best[start][0] + logp, start)
    if best[size][0] == -math.inf:
        return None
    words = []
    end = size
    while end > 0:
        start = best[end][1]
        words.append((start, end))
        end = start
    return words[::-1]
