"""Spaces an extractor put beside a ligature: ``the ﬁ rst``, ``of ﬁ ce``, ``signi ﬁ cant``.

Some fonts draw a ligature glyph narrower or wider than the letters it stands
for, and an extractor that places words by the gaps between glyphs then sees
a word break beside it.  The letters are all there; a space is too many.  A
ligature sequence (``ff``, ``fi``, ``fl``, ``ffi``, ``ffl``, or its code
point) standing alone is never a word, and one that begins or ends a token no
lexicon knows is the edge of a broken word, so each is closed up with the
neighbour that makes a word of it: where ``de fi ne`` could be ``define`` or
``de fine``, the reading whose words are likelier wins, as in any cut of text
into words.

Left alone, the fragments look like words that lost a ligature (``rst``), and
the lost-ligature repair would write ``fi first``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.lexicon import lookup_key
from emendo.words.ligatures import GLYPH_LETTERS, prose_zipf
from emendo.words.tokens import LIGATURE_SEQUENCES, letters_start

_SEQUENCE = "(?:" + "|".join(LIGATURE_SEQUENCES) + "|[\ufb00-\ufb04\uf001\uf002])"
#: A ligature sequence at the edge of a word, with a space on that side.
_SEQUENCE_BY_SPACE = re.compile(rf"{_SEQUENCE}(?= [^\W\d_])|(?<=[^\W\d_] ){_SEQUENCE}")
#: A ligature sequence standing alone before a space and a word: what tells a document
#: has the damage.  Written to start on one character class, so that a search of a
#: whole page, made for every page of every document, stays a fast scan.
STANDING_ALONE = re.compile(
    r"[f\ufb00-\ufb04\uf001\uf002](?<!\w.)(?:(?<=f)(?:fi|fl|f|i|l)|(?<!f))(?= [^\W\d_])"
)
_ALONE = re.compile(_SEQUENCE)
_LETTERS = re.compile(r"[^\W\d_]+")
_PIECE_BEFORE_GAP = re.compile(rf"([^\W\d_]*{_SEQUENCE}) $")
_PIECE_AFTER_GAP = re.compile(r" ([^\W\d_]+)")
#: The log-probability of a token no lexicon knows: below any two known words.
_UNKNOWN = -15.0
#: A closed-up word must be at least this common: wordfreq lists fragments too.
_JOINED_FLOOR = 2.0


def ligature_gaps(
    text: str, zipf: Callable[[str], float], known: float, closed_zipf: Callable[[str], float] | None = None
) -> list[Edit]:
    """The spaces beside ligature sequences that split a word, as edits that remove them.

    ``zipf`` gives a word's frequency (lookup form), ``known`` the least
    frequency of a word a reader knows; ``closed_zipf`` that of a word
    closed up, if other than ``zipf``.

    >>> from emendo.words.changes import edited
    >>> from emendo.words.lexicon import english
    >>> text = "the fi rst time in the of fi ce, a signi ﬁ cant sta ff, de fi ne, a fi ne"
    >>> edited(text, ligature_gaps(text, english().zipf, 3.0))
    'the first time in the office, a signiﬁcant staff, define, a fine'
    >>> text = "chiefl y, eﬀ orts, off ice"
    >>> edited(text, ligature_gaps(text, english().zipf, 3.0))
    'chiefly, eﬀorts, off ice'
    >>> ligature_gaps("the first staff of Titian, fl. 1510, and pp. 23 ff. on", english().zipf, 3.0)
    []
    """
    edits: list[Edit] = []
    done = 0
    for match in _SEQUENCE_BY_SPACE.finditer(text):
        token = _LETTERS.search(text, letters_start(text, match.start()))
        if token is None or token.start() < done:
            continue
        before = _neighbour_before(text, token.start())
        if before is not None and before.start() < done:
            before = None  # closed up already, with the word before it
        after = _neighbour_after(text, token.end())
        choice = _closing(before, token, after, zipf, known, closed_zipf or zipf)
        if choice is None:
            continue
        parts = [part for part in (before, token, after) if part is not None]
        first, last = choice
        word = "".join(part.group() for part in parts[first : last + 1])
        reason = f"space beside a ligature inside a word: '{word}'"
        for left, right in zip(parts[first:last], parts[first + 1 : last + 1], strict=True):
            edits.append(Edit(left.end(), right.start(), "", "space", reason, 0.95))
        done = parts[last].end()
    return edits


def close_ligature_gaps(text: str, context: TextContext) -> Changes:
    """Close the spaces an extractor put beside a ligature inside a word (``ﬁ rst`` → ``first``).

    Only in a document that shows a sequence standing alone (see
    :data:`STANDING_ALONE`); a word closed up may be one of the foreign
    words a book quotes (``Ponteﬁ ce`` → ``Pontefice``).
    """
    profile = context.profile
    if not profile.ligature_gaps:
        return Changes()

    def closed_zipf(key: str) -> float:
        return max(profile.lexicon.zipf(key), profile.foreign_zipf(key))

    return Changes(tuple(ligature_gaps(text, profile.lexicon.zipf, profile.config.known_zipf, closed_zipf)))


def piece_before_gap(before: str, head: str, zipf: Callable[[str], float], known: float) -> str:
    """The piece of a word that a ligature's gap split off before ``head``, at ``before``'s end.

    Asked at a line-end hyphen, where the word before the hyphen may be the
    second piece (``reﬂ ect-``/``ing``).  As in :func:`ligature_gaps`, one of
    the two pieces must be no word.

    >>> from emendo.words.lexicon import english
    >>> zipf = english().zipf
    >>> piece_before_gap("the reﬂ ", "ect", zipf, 3.0), piece_before_gap("the staff ", "and", zipf, 3.0)
    ('reﬂ', '')
    """
    found = _PIECE_BEFORE_GAP.search(before)
    if found is None or not (_piece(found.group(1), zipf, known) or _logp(head, zipf, known) == _UNKNOWN):
        return ""
    return found.group(1)


def piece_after_gap(tail: str, after: str, zipf: Callable[[str], float], known: float) -> str:
    """The piece of a word that a ligature's gap split off after ``tail``, at ``after``'s start.

    >>> from emendo.words.lexicon import english
    >>> zipf = english().zipf
    >>> piece_after_gap("teﬁ", " ce, and", zipf, 3.0), piece_after_gap("staff", " of", zipf, 3.0)
    ('ce', '')
    """
    found = _PIECE_AFTER_GAP.match(after)
    if found is None or not tail.translate(GLYPH_LETTERS).endswith(LIGATURE_SEQUENCES):
        return ""
    if _piece(tail, zipf, known) or _logp(found.group(1), zipf, known) == _UNKNOWN:
        return found.group(1)
    return ""


def _piece(word: str, zipf: Callable[[str], float], known: float) -> bool:
    """Whether ``word``, which ends or begins with a ligature sequence, is a piece of one, not a word."""
    return _ALONE.fullmatch(word) is not None or _logp(word, zipf, known) == _UNKNOWN


def _neighbour_before(text: str, start: int) -> re.Match[str] | None:
    """The word one space before ``start``, if a word stands there."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalpha():
        return None
    return _LETTERS.search(text, letters_start(text, start - 1))


