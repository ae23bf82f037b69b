"""Split a name field (authors, editors, translators) into CSL name objects.

Notes write names in reading order (``Louis Fischer``), bibliographies
invert the first (``Fischer, Louis``); several names are joined by commas
and ``and``.  Role words (``ed.``, ``trans.``, ``edited by``) are dropped;
an institution (``League of Nations``) becomes ``{"literal": ...}``.  Name
order is not guessed from language: an East Asian name written family-first
(``Hata Ikuhiko``) is split like a Western one, which a later stage or a
reader may correct.
"""

from __future__ import annotations

import re

from emendo.apparatus.parser.lexicon import CORPORATE_WORDS, NAME_PARTICLES

_ROLE_RE = re.compile(
    r"^(?:(?:ed(?:ited)?|eds|trans(?:lated)?|transl|comp(?:iled)?|hrsg|hg|red|sost|intro(?:duced)?)\.?"
    r"(?:\s+(?:and|&)\s+(?:trans(?:lated)?|ed(?:ited)?)\.?)?(?:\s+(?:by|von|with))?\s+|by\s+|interview\s+by\s+)",
    re.IGNORECASE,
)
_TRAILING_ROLE_RE = re.compile(
    r"[,\s]*\(?\b(?:ed|eds|editor|editors|trans|comp|hrsg|red)\.?\)?\s*$", re.IGNORECASE
)
_SPLIT_RE = re.compile(r"\s*;\s*|,?\s+(?:and|&|und|et)\s+|\s*&\s*")
_SUFFIX_RE = re.compile(r"^(?:jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_GIVEN_WORD_RE = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž][\w’'\-]*\.?|[A-Z]\.(?:-?[A-Z]\.)*)$")


def split_names(field: str) -> list[dict[str, str]]:
    """CSL names from the text of a name field.

    >>> split_names("Jane Burbank and David L. Ransel, eds.")
    [{'family': 'Burbank', 'given': 'Jane'}, {'family': 'Ransel', 'given': 'David L.'}]
    >>> split_names("Kennan, George F.")
    [{'family': 'Kennan', 'given': 'George F.'}]
    >>> split_names("trans. Hélène Carrère d’Encausse")
    [{'family': 'Carrère d’Encausse', 'given': 'Hélène'}]
    >>> split_names("League of Nations")
    [{'literal': 'League of Nations'}]
    """
    text = _strip_final_period(_TRAILING_ROLE_RE.sub("", _ROLE_RE.sub("", field.strip())).strip(" ,;:"))
    if not text:
        return []
    names: list[dict[str, str]] = []
    for part in (piece.strip(" ,") for piece in _SPLIT_RE.split(text)):
        if part:
            names.extend(_names_in_part(part, first=not names))
    return names


def _names_in_part(part: str, first: bool) -> list[dict[str, str]]:
    """One ``and``-separated part: an inverted first name, or comma-separated names."""
    pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
    if len(pieces) == 2 and _SUFFIX_RE.match(pieces[1]):
        return [{**_name(pieces[0]), "suffix": pieces[1]}]
    if len(pieces) == 2 and first and _looks_inverted(pieces[0], pieces[1]):
        return [{"family": pieces[0], "given": pieces[1]}]
    return [_name(piece) for piece in pieces]


def _strip_final_period(text: str) -> str:
    """Drop a sentence period but keep an initial's or a suffix's (``George F.``, ``Jr.``)."""
    if not text.endswith("."):
        return text
    last_word = text[:-1].split()[-1] if text[:-1].split() else ""
    if (len(last_word) == 1 and last_word.isupper()) or _SUFFIX_RE.match(last_word):
        return text
    return text[:-1].rstrip()


def _looks_inverted(family: str, given: str) -> bool:
    """``Fischer, Louis``: a one-word family part (particles aside) and given names or initials."""
    given_words = given.split()
    family_words = [word for word in family.split() if word.lower() not in NAME_PARTICLES]
    return (
        len(family_words) == 1
        and 0 < len(given_words) <= 3
        and all(_GIVEN_WORD_RE.match(word) for word in given_words)
        and not _is_corporate(family)
    )


def _name(text: str) -> dict[str, str]:
    """A name in reading order: the last word (with its particles) is the family name."""
    words = text.split()
    if _is_corporate(text) or len(words) > 5 or text.lower() == "the author":
        return {"literal": text}
    if len(words) == 1:
        return {"family": text}
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in NAME_PARTICLES:
        family_start -= 1
    if family_start == len(words) - 1 and len(words) > 2 and _is_compound_family(words):
        family_start -= 1
    return {"family": " ".join(words[family_start:]), "given": " ".join(words[:family_start])}


def _is_compound_family(words: list[str]) -> bool:
    """``Carrère d’Encausse``: a family name whose last word starts with a particle like d’."""
    return words[-1].lower().startswith(("d’", "d'"))


def _is_corporate(text: str) -> bool:
    return any(word.lower().strip(".,") in CORPORATE_WORDS for word in text.split())
