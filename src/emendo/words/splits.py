"""Words an extractor split with a stray space: ``gov ernment``, ``threat ened``, ``alto gether``.

An extractor that places words by the gaps between glyphs sees a word break
where a justified line, kerning or a font change widened a gap inside a
word.  The letters are all there; a space is too many.  Where one side of
the space is no word of prose (``ernment``) and the two sides run together
make a common word, the space goes.  In clean prose that happens about
twice in 300,000 word pairs, most often in a foreign phrase, which is left
alone here.  Two words that make a third (``ware houses``, ``be gan``) stay
apart: their space may be the author's.  A ligature lost as a space (``signi cant``)
makes no word without its letters, so it is left to the ligature repair,
which runs after this one and would otherwise read a split word's halves as
words that lost a ligature (``jud gment`` as ``jud figment``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.lexicon import lookup_key
from emendo.words.ligatures import (
    fragment_pairs,
    is_foreign,
    prose_zipf,
    reads_as_lost_ligature,
    spaced_loss,
    surroundings,
)
from emendo.words.profile import HALF_WORD_ZIPF, DocumentProfile

#: One side is half a word (:data:`~emendo.words.profile.HALF_WORD_ZIPF`), and
#: the two sides run together make a word at least this common, and this
#: many powers of ten likelier than the rarer side.
JOINED_ZIPF = 3.0
JOINED_MARGIN = 1.0
#: Where both sides are half words, a rarer word made whole will do.
HALVES_JOINED_ZIPF = 2.0
#: A document shows the damage once this many distinct pairs are split words.
MIN_EVIDENCE = 2
#: A part this short before a full stop is an abbreviation (``ed.``, ``vol.``).
_ABBREVIATION = 3
#: The kind of the repairs made here.
SPLIT_WORD = "split-word"


def join_split_words(text: str, context: TextContext) -> Changes:
    """Take out the stray space inside a word (``The gov ernment in London``).

    >>> from emendo.model import Page
    >>> from emendo.words import WordsConfig, learn_profile
    >>> profile = learn_profile([Page(0, "The gov ernment threat ened it.")], WordsConfig())
    >>> text = "The gov ernment threat ened it, and the ware houses burned."
    >>> for edit in join_split_words(text, TextContext(profile)).edits:
    ...     print(edit.start, edit.reason)
    7 stray space inside a word: 'gov ernment' is 'government'
    22 stray space inside a word: 'threat ened' is 'threatened'
    """
    profile = context.profile
    stray = profile.stray_spaces
    if stray is None:  # the text is read alone: it is its own evidence
        stray = shows_stray_spaces([text], profile)
    if not stray:
        return Changes()  # the common case: the document's first pages showed no split word
    edits: dict[int, Edit] = {}
    for pair in _pairs(text, profile):
        left, right = pair.group(1), pair.group(2)
        space = pair.end() - 1
        if space in edits or not _is_split(left, right, profile):
            continue
        if len(right) <= _ABBREVIATION and text.startswith(".", pair.end() + len(right)):
            continue  # Last ed. by: an abbreviation
        if is_foreign(surroundings(text, pair.start(), pair.end() + len(right)), profile.zipf):
            continue  # a quotation: its words are not English ones
        reason = f"stray space inside a word: '{left} {right}' is '{left + right}'"
        edits[space] = Edit(space, space + 1, "", SPLIT_WORD, reason, 0.9)
    return Changes(tuple(_unchained(sorted(edits.values(), key=lambda edit: edit.start), text)))


def shows_stray_spaces(texts: Iterable[str], profile: DocumentProfile) -> bool:
    """Whether ``texts`` show at least :data:`MIN_EVIDENCE` distinct words split by a stray space.

    The extractor splits words on every page or on none, so a document's
    first pages tell (:func:`emendo.words.repair.repair_words`), and the
    pairs of the rest of a document with none are never read.  One pair
    alone may be another damage (``a rm`` lost the ``fi`` of ``firm``).
    """
    found: set[tuple[str, str]] = set()
    for text in texts:
        for pair in _pairs(text, profile):
            if _is_split(pair.group(1), pair.group(2), profile):
                found.add((pair.group(1), pair.group(2)))
                if len(found) >= MIN_EVIDENCE:
                    return True
    return False


def _pairs(text: str, profile: DocumentProfile) -> Iterator[re.Match[str]]:
    return fragment_pairs(text, profile.fragments_in(text))


def _is_split(left: str, right: str, profile: DocumentProfile) -> bool:
    """:func:`_one_word`, remembered for the document: names and their neighbours come back."""
    found = profile.split_joins.get((left, right))
    if found is None:
        found = profile.split_joins[left, right] = _one_word(left, right, profile)
    return found


def _one_word(left: str, right: str, profile: DocumentProfile) -> bool:
    """Whether ``left`` and ``right`` are one word, one of them or both no word of prose.

    Where the document lost its ligatures, a part that reads better as the
    word it was is that word (``to nd`` is ``to find``, not ``tond``; ``a rm``
    is ``a firm``, not ``arm``).  Where it writes them as spaces, a pair that
    a lost sequence makes a word, or with a part that lost one and was a
    commoner word, is the ligature repair's (``di er`` is ``differ``; ``be
    tting`` is not ``betting``).
    """
    if not right.islower() or not (left.islower() or left[1:].islower()):
        return False
    rarer, commoner = sorted(prose_zipf(lookup_key(part), profile.zipf(part)) for part in (left, right))
    joined = profile.zipf(left + right)
    if commoner < HALF_WORD_ZIPF:
        enough = joined >= HALVES_JOINED_ZIPF  # overth rew, instruc tive
    else:
        enough = rarer < HALF_WORD_ZIPF and joined >= max(JOINED_ZIPF, rarer + JOINED_MARGIN)
    if not enough:
        return False
    if profile.spaced_ligatures and (
        spaced_loss(left, right, profile) is not None
        or any(profile.zipf(word) > joined for word in _restored(left, right, profile))
    ):
        return False  # di er, be tting: a ligature lost as a space, the ligature repair's to mend
    if not profile.lost_ligatures:
        return True
    return not reads_as_lost_ligature(left, right, joined, HALF_WORD_ZIPF, profile, rarer_too=True)


def _restored(left: str, right: str, profile: DocumentProfile) -> list[str]:
    """The words the parts were, for those that read as words that lost a ligature."""
    return [found.word for part in (left, right) if (found := profile.restoration(part)) is not None]


def _unchained(edits: list[Edit], text: str) -> list[Edit]:
    """The joins, less any that would run on into the word the join before made (``a b c``)."""
    kept: list[Edit] = []
    for edit in edits:
        if kept and " " not in text[kept[-1].end : edit.start]:
            continue
        kept.append(edit)
    return kept
