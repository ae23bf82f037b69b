"""Abbreviations a book defines, where it uses them, and sigla it never defines.

Historians shorten what they cite often: an archive ("Centralne Archiwum
Wojskowe (hereafter CAW)"), a document collection ("... (hereafter cited as
DVP)"), an institution named in the text ("the Polish General Staff (PGS)").
A reader of a few pages meets the short form far from its definition, or
never sees the definition at all.  This module finds

* **definitions**: ``(hereafter X)``, ``(hereafter cited as X)``,
  ``(henceforth X)``, ``[hereafter X]``, with what X stands for, in notes and
  in the text; and in the text a bare ``(PGS)`` after the words it spells;
* **uses** of a defined abbreviation anywhere in the notes and the text;
* **sigla**: all-capital tokens used the way archive sigla are used (opening a
  reference and followed by a shelf mark: ``XYZA, S.9.4.5``), so that those
  never defined on the pages given can be listed.

Everything works on one note or block text at a time and returns offsets in
it; the apparatus adds note, block and page numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEFINITION = re.compile(
    r"""
    \s*[(\[]\s*
    (?:hereafter|henceforth|hereinafter)
    (?P<cited>\s+(?:cited|referred\s+to|quoted|abbreviated|given))?(?:\s+as)?
    [:,]?\s+
    [“"‘']?(?P<abbreviation>[^()\[\]“”"‘’]+?)[”"’']?
    \s*[)\]]
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: The most words an abbreviation defined by "(hereafter ...)" may have.
_MAX_WORDS = 6

_SIGLUM = re.compile(r"(?<![\w.])(?P<siglum>[A-Z][A-Z0-9&]*[A-Z](?:\s[A-Z][A-Z]+)?)(?=\s*[,:])")
_ROMAN = re.compile(r"[IVXLCDM]+")
_RUN_OF_WORDS = re.compile(r"(?:[^\W\d_]{3,}\s+){2}[^\W\d_]{3,}")
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_INITIAL = re.compile(r"(?<![\w’'])[^\W\d_]")
#: An acronym in parentheses: capitals, perhaps with small letters inside
#: (``Comintern`` is no acronym, ``NKVD``, ``GUGB``, ``MOPR``, ``USSR`` are).
_ACRONYM = re.compile(r"\s*\((?P<abbreviation>[A-Z][A-Za-z&]*[A-Z])\)")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
#: Words an acronym may leave out (``Ministry of Foreign Affairs``, MFA).
_MINOR_WORDS = frozenset(
    {"of", "the", "for", "and", "on", "in", "to", "de", "du", "des", "la", "le", "der", "und"}
)


@dataclass(frozen=True, slots=True)
class Definition:
    """``abbreviation`` defined in a note as standing for ``expansion``.

    ``start``/``end`` cover the defining clause (``" (hereafter CAW)"``);
    ``expansion_start``/``expansion_end`` the words it abbreviates.  When the
    clause closes a whole reference (``... 1968), 45 (hereafter DVP).``) the
    abbreviation stands for that *work*, and later uses are short forms of it.
    """

    abbreviation: str
    expansion: str
    start: int
    end: int
    expansion_start: int
    expansion_end: int
    stands_for_work: bool


def find_definitions(text: str, part_start: int = 0, part_end: int | None = None) -> list[Definition]:
    """Abbreviations defined in ``text[part_start:part_end]`` (one reference or sentence).

    >>> d = find_definitions("Archiwum Akt Nowych, Warsaw (hereafter AAN), k. 5.")[0]
    >>> d.abbreviation, d.expansion, d.stands_for_work
    ('AAN', 'Archiwum Akt Nowych, Warsaw', False)
    >>> d = find_definitions("Ann Lee, Rivers (Oxford: Clio, 1990), 4 (hereafter cited as Rivers).")[0]
    >>> d.expansion, d.stands_for_work
    ('Ann Lee, Rivers (Oxford: Clio, 1990), 4', True)
    """
    end = len(text) if part_end is None else part_end
    found: list[Definition] = []
    for match in _DEFINITION.finditer(text, part_start, end):
        abbreviation = " ".join(match.group("abbreviation").split())
        if len(abbreviation.split()) > _MAX_WORDS:  # a remark in parentheses, not a short name
            continue
        at_end = not text[match.end() : end].strip(" .,;")
        exp_start, exp_end = _expansion(text, part_start, match.start(), abbreviation, whole=at_end)
        expansion = text[exp_start:exp_end]
        stands_for_work = (
            at_end
            and exp_start == _skip_space(text, part_start)
            and bool(match.group("cited") or re.search(r"\d", expansion))
        )
        found.append(
            Definition(
                abbreviation, expansion, match.start(), match.end(), exp_start, exp_end, stands_for_work
            )
        )
    return found


def _skip_space(text: str, at: int) -> int:
    return at + len(text[at:]) - len(text[at:].lstrip())


def _expansion(text: str, start: int, clause: int, abbreviation: str, *, whole: bool) -> tuple[int, int]:
    """Span of the words before ``clause`` that ``abbreviation`` stands for.

    The candidates are the runs that end at the clause and begin after a
    top-level comma, semicolon or colon, nearest first.  The first whose word
    initials spell the abbreviation wins (``Archiwum Akt Nowych`` for AAN);
    without one, the nearest run, or the whole reference when the clause
    closes it.
    """
    candidates = [_skip_space(text, cut) for cut in reversed(_top_level_cuts(text, start, clause))]
    candidates.append(_skip_space(text, start))
    letters = [c for c in abbreviation.upper() if c.isalpha()]
    for begin in candidates:
        if _spells(text[begin:clause], letters):
            return begin, clause
    spelled = spelled_words(text, start, clause, abbreviation)
    if spelled is not None:
        return spelled, clause
    return (candidates[-1] if whole else candidates[0]), clause


