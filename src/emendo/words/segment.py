"""Words glued together without a capital to show the seam: ``andwhen``, ``amêléea``.

A space lost next to a lowercase italic word leaves nothing but an unknown
token.  Such a token is cut into words when the cut is far more probable than
the token as it stands, in the unigram sense: the probability of a sequence of
words is the product of theirs (wordfreq's, or the document's own for words
English does not know), and an unknown token of ``n`` letters is given the
probability of an ``n``-letter word nobody has seen, which falls tenfold for
every two letters.  A rare real word (``severly``, Zipf 1.8) is far likelier
than any cut of it; ``andwhen`` is far likelier as ``and when``.

Foreign italic words glued on both sides (``amêléea``, ``amêléebetween``)
are learned from the document: a core left when common English words are
taken off the ends of several different unknown tokens is a word of the
document (:func:`learn_cores`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable

from emendo.words.ligatures import FUNCTION_WORDS, within_pair_reach
from emendo.words.tokens import word_set

#: Function words that glue to one neighbour and are no common beginning or
#: ending of a word: ``a``, ``in``, ``be`` begin words (``inexpediency``,
#: ``befool``), ``is``, ``us``, ``to`` end Latin ones (``urbanis``).
PAIR_GLUE = word_set(
    "of the and with was were that which from their this his had have has not but its they them been "
    "would could should there these those than"
)
#: Words a capitalised name can be found glued to (``Cremona|in``, ``Mondo|of``):
#: :data:`PAIR_GLUE` and prepositions that end no name; ``is``, ``us``, ``as``,
#: ``on``, ``an``, ``to`` end too many (``Romanis``, ``Marcus``, ``Solon``, ``Cato``).
NAME_GLUE = PAIR_GLUE | word_set("in for by at")
#: Short words that may end a three-word cut when the other end is a
#: sturdier word (``tactical|precedents|to``); ``is``, ``us``, ``as`` are
#: too often Latin endings to count.
SHORT_EDGES = word_set("a an to in on at by of or who")
#: Function words that glue to the word after them and begin few words of their own:
#: ``to|show``, ``if|any``; not ``a``, ``an``, ``be``, ``in``, ``on``, ``for``,
#: ``with``, ``over``, ``under``, ``up``, which begin many (``in|expediency``).
LEFT_GLUE = word_set("to if we my our your he she they it at by of from or nor but and the his her its")
#: Function words that glue to the word before them and end few words of their own:
#: ``toil|we``, ``after|my``; not ``is``, ``us``, ``as``, ``on``, ``an``, ``in``, ``a``,
#: ``it``, ``he``, ``or``, ``to``, which end Latin, Italian and English words
#: (``urban|is``, ``leg|it``, ``public|he``, ``pitt|or``, ``zucca|to``).
RIGHT_GLUE = word_set("we my our your she they the his her its their them of and nor but by from")
#: Words that begin or end so many compounds and derived words that two
#: content words beside them are no proof of glue (``over|powering``, ``home|less``).
BOUND_PARTS = word_set(
    "over under out counter super inter fore back down self half well ill after wise like ward wards "
    "less ness some hood ship ships ment ments able ible ful man men work works land lands anti semi "
    "pseudo multi post non proto neo ultra extra mono poly micro macro tele per pro con sub ante trans"
)
#: Words that begin a capitalised token that is glue, not a name (``The|subjective|side``, ``A|mêlée|of``).
CAPITAL_GLUE = word_set("the a an this that these those his her its their our my")
#: The least English frequency of a content word in a cut between two of them
#: (``course|directed``), or beside a foreign word (``modern|feuilletoniste``).
CONTENT_ZIPF = 3.5
#: The least English frequency of a word beside a :data:`LEFT_GLUE` or
#: :data:`RIGHT_GLUE` word (``toil|we``), and of one of three letters (``if|any``, not ``to|tam``).
GLUED_ZIPF, SHORT_CONTENT_ZIPF = 3.0, 5.0
#: The shortest token that may be two content words glued together.
MIN_CONTENT_PAIR = 8
#: The shortest foreign word cut off a token (``a|mêlée``), and the most
#: English may know it (rare English words are no foreign ones: ``privateers|men``).
MIN_FOREIGN, FOREIGN_ZIPF = 5, 2.0
#: How much likelier (powers of ten) a cut must be than the token whole.
MIN_GAIN = 3.0
#: Short words that are no function words but stand glued to others where spaces are lost anywhere.
LOOSE_SHORT = word_set("as so no not up")


def function_word_cut(
    token: str, english: Callable[[str], float], pmi: Callable[[str, str], float]
) -> int | None:
    """Where to cut a token that is two function words glued together (``ofthe``, ``andthe``), if it is.

    wordfreq lists many such forms, from web text that lost its spaces
    (``ofthe`` at Zipf 3.3), so the lexicon alone cannot tell them from words;
    the cut must be :data:`MIN_GAIN` powers of ten likelier than the form as
    listed, which real words of two function words are not (``onto``,
    ``into``, ``within``, ``heron``).

    >>> zipfs = {"of": 7.4, "the": 7.7, "ofthe": 3.3, "on": 7.0, "to": 7.4, "onto": 4.8}
    >>> english = lambda w: zipfs.get(w, 0.0)
    >>> [function_word_cut(t, english, lambda a, b: 0.4) for t in ("ofthe", "Ofthe", "onto")]
    [2, 2, None]
    """
    lower = token.lower()
    whole = english(lower)
    best: tuple[float, int] | None = None
    for cut in range(1, len(lower)):
        head, tail = lower[:cut], lower[cut:]
        if head in FUNCTION_WORDS and tail in FUNCTION_WORDS:
            gain = english(head) + english(tail) - 9 + within_pair_reach(pmi(head, tail)) - whole
            if gain >= MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, cut)
    return best[1] if best else None


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_EDGES = re.compile(f"(?:{_alternation(PAIR_GLUE | SHORT_EDGES | FUNCTION_WORDS)})")
_ENDS = re.compile(f"(?:{_alternation(PAIR_GLUE | SHORT_EDGES | FUNCTION_WORDS)})$")
_INSIDE = re.compile(f"(?:{_alternation(w for w in FUNCTION_WORDS if len(w) >= 4)})")
#: Two function words glued together, lowercase (``ofthe``): see :func:`function_word_cut`.
FUNCTION_PAIRS = frozenset(first + second for first in FUNCTION_WORDS for second in FUNCTION_WORDS)


def may_be_glue(token: str) -> bool:
    """Whether ``token`` could have a shape :func:`segment` accepts (with English function words as glue).

    A function word must begin or end it, or stand inside it if long enough
    to be a middle word; one compiled pattern tells, before any lookup.  A
    token of :data:`MIN_CONTENT_PAIR` letters or more may be two content
    words (``coursedirected``).

    >>> may_be_glue("andwhen"), may_be_glue("placeafterchanges"), may_be_glue("tactics")
    (True, True, False)
    """
    return len(token) >= MIN_CONTENT_PAIR or bool(
        _EDGES.match(token) or _ENDS.search(token) or _INSIDE.search(token, 1)
    )


def unknown_word_logp(length: int) -> float:
    """log10 probability of an unseen word of ``length`` letters.

    >>> unknown_word_logp(7)
    -12.5
    """
    return -9.0 - 0.5 * length


def learn_cores(tokens: Iterable[str], common: Callable[[str], bool], min_support: int) -> dict[str, int]:
    """Cores that several unknown tokens share once common words are taken off their ends.

    ``common`` says whether a word is common enough to be the neighbour a
    glued word lost its space to.

    >>> common = {"a", "of", "between", "with"}.__contains__
    >>> learn_cores(["amêléea", "amêléebetween", "ofmêlées", "dicult"], common, 2)
    {'mêlée': 2}
    """
    support: Counter[str] = Counter()
    for token in tokens:
        lower = token.lower()
        size = len(lower)
        heads = [0, *(cut for cut in range(1, size - 2) if common(lower[:cut]))]
        tails = [size, *(cut for cut in range(3, size) if common(lower[cut:]))]
        cores = {
            lower[head:tail]
            for head in heads
            for tail in tails
            if tail - head >= 3 and (head, tail) != (0, size)
        }
        support.update(cores)
    learned = {core: count for core, count in support.items() if count >= min_support}
    return {core: count for core, count in learned.items() if not _extends(core, learned, common)}


def _extends(core: str, learned: dict[str, int], common: Callable[[str], bool]) -> bool:
    """Whether ``core`` is another learned core with a common word still glued to it (``amêlée``)."""
    for cut in range(1, len(core)):
        head, tail = core[:cut], core[cut:]
        if (common(head) and tail in learned) or (common(tail) and head in learned):
            return True
    return False


def segment(
    token: str,
    logp: Callable[[str], float],
    english: Callable[[str], float],
    glue: Collection[str],
    pmi: Callable[[str, str], float],
    min_gain: float = MIN_GAIN,
    loose: bool = False,
) -> list[str] | None:
    """The most probable cut of ``token`` into two or three words, if far likelier than the token.

    Far likelier is ``min_gain`` powers of ten above an unseen word of its length.
    ``loose`` accepts any two English words (``now|to``): for a document
    whose extractor lost the spaces between ordinary words, not only at italics.

    ``logp`` gives a word's log10 probability (``-inf`` for no word),
    ``english`` its Zipf frequency in English alone, ``pmi`` how much
    likelier than chance books put two words side by side (``the|sea``,
    not ``these|a``), which weighs each cut beside its words.  The
    cut must have the shape of glue, since a cut after a prefix or before an
    ending is too often a real word the lexicon lacks (``delightful|ness``,
    ``in|expediency``, ``urban|is``): two words, one of :data:`PAIR_GLUE`
    and one of four letters or more (``and|when``), or a word of
    :data:`LEFT_GLUE` or :data:`RIGHT_GLUE` on its side and an English word
    (``to|show``, ``toil|we``), or two English words of four letters or
    more, neither of :data:`BOUND_PARTS` (``course|directed``); or three, a
    word of four letters or more in the middle (an italic word glued on
    both sides), a function word of ``glue`` among them, and ends that are
    function words of ``glue`` around a word English does not know
    (``a|mêlée|is``, not ``in|decor|a``), sturdy words, or one of
    them a short word of :data:`SHORT_EDGES` (``a|camera|with``,
    ``tactical|precedents|to``).  Only
    cuts whose first and last parts are words are tried, so a token costs a
    few lookups per letter.

    >>> zipfs = {"and": 7.5, "when": 6.6, "sever": 3.4, "a": 7.4, "camera": 4.9, "place": 5.3, "after": 6.0,
    ...          "ness": 3.3}
    >>> logp = lambda w: zipfs[w] - 9 if w in zipfs else -math.inf
    >>> english = lambda w: zipfs.get(w, 0.0)
    >>> glue = {"a", "and", "after"}
    >>> none = lambda left, right: 0.0
    >>> [segment(token, logp, english, glue, none) for token in ("andwhen", "acameraand", "severly")]
    [['and', 'when'], ['a', 'camera', 'and'], None]
    >>> segment("placeafterand", logp, english, glue, none)
    ['place', 'after', 'and']
    >>> [segment(token, logp, english, glue, none) for token in ("placecamera", "acamera", "severness")]
    [['place', 'camera'], None, None]
    """
    lower = token.lower()
    size = len(lower)
    heads = {cut: logp(lower[:cut]) for cut in range(1, size)}
    tails = {cut: logp(lower[cut:]) for cut in range(1, size)}
    best: tuple[float, tuple[int, ...]] = (-math.inf, ())
    for cut, head in heads.items():
        if head == -math.inf:
            continue
        if tails[cut] > -math.inf and _glued(lower, (cut,), english, glue, loose):
            together = within_pair_reach(pmi(lower[:cut], lower[cut:]))
            best = max(best, (head + tails[cut] + together, (cut,)))
        for second in range(cut + 1, size):
            if tails[second] > -math.inf and _glued(lower, (cut, second), english, glue, loose):
                middle = lower[cut:second]
                together = within_pair_reach(pmi(lower[:cut], middle))
                together += within_pair_reach(pmi(middle, lower[second:]))
                best = max(best, (head + logp(middle) + tails[second] + together, (cut, second)))
    score, cuts = best
    if score < unknown_word_logp(size) + min_gain:
        return None
    bounds = (0, *cuts, size)
    return [token[a:b] for a, b in itertools.pairwise(bounds)]


def _glued(
    word: str, cuts: tuple[int, ...], english: Callable[[str], float], glue: Collection[str], loose: bool
) -> bool:
    """Whether a cut has the shape of glue (see :func:`segment`); ``loose``, any two English words."""
    bounds = (0, *cuts, len(word))
    parts = [word[a:b] for a, b in itertools.pairwise(bounds)]
    if len(parts) == 2:
        first, last = parts
        if loose and all(part in glue or part in LOOSE_SHORT or _content(part, english) for part in parts):
            return True  # now|to, shaken|it, a|view: where the extractor lost spaces between any words
        return (
            (first in PAIR_GLUE and len(last) >= 4)
            or (last in PAIR_GLUE and len(first) >= 4)
            or (first in LEFT_GLUE and _content(last, english))
            or (last in RIGHT_GLUE and _content(first, english))
            or (
                first not in BOUND_PARTS
                and last not in BOUND_PARTS
                and len(word) >= MIN_CONTENT_PAIR + 2
                and all(len(part) >= 4 and english(part) >= CONTENT_ZIPF for part in parts)
            )
            or _beside_foreign(first, last, english)
        )
    first, middle, last = parts
    if middle in PAIR_GLUE and _content(first, english) and _content(last, english):
        return True  # all|his|people
    if (
        len(middle) >= MIN_FOREIGN
        and english(middle) < FOREIGN_ZIPF
        and all(len(edge) >= 4 and english(edge) >= CONTENT_ZIPF for edge in (first, last))
    ):
        return True  # modern|feuilletoniste|turns
    if len(middle) < 4 or not (first in glue or last in glue or middle in glue):
        return False
    if first in glue and last in glue and english(middle) < CONTENT_ZIPF:
        return True  # an italic word glued on both sides: ``a|mêlée|is``
    first_good, last_good = _edge(first), _edge(last)
    return (first_good and (last_good or last in SHORT_EDGES)) or (last_good and first in SHORT_EDGES)


def _content(part: str, english: Callable[[str], float]) -> bool:
    """Whether ``part`` is an English word that may stand beside a glue word (``show``, ``any``)."""
    zipf = english(part)
    return (len(part) >= 4 and zipf >= GLUED_ZIPF) or zipf >= SHORT_CONTENT_ZIPF


def _beside_foreign(first: str, last: str, english: Callable[[str], float]) -> bool:
    """Whether a word English does not know is glued to an English word of five letters or
    more (``modern|feuilletoniste``, ``mêlées|shows``), or after ``a`` or a very common word
    (``a|mêlée``, ``used|qualiter``); ``segment`` has made sure the foreign word is one.  A
    shorter English word after it is too often a foreign word's ending (``succo|ring``,
    ``favori|bus``, ``proletari|ate``).
    """
    for word, foreign, foreign_last in ((first, last, True), (last, first, False)):
        if len(foreign) < MIN_FOREIGN or english(foreign) >= FOREIGN_ZIPF or word in BOUND_PARTS:
            continue
        common = word == "a" or (len(word) >= 3 and english(word) >= SHORT_CONTENT_ZIPF)
        if common and foreign_last:
            return True  # a|mêlée, used|qualiter
        if len(word) >= 5 and english(word) >= CONTENT_ZIPF:
            return True
    return False


def _edge(part: str) -> bool:
    return part in PAIR_GLUE or len(part) >= 4