def _neighbour_after(text: str, end: int) -> re.Match[str] | None:
    """The word one space after ``end``, if a word stands there."""
    if text[end : end + 1] != " ":
        return None
    return _LETTERS.match(text, end + 1)


def _closing(
    before: re.Match[str] | None,
    token: re.Match[str],
    after: re.Match[str] | None,
    zipf: Callable[[str], float],
    known: float,
    closed_zipf: Callable[[str], float],
) -> tuple[int, int] | None:
    """Which run of ``before token after`` to close up, as indexes into the parts present, or None.

    Only the side where the token's ligature sequence stands is closed, and
    only where one of the parts closed is no word (a sequence standing alone
    never is): ``off ice`` stays two words.  The reading with the likelier
    words wins, if the word closed up is one the lexicon lists.
    """
    word = token.group()
    alone = _ALONE.fullmatch(word) is not None
    present = [part for part in (before, token, after) if part is not None]
    middle = 1 if before is not None else 0
    logps = [
        _UNKNOWN if alone and i == middle else _logp(p.group(), zipf, known) for i, p in enumerate(present)
    ]
    letters = word.translate(GLYPH_LETTERS)
    spans = []
    if alone or letters.startswith(LIGATURE_SEQUENCES):
        spans.append((middle - 1, middle))
    if alone or letters.endswith(LIGATURE_SEQUENCES):
        spans.append((middle, middle + 1))
    if alone:
        spans.append((middle - 1, middle + 1))
    best, choice = sum(logps), None  # leaving the text as it stands
    for first, last in spans:
        if first < 0 or last >= len(present) or min(logps[first : last + 1]) > _UNKNOWN:
            continue
        joined = "".join(part.group() for part in present[first : last + 1]).translate(GLYPH_LETTERS)
        joined_zipf = closed_zipf(lookup_key(joined))
        if joined_zipf < _JOINED_FLOOR:
            continue
        score = joined_zipf - 9 + sum(logps[:first]) + sum(logps[last + 1 :])
        if score > best:
            best, choice = score, (first, last)
    return choice


def _logp(word: str, zipf: Callable[[str], float], known: float) -> float:
    """log10 probability of a token left as it stands: a known word's, or :data:`_UNKNOWN`."""
    key = lookup_key(word.translate(GLYPH_LETTERS))
    found = prose_zipf(key, zipf(key))
    return found - 9 if found >= known else _UNKNOWN
