"""Displaced diacritics: ``Zenm ̄o`` → ``Zenmō``, ``Toky ̄ ̄o`` → ``Tōkyō``.

A PDF often draws an accent as a glyph of its own, placed over its letter by
position.  Text extraction then emits the accent as a separate character
somewhere near the word, with a space before it where it stood apart:

- before the letter it belongs on (``Zenm ̄o``: the macron is the ``o``'s);
- before the word's last letter when the word has several (``Toky ̄ ̄o``:
  one macron for each ``o``);
- after the word and its punctuation (``supaimo.” ̄``).

One rule explains all three: a run of marks is read right to left against the
letters that can carry it, starting at the first such letter after the run if
the word goes on, else at the last one before it.  A letter can carry a mark
when Unicode composes the two into one character and, for marks that sit on
vowels (macron, diaeresis, grave...), the letter is a vowel.

The same rule serves spacing accents (``¨``, ``´``, ``¯``...) that stand for a
combining mark (``G¨ odel``, ``Poincar´ e``, as TeX-made PDFs extract), but only
right before the letter they mark, since ``´`` is also a stand-in apostrophe.
Whatever is left decomposed is normalised to NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.lexicon import english, lookup_key
from emendo.words.tokens import LETTER, letters_start

#: Spacing accents and the combining marks they stand for.
SPACING_ACCENTS = {
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u00af": "\u0304",  # ¯ macron
    "\u00b4": "\u0301",  # ´ acute
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02c7": "\u030c",  # ˇ caron
    "\u02d8": "\u0306",  # ˘ breve
    "\u02d9": "\u0307",  # ˙ dot above
    "\u02da": "\u030a",  # ˚ ring
    "\u02dc": "\u0303",  # ˜ tilde
    "\u02dd": "\u030b",  # ˝ double acute
    "`": "\u0300",  # ` grave
}
#: Marks that also sit on consonants (č, ç, ż, ę, ś, ñ); the others only on vowels.
_CONSONANT_MARKS = frozenset("\u030c\u0327\u0307\u0328\u0301\u0303")
#: The consonants an acute sits on in European spelling (ć ń ś ź ŕ ĺ): Unicode
#: also composes ``ṕ`` and ``ḿ``, which no language writes, so an acute run
#: from ``Dep ́ ̂eches`` must find the ``e``, not the ``p``.
_ACUTE_CONSONANTS = frozenset("cnszrlCNSZRL")
_VOWELS = frozenset("aeiouAEIOU")
_COMBINING = "\u0300-\u036f"
_SPACING = re.escape("".join(SPACING_ACCENTS))

# A run of combining marks, each perhaps after a space; or spacing accents
# inside a word (a letter, perhaps a space, the accent, perhaps a space, a letter).
_MARK_RUN = re.compile(
    rf"(?P<combining>(?:[ \u00a0]?[{_COMBINING}])+)"
    rf"|(?<={LETTER})(?P<spacing>[ ]?[{_SPACING}]|[{_SPACING}][ ]?)(?={LETTER})"
)
_ANY_MARK = re.compile(rf"[{_COMBINING}{_SPACING}]")
_CLOSING = ".,;:!?\u201d\u2019\"')]"
#: Without a document's profile, a word this common in English is a word.
_KNOWN_ZIPF = 3.0


def can_carry(letter: str, mark: str) -> bool:
    """Whether ``mark`` belongs on ``letter``: Unicode composes them, and vowel marks go on vowels.

    >>> [can_carry(letter, "\\u0304") for letter in "oym"], can_carry("s", "\\u030c")
    ([True, False, False], True)
    >>> [can_carry(letter, "\\u0301") for letter in "espm"], can_carry("ı", "\\u0308")
    ([True, True, False, False], True)
    """
    letter = _DOTTED.get(letter, letter)
    if len(unicodedata.normalize("NFC", letter + mark)) != 1:
        return False
    if unicodedata.normalize("NFD", letter)[0] in _VOWELS:
        return True
    return mark in _CONSONANT_MARKS and (mark != "\u0301" or letter in _ACUTE_CONSONANTS)


#: TeX sets an accented i on a dotless one (``na¨ıve``): the accent takes the dot's place.
_DOTTED = {"\u0131": "i", "\u0237": "j"}


def with_mark(letter: str, marks: str) -> str:
    """``letter`` carrying ``marks``, composed (NFC); a dotless ``ı`` gets its accent as ``i`` would.

    >>> with_mark("ı", "\\u0308"), with_mark("e", "\\u0301")
    ('ï', 'é')
    """
    return unicodedata.normalize("NFC", _DOTTED.get(letter, letter) + marks)


def place_marks(word: str, marks: str, start: int) -> str | None:
    """``word`` with ``marks`` put on its letters right to left from index ``start``; None if too few seats.

    The last mark goes on the first letter at or after ``start`` that can
    carry it (or, if none, the last one before), the mark before it on the
    previous such letter, and so on.

    >>> place_marks("Tokyo", "\\u0304\\u0304", 4), place_marks("supaimo", "\\u0304", 7)
    ('Tōkyō', 'supaimō')
    >>> place_marks("Zenmo", "\\u0304\\u0304\\u0304", 4) is None
    True
    """
    letters = list(word)
    seats: list[int] = []
    for mark in reversed(marks):
        bound = seats[-1] if seats else None
        seat = _seat(letters, mark, start, bound)
        if seat is None:
            return None
        seats.append(seat)
        letters[seat] = with_mark(letters[seat], mark)
    return "".join(letters)


def _seat(letters: list[str], mark: str, start: int, bound: int | None) -> int | None:
    if bound is None:
        after = [i for i in range(start, len(letters)) if can_carry(letters[i], mark)]
        if after:
            return after[0]
        bound = start
    before = [i for i in range(bound) if can_carry(letters[i], mark)]
    return before[-1] if before else None


def reattach_diacritics(text: str, context: TextContext | None = None) -> Changes:
    """Put displaced accents back on their letters and compose what is left decomposed (NFC).

    >>> def fixed(text):
    ...     out = text
    ...     for e in sorted(reattach_diacritics(text).edits, key=lambda e: -e.start):
    ...         out = out[: e.start] + e.after + out[e.end :]
    ...     return out
    >>> fixed("Zenm \\u0304o"), fixed("Toky \\u0304 \\u0304o"), fixed("supaimo.\\u201d \\u0304 Next")
    ('Zenmō', 'Tōkyō', 'supaimō.” Next')
    >>> fixed("G\\u00a8 odel and Poincar\\u00b4 e"), fixed("don\\u00b4t"), fixed("To\\u0304kyo")
    ('Gödel and Poincaré', 'don´t', 'Tōkyo')
    >>> fixed("the \\u00b4etude of the \\u00a8o and Poincar \\u00b4e")
    'the étude of the ö and Poincaré'

    """
    if not _ANY_MARK.search(text):
        return Changes()
    is_word = _word_test(context)
    edits: list[Edit] = []
    taken = 0
    for run in _MARK_RUN.finditer(text):
        if run.start() < taken:
            continue
        edit = _reattach(text, run, is_word)
        if edit is not None and edit.start >= taken:
            edits.append(edit)
            taken = edit.end
    return Changes(tuple(edits))


def _word_test(context: TextContext | None) -> Callable[[str], bool]:
    """Whether a token is a word of English or of the languages a book quotes."""
    if context is None:
        lexicon = english()
        return lambda word: lexicon.zipf(lookup_key(word)) >= _KNOWN_ZIPF
    profile = context.profile
    known = profile.config.known_zipf
    return lambda word: profile.zipf(word) >= known or profile.foreign_zipf(word) >= known


def _reattach(text: str, run: re.Match[str], is_word: Callable[[str], bool]) -> Edit | None:
    """The edit for one run of marks, or None when no letter can take them."""
    raw = run.group()
    marks = "".join(SPACING_ACCENTS.get(c, c) for c in raw if not c.isspace())
    spacing = run.group("spacing") is not None
    before_start = letters_start(text, run.start())
    after_end = _word_end(text, run.end())
    if spacing and raw[0] == " " and after_end > run.end() and is_word(text[before_start : run.start()]):
        # a space, then the accent: a word ends before it (``des ´Etudes``), unless
        # what stands before is no word (``Poincar ´e``)
        if not can_carry(text[run.end()], marks[0]):
            return None
        accented = with_mark(text[run.end()], marks)
        return Edit(
            run.start() + 1, run.end() + 1, accented, "diacritic", "accent put back on its letter", 0.95
        )
    if not raw[0].isspace() and before_start < run.start() and not spacing:
        # The mark follows its letter: only composition is needed, unless the
        # letter cannot carry it and the next one can (``Zenm\u0304o``).
        letter = text[run.start() - 1]
        if can_carry(letter, marks[0]) or after_end == run.end():
            composed = with_mark(letter, marks)
            if composed == letter + marks:
                return None
            return Edit(
                run.start() - 1, run.end(), composed, "diacritic", "decomposed accent composed (NFC)", 1.0
            )
    if spacing and not (after_end > run.end() and can_carry(text[run.end()], marks[-1])):
        return None
    if after_end > run.end():  # the word goes on after the marks
        word = text[before_start : run.start()] + text[run.end() : after_end]
        placed = place_marks(word, marks, run.start() - before_start)
        if placed is None:
            return None
        reason = "accent drawn apart from its letter, put back on it"
        return _minimal_edit(text, before_start, after_end, placed, reason)
    host_end = run.start()
    while host_end > 0 and text[host_end - 1] in _CLOSING:
        host_end -= 1
    host_start = letters_start(text, host_end)
    if host_start == host_end or spacing:
        return None
    placed = place_marks(text[host_start:host_end], marks, host_end - host_start)
    if placed is None:
        return None
    replacement = placed + text[host_end : run.start()]
    return _minimal_edit(
        text, host_start, run.end(), replacement, "accent stranded after its word, put back on it"
    )


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return end


def _minimal_edit(text: str, start: int, end: int, replacement: str, reason: str) -> Edit:
    """An edit of ``text[start:end]`` to ``replacement``, trimmed of the characters they share."""
    original = text[start:end]
    head = 0
    while head < min(len(original), len(replacement)) and original[head] == replacement[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(original), len(replacement)) - head
        and original[len(original) - 1 - tail] == replacement[len(replacement) - 1 - tail]
    ):
        tail += 1
    return Edit(
        start + head, end - tail, replacement[head : len(replacement) - tail], "diacritic", reason, 0.95
    )