def spelled_words(text: str, start: int, end: int, abbreviation: str) -> int | None:
    """Where the words before ``end`` begin whose initials are the abbreviation's capitals, if they are.

    Small words may be skipped (``Ministry of Foreign Affairs``, MFA).  An
    acronym of another language's words (NKID for the People's Commissariat
    of Foreign Affairs) spells nothing here, and is left to ``(hereafter ...)``.

    >>> text = "In 1932 the Polish General Staff"
    >>> text[spelled_words(text, 0, len(text), "PGS"):]
    'Polish General Staff'
    >>> text = "the People's Commissariat of Foreign Affairs"
    >>> spelled_words(text, 0, len(text), "NKID") is None
    True
    """
    capitals = [c for c in abbreviation if c.isupper()]
    words = list(_WORD.finditer(text, start, end))
    significant = [w for w in words if w.group().lower() not in _MINOR_WORDS]
    if len(capitals) < 2 or len(significant) < len(capitals):
        return None
    chosen = significant[-len(capitals) :]
    if all(w.group()[0].upper() == c for w, c in zip(chosen, capitals, strict=True)):
        return chosen[0].start()
    return None


def find_acronyms(text: str, start: int = 0, end: int | None = None) -> list[Definition]:
    """Acronyms the running text defines by the words before them: ``the Polish General Staff (PGS)``.

    Only an acronym whose capitals are the initials of the words just before
    it counts; anything else in parentheses (a date, a remark) is left alone.

    >>> found = find_acronyms("Then the Polish General Staff (PGS) met (1932).")
    >>> [(d.abbreviation, d.expansion) for d in found]
    [('PGS', 'Polish General Staff')]
    """
    stop = len(text) if end is None else end
    found: list[Definition] = []
    for match in _ACRONYM.finditer(text, start, stop):
        abbreviation = match.group("abbreviation")
        begin = spelled_words(text, start, match.start(), abbreviation)
        if begin is None:
            continue
        clause, clause_end = match.start(), match.end()
        found.append(Definition(abbreviation, text[begin:clause], clause, clause_end, begin, clause, False))
    return found


def _top_level_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each separator outside parentheses in ``text[start:end]``."""
    cuts: list[int] = []
    depth = 0
    for at in range(start, end):
        char = text[at]
        depth += (char in "([") - (char in ")]")
        if depth <= 0 and char in ",;:":
            cuts.append(at + 1)
    return cuts


def _spells(words: str, letters: list[str]) -> bool:
    """Whether the word initials of ``words`` hold ``letters`` in order, starting with the first.

    >>> _spells("Centralne Archiwum Wojskowe", list("CAW"))
    True
    >>> _spells("Warsaw", list("CAW"))
    False
    """
    initials = [m.group().upper() for m in _INITIAL.finditer(words)]
    if not letters or not initials or initials[0] != letters[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def find_uses(text: str, abbreviations: set[str]) -> list[tuple[str, int, int]]:
    """Every whole-word occurrence of the given abbreviations: (abbreviation, start, end).

    >>> find_uses("AAN, k. 7; cf. AANX and AAN.", {"AAN"})
    [('AAN', 0, 3), ('AAN', 24, 27)]
    """
    if not abbreviations:
        return []
    alternatives = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w]){alternatives}(?![\w])")
    return [(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]


def find_sigla(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """All-capital tokens used as archive sigla in the reference ``text[start:end]``.

    A siglum opens the reference or follows a comma, stands outside
    parentheses, and is followed by a shelf mark: text with a digit, at most
    two long words and no run of three words (more would make it a title).

    >>> find_sigla("XYZA, S.9.4.5.")
    [('XYZA', 0, 4)]
    >>> find_sigla("Ann Lee, Rivers (Oxford: CLIO, 1990), 4.")
    []
    >>> find_sigla("USSR, Ministry of Foreign Affairs, Papers of the Years, 4.")
    []
    """
    stop = len(text) if end is None else end
    found: list[tuple[str, int, int]] = []
    for match in _SIGLUM.finditer(text, start, stop):
        before = text[start : match.start()].rstrip()
        if before and not before.endswith((",", ";")):
            continue
        if before.count("(") > before.count(")") or _ROMAN.fullmatch(match.group("siglum")):
            continue
        rest = text[match.end() : stop].split(";", 1)[0]
        if _is_shelf_mark(rest):
            found.append((match.group("siglum"), match.start(), match.end()))
    return found


def _is_shelf_mark(rest: str) -> bool:
    """Whether what follows a capital token reads as a shelf mark, not a title or a year.

    >>> _is_shelf_mark(", f. 17, op. 3, d. 45.")
    True
    >>> _is_shelf_mark(", Ministry of Foreign Affairs, Papers of the Years, 4.")
    False
    >>> _is_shelf_mark(", 1990.")
    False
    """
    return (
        bool(re.search(r"\d", rest))
        and len(_LONG_WORD.findall(rest)) <= 2
        and not _RUN_OF_WORDS.search(rest)
        and not re.match(r"\s*[,:]\s*\d{4}\b\W*$", rest)
    )
