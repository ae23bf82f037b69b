"""The damage score: one number that says how damaged a text looks.

A corpus run needs a figure per document that is cheap, needs no gold, and
means the same before and after repair, so that a user can sort a million
editions by what emendo did for them.  The score is the **share of words that
look damaged**.  A *word* is a whitespace-separated token holding at least one
letter; it looks damaged when

- its letters, without the punctuation, digits and note markers around them,
  are all lowercase and the lexicon does not know them (``dicult`` for
  ``difficult`` after a lost ligature, ``confronta`` before a line-end hyphen,
  ``statedthat`` after a lost space); names and acronyms are not judged, since no
  lexicon knows them all;
- a lowercase run is glued to a capital inside it (``newspaperPravda``: a space
  lost at an italic boundary); or
- it holds a garbling character: the replacement character, a control
  character, a private-use glyph, or a UTF-8 sequence decoded as Latin-1
  (``Ã©``).

The score is a proxy, not a word error rate: a fragment or a glued pair that
happens to be listed (``tion``, ``ofthe``: wordfreq learned them from the web)
goes unseen, and a rare real word the lexicon lacks counts as
damage both before and after, which keeps the two figures comparable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

_EDGE = "\"'“”‘’«»()[]{}<>.,;:!?*†‡§¶…–—-/0123456789⁰¹²³⁴⁵⁶⁷⁸⁹"
_GLUED = re.compile(r"[a-z]{2}[A-Z]")
_GARBLED = re.compile(r"[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]|Ã[\x80-\xbf]|â€")


def count_damaged(text: str, known: Callable[[str], bool]) -> tuple[int, int]:
    """(damaged words, words) of ``text``; see the module docstring for what counts.

    One pass over the words with string methods only, the garbling pattern
    tried only when the text holds any, and the lexicon asked once per
    distinct lowercase word: this stays a small share of a page's repair.

    >>> known = {"difficult", "the"}.__contains__
    >>> count_damaged("dicult the.² (Kaganovich) paperPravda Ã©t 1904–05", known)
    (3, 5)
    """
    garbled = _GARBLED.search(text) is not None
    words = marred = 0
    lowercase: Counter[str] = Counter()
    for word in text.split():
        core = word.strip(_EDGE)
        if core.isalpha():
            words += 1
            if core.islower():
                lowercase[core] += 1
                continue
        elif any(map(str.isalpha, word)):
            words += 1
        else:
            continue
        if _GLUED.search(word) or (garbled and _GARBLED.search(word)):
            marred += 1
    unknown = sum(count for word, count in lowercase.items() if not known(word))
    return marred + unknown, words


def damage_score(text: str) -> float:
    """The share of words in ``text`` that look damaged, rounded to 4 places; 0 for no words.

    The lexicon is emendo's English one (:func:`emendo.words.lexicon.english`).

    >>> damage_score("It was very dicult to see.")
    0.1667
    """
    from emendo.words.lexicon import english

    lexicon = english()
    damaged, words = count_damaged(text, lambda word: lexicon.zipf(word) > 0)
    return round(damaged / words, 4) if words else 0.0
