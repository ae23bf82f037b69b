"""Words an extractor split with a stray space: ``gov ernment``, ``threat ened``, ``alto gether``.

An extractor that places words by the gaps between glyphs sees a word break
where a justified line, kerning or a font change widened a gap inside a
word.  The letters are all there; a space is too many.  Where one side of
the space is no word of prose (``ernment``) and the two sides run together
make a common word, the space goes.  In clean prose that happens about
twice in 300,000 word pairs, most often in a foreign phrase, which is left
alone here.  Once a document has shown such splits, two words that make a
third are one where books set the two side by side far less often than they
use the third, by a wider margin where the document never writes it whole
(``inter est``, ``Tho mas``, ``fri end``; not ``in to``, ``may be``, ``a
ward of``); in a document that shows none they stay apart (``ware
houses``): their space may be the author's.  A ligature lost as a space
(``signi cant``) makes no word without its letters, so it is left to the
ligature repair, which runs after this one and would otherwise read a split
word's halves as words that lost a ligature (``jud gment`` as ``jud figment``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.lexicon import PAIR_CORPUS, PAIR_THRESHOLD, lookup_key
from emendo.words.ligatures import (
    FUNCTION_WORDS,
    WORD_PAIR,
    fragment_pairs,
    is_foreign,
    pairs_at,
    prose_of,
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
#: Two words are one where books use the word they make this many powers of
#: ten more often than they set the two side by side: a stray space splits
#: about one long word in a hundred at any one place.
WORDS_JOINED_MARGIN = 2.0
#: A function word makes phrases of its own (``a ward of``, ``a round of``), and
#: a word the document never writes whole has only English behind it: both
#: need this much more.
GRAMMAR_MARGIN = 1.0
#: A word the document never writes whole must be at least this common (``fri end``).
COMMON_JOINED_ZIPF = 5.0
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
    joins: dict[int, tuple[float, Edit]] = {}
    for pair in WORD_PAIR.finditer(text):
        left, right = pair.group(1), pair.group(2)
        space = pair.end() - 1
        if space in joins:
            continue
        fit = _split_fit(left, right, profile)
        if fit is None:
            continue
        if len(right) <= _ABBREVIATION and text.startswith(".", pair.end() + len(right)):
            continue  # Last ed. by: an abbreviation
        if is_foreign(surroundings(text, pair.start(), pair.end() + len(right)), profile.zipf):
            continue  # a quotation: its words are not English ones
        reason = f"stray space inside a word: '{left} {right}' is '{left + right}'"
        joins[space] = (fit, Edit(space, space + 1, "", SPLIT_WORD, reason, 0.9))
    return Changes(tuple(_best_of_chains(list(joins.values()), text)))


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


def is_split_half(text: str, start: int, end: int, profile: DocumentProfile) -> bool:
    """Whether the token at ``text[start:end]`` is half of a word a stray space split, in a
    document that shows such splits (``hon ourable``: not ``our|able`` glued).

    >>> from emendo.model import Page
    >>> from emendo.words import WordsConfig, learn_profile
    >>> profile = learn_profile([Page(0, "The gov ernment threat ened it.")], WordsConfig())
    >>> profile.stray_spaces = True
    >>> text = "the hon ourable member"
    >>> is_split_half(text, 8, 15, profile), is_split_half(text, 16, 22, profile)
    (True, False)
    """
    return bool(profile.stray_spaces) and any(
        _is_split(pair.group(1), pair.group(2), profile) for pair in pairs_at(text, start)
    )


def _split_fit(left: str, right: str, profile: DocumentProfile) -> float | None:
    """How well ``left right`` reads as one word split by a stray space; None where it does not.

    The fit is the word's Zipf less its commoner part's: where a word could
    join either neighbour (``The ta ctical``), the join that leaves no
    fragment wins (``tactical``, not ``Theta``).  Remembered for the document.
    """
    if (left, right) in profile.split_fits:
        return profile.split_fits[left, right]
    fit = None
    if _is_split(left, right, profile) or _words_make_one(left, right, profile):
        fit = profile.zipf(left + right) - max(prose_of(left, profile), prose_of(right, profile))
    profile.split_fits[left, right] = fit
    return fit


def _words_make_one(left: str, right: str, profile: DocumentProfile) -> bool:
    """Whether two words are one word a stray space split (``inter est``, ``Tho mas``).

    The word must be one English knows, and books must use it
    :data:`WORDS_JOINED_MARGIN` powers of ten more often than they set the
    two words side by side (``a round``, ``may be``, ``in to`` are pairs of
    their own); a pair too rare for the word-pair list is put where chance
    puts it.  Beside a function word, or for a word the document never
    writes whole (and so a common one, :data:`COMMON_JOINED_ZIPF`), the
    margin is wider by :data:`GRAMMAR_MARGIN`.  A form the document writes
    glued (``withscelleratezza``) is no word English knows.  Two function
    words (``He at``) are grammar, and a letter alone or a word that lost a
    ligature (``a t`` was ``a fit``) is other damage.
    """
    if not _cased_as_one(left, right) or min(len(left), len(right)) < 2:
        return False
    joined = left + right
    key_left, key_right = lookup_key(left), lookup_key(right)
    joined_zipf = profile.zipf(joined)
    written = profile.count_any_case(joined) > 0
    if joined_zipf < (HALVES_JOINED_ZIPF if written else COMMON_JOINED_ZIPF):
        return False
    grammar = key_left in FUNCTION_WORDS or key_right in FUNCTION_WORDS
    if key_left in FUNCTION_WORDS and key_right in FUNCTION_WORDS:
        return False
    if profile.lost_ligatures and _restored(left, right, profile):
        return False
    left_zipf, right_zipf = profile.zipf(key_left), profile.zipf(key_right)
    chance = PAIR_CORPUS + left_zipf - 9 + right_zipf - 9
    side_by_side = profile.word_pairs().log_count(key_left, key_right) or min(chance, PAIR_THRESHOLD)
    used = PAIR_CORPUS + joined_zipf - 9
    margin = WORDS_JOINED_MARGIN + (GRAMMAR_MARGIN if grammar or not written else 0.0)
    return used - margin > side_by_side


def _one_word(left: str, right: str, profile: DocumentProfile) -> bool:
    """Whether ``left`` and ``right`` are one word, one of them or both no word of prose.

    Where the document lost its ligatures, a part that reads better as the
    word it was is that word (``to nd`` is ``to find``, not ``tond``; ``a rm``
    is ``a firm``, not ``arm``).  Where it writes them as spaces, a pair that
    a lost sequence makes a word, or with a part that lost one and was a
    commoner word, is the ligature repair's (``di er`` is ``differ``; ``be
    tting`` is not ``betting``).
    """
    if not _cased_as_one(left, right):
        return False
    rarer, commoner = sorted(prose_of(part, profile) for part in (left, right))
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


def _cased_as_one(left: str, right: str) -> bool:
    """Whether the parts are cased as the halves of one word: lowercase after lowercase or a
    capital (``gov ernment``, ``Tho mas``), or capitals after capitals (``AGAIN ST``), but
    not initials (``U S``).

    >>> _cased_as_one("Tho", "mas"), _cased_as_one("BA", "TTLES"), _cased_as_one("the", "Navy")
    (True, True, False)
    >>> _cased_as_one("U", "S")
    False
    """
    if right.islower():
        return left.islower() or left[1:].islower()
    return left.isupper() and right.isupper() and min(len(left), len(right)) > 1


def _restored(left: str, right: str, profile: DocumentProfile) -> list[str]:
    """The words the parts were, for a part beside a word that reads better as a word that lost
    a ligature (``a t``: ``fit``) than as itself; beside a fragment, a part is that fragment's
    other half (``recei ve`` is no ``five``)."""
    restored = []
    for part, other in ((left, right), (right, left)):
        found = profile.restoration(part)
        if found is not None and found.prior > 0 and prose_of(other, profile) >= HALF_WORD_ZIPF:
            restored.append(found.word)
    return restored


def _best_of_chains(joins: list[tuple[float, Edit]], text: str) -> list[Edit]:
    """The joins, best fit first, less any that would run on into a word another made (``a b c``)."""
    kept: list[Edit] = []
    for _, edit in sorted(joins, key=lambda join: -join[0]):
        if any(" " not in text[min(edit.end, k.end) : max(edit.start, k.start)] for k in kept):
            continue
        kept.append(edit)
    return sorted(kept, key=lambda edit: edit.start)
