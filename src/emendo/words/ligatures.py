"""Lost ligatures: ``condence`` → ``confidence``, ``Aairs`` → ``Affairs``, ``ght`` → ``fight``.

Many book fonts draw ``ff``, ``fi``, ``fl``, ``ffi`` and ``ffl`` as one glyph.
When a PDF does not say which letters such a glyph stands for, text
extraction drops it, and every word that had one loses two or three letters.
The damage is all or nothing for a document, so the document decides whether
it happened (:func:`ligatures_lost`); then each damaged word is restored by
the one sequence that makes it a word (the lexicon's ligature forms).

Each restoration is weighed as log-odds in powers of ten, restoring when the
sum reaches ``WordsConfig.ligature_margin``:

- the frequency of the two readings in English (:func:`prior_evidence`),
  where a one- or two-letter token that is no English word (``re``, ``ve``,
  ``t``) counts for less than wordfreq says, since its frequency there comes
  from abbreviations and fragments, not from prose (:func:`prose_zipf`);
- the document's capitals: a capital ``F`` is never part of a ligature, so
  words that begin with the sequence survive at the start of sentences and in
  titles; ``Five days`` on a page is evidence that ``ve`` elsewhere was
  ``five`` (:func:`capital_evidence`);
- for damaged forms that are words themselves (``at``/``flat``,
  ``our``/``flour``), the sentence (:func:`context_evidence`): grammar, the
  word the token is hyphenated to, and whether the text around is English;
  and the pairs each reading makes with its neighbours in English books
  (:func:`pair_evidence`): ``conned to`` was ``confined to``.

Words of the Italian and French an English book quotes lose their ligatures
too; a word no lexicon knows is restored by the foreign lexicon
(``Pontece`` → ``Pontefice``), and so is a fragment pair (``Magni co``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.lexicon import WordPairs, lookup_key
from emendo.words.tokens import LIGATURE_RE, LIGATURE_SEQUENCES, WORD_RE, occurrences, standalone, word_set

if TYPE_CHECKING:
    from emendo.words.profile import DocumentProfile

#: Ligature code points and the letters they stand for: Unicode's, and the
#: private-use points of Apple's legacy font encoding (U+F001, U+F002), which
#: PDFs made on a Mac still carry.
LIGATURE_GLYPHS = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\uf001": "fi",
    "\uf002": "fl",
}
LIGATURE_GLYPH_RE = re.compile("[\ufb00-\ufb06\uf001\uf002]")
#: ``str.translate`` table that writes ligature code points out as letters.
GLYPH_LETTERS = str.maketrans(LIGATURE_GLYPHS)

#: The English words of one or two letters; any other such token in prose is
#: a fragment, a symbol or an abbreviation.
SHORT_WORDS = word_set(
    "a i ah am an as at be by do eh go ha he hi ho id if in is it lo ma me my no of oh ok on or ox pa "
    "so to up us we ye"
)
#: How much less a short non-word (``re``, ``ve``, ``t``) counts than wordfreq says.
SHORT_FRAGMENT_DISCOUNT = 2.0

# Closed-class English words: the grammar that tells ``at`` from ``flat``.
_DETERMINERS = word_set(
    "a an the this that these those my your his her its our their every each no some any another "
    "either neither such whose"
)
_PREPOSITIONS = word_set(
    "at in on of to for with by from into onto upon about above across after against along among "
    "around before behind below beneath beside besides between beyond during except inside near off "
    "over past since through throughout toward towards under until unto within without"
)
_PRONOUNS = frozenset(
    ["i", "me", "we", "us", "you", "he", "him", "she", "it", "they", "them", "who", "whom", "which"]
)
_AUXILIARIES = word_set(
    "is are was were be been being am has have had do does did will would shall should may might must "
    "can could"
)
_CONJUNCTIONS = word_set("and or but nor than because although though whether")
#: Closed-class English words: articles, prepositions, pronouns, auxiliaries, conjunctions.
FUNCTION_WORDS = _DETERMINERS | _PREPOSITIONS | _PRONOUNS | _AUXILIARIES | _CONJUNCTIONS
#: Determiners that are never pronouns: no function word can follow them.
_ARTICLES = word_set("a an the my your its our their every")
_CONTEXT_WIDTH = 3
_COMPOUND_REACH = 2.0
#: A token used this often, mostly before a full stop, is an abbreviation (``ed.``).
_ABBREVIATION_USES = 3
_GRAMMAR_REACH = 6.0
#: The most one pair of words can move the odds of a reading, either way: a
#: neighbour's pairs for a collision (:func:`pair_evidence`), two parts' pair
#: for a cut of glued words (:func:`emendo.words.segment.segment`).
PAIR_REACH = 2.0
#: A neighbour at least this common in English is a word whose pairs are listed.
_NEIGHBOUR_ZIPF = 3.5


@dataclass(frozen=True, slots=True)
class Restoration:
    """A damaged token and the word it most likely was.

    ``at`` indexes the token where ``inserted`` goes; ``prior`` is the
    evidence before the sentence is read; ``collision`` says the damaged form
    is itself a word common enough that each occurrence is judged in its
    sentence; ``plausible`` that a sentence can tip the balance even where
    the token stands alone, not hyphenated (else only a compound can).
    """

    token: str
    word: str
    inserted: str
    at: int
    prior: float
    collision: bool
    plausible: bool = True


@dataclass(frozen=True, slots=True)
class Surroundings:
    """The words around one occurrence of a token, in lookup form.

    ``previous``/``following`` are the adjacent words of the same clause (None
    across punctuation); ``window`` holds up to three words either side;
    ``joined_before``/``joined_after`` the words hyphenated to the token.
    """

    previous: str | None = None
    following: str | None = None
    window: tuple[str, ...] = ()
    joined_before: str | None = None
    joined_after: str | None = None


def prose_zipf(key: str, zipf: float) -> float:
    """How common ``key`` is as a word of prose: wordfreq's figure, discounted for short non-words.

    >>> prose_zipf("re", 5.23), prose_zipf("at", 6.7)
    (3.23, 6.7)
    """
    if len(key) <= 2 and key not in SHORT_WORDS:
        return round(zipf - SHORT_FRAGMENT_DISCOUNT, 2)
    return zipf


def prior_evidence(candidate_zipf: float, token_zipf: float, capital: float) -> float:
    """Log-odds (powers of ten) that a token was the candidate, before reading its sentence.

    The frequency ratio of the two readings in prose, plus the document's
    own capital-letter evidence.

    >>> round(prior_evidence(5.45, 2.56, 0.0), 2)   # ve → five
    2.89
    """
    return candidate_zipf - token_zipf + capital


def capital_evidence(candidate_capitals: int, token_capitals: int) -> float:
    """Log-odds from the document's capitalised forms, which no lost ligature can damage.

    ``Five`` standing in a document that has lost its ligatures is how often
    that document uses *five*; ``Ve`` how often it uses *ve*.  Bounded so that
    a handful of sentence starts cannot outweigh the whole language.

    >>> round(capital_evidence(4, 0), 2), capital_evidence(0, 0)
    (0.95, 0.0)
    """
    ratio = math.log10((candidate_capitals + 0.5) / (token_capitals + 0.5))
    return max(-1.5, min(1.5, ratio))


def stem_evidence(related: int) -> float:
    """Log-odds from the document's restored words that begin with the candidate.

    ``affirmation`` restored from ``armation`` (no collision there) shows the
    document writes about affirming, which makes ``arm`` likelier ``affirm``.

    >>> stem_evidence(0), stem_evidence(5)
    (0.0, 1.0)
    """
    return min(1.0, float(related))


def context_evidence(around: Surroundings, token: str, candidate: str, zipf: Callable[[str], float]) -> float:
    """Log-odds from the sentence that a damaged form that is a word was really the candidate.

    Only closed-class grammar and the lexicon are used, so the rules hold for
    any English text (among foreign words nothing is restored, whatever else
    is known, but that veto is :func:`is_foreign`'s):

    - a word hyphenated to the token decides by the compound it makes:
      ``ag-ship`` is ``flag-ship`` (``flagship``), ``re-election`` stays
      (``reelection``);
    - a function word cannot follow an article or possessive: ``a at`` is
      ``a flat``, whatever the frequencies say; a preposition before an
      article or pronoun is at home: ``at the`` stays.

    >>> zipfs = {"flagship": 3.5, "reelection": 3.1, "was": 6.5, "surface": 4.6, "time": 6.1}
    >>> z = lambda w: zipfs.get(w, 0.0)
    >>> context_evidence(Surroundings("a", "surface", ("was", "a", "surface")), "at", "flat", z)
    6.0
    >>> context_evidence(Surroundings(None, "the", ("at", "the", "time")), "at", "flat", z)
    -1.5
    >>> context_evidence(Surroundings(window=("the",), joined_after="ship"), "ag", "flag", z)
    2.0
    """
    key, candidate = lookup_key(token), lookup_key(candidate)
    score = 0.0
    if len(key) > 1:  # a letter hyphenated to a word is a shape or a name: T-shirt, X-ray
        if around.joined_after:
            score += _compound_evidence(
                zipf(candidate + around.joined_after), zipf(key + around.joined_after)
            )
        if around.joined_before:
            score += _compound_evidence(
                zipf(around.joined_before + candidate), zipf(around.joined_before + key)
            )
    if key in FUNCTION_WORDS:
        if around.previous in _ARTICLES:
            score += _GRAMMAR_REACH
        if key in _PREPOSITIONS and (around.following in _DETERMINERS or around.following in _PRONOUNS):
            score -= 1.5
        if key in _DETERMINERS and around.following is not None and around.following not in FUNCTION_WORDS:
            score -= 0.5
    return score


def pair_evidence(
    around: Surroundings, token: str, candidate: str, zipf: Callable[[str], float], pairs: WordPairs
) -> float:
    """Log-odds from the words on either side that the candidate, not the token, stood between them.

    For each neighbour that is a known English word: how much more often the
    candidate stands beside it than chance would put it there, against the
    same for the token (the difference of their pointwise mutual information
    with the neighbour, :meth:`~emendo.words.lexicon.WordPairs.pmi`).  The
    frequencies of the two readings are the prior's business and cancel out
    here.  A neighbour counts only where books use one of the two pairs.
    Each side is bounded by :data:`PAIR_REACH`: a frequent pair can be an
    idiom of its own (``the re`` is common in books, from ``the re-``).

    >>> from emendo.words.lexicon import Lexicon, encode_index
    >>> pairs = WordPairs(Lexicon(encode_index([("confined to", 8.06), ("owed to", 7.53)])))
    >>> zipfs = {"conned": 2.84, "confined": 3.82, "to": 7.43, "owed": 3.86, "flowed": 3.33}
    >>> z = lambda w: zipfs.get(w, 0.0)
    >>> round(pair_evidence(Surroundings(None, "to"), "conned", "confined", z, pairs), 2)
    1.41
    >>> round(pair_evidence(Surroundings(None, "to"), "owed", "flowed", z, pairs), 2)
    -0.84
    """
    token, candidate = lookup_key(token), lookup_key(candidate)
    token_zipf, candidate_zipf = zipf(token), zipf(candidate)  # neighbours are in lookup form already
    score = 0.0
    for neighbour, before in ((around.previous, True), (around.following, False)):
        if neighbour is None:
            continue
        neighbour_zipf = zipf(neighbour)
        if neighbour_zipf < _NEIGHBOUR_ZIPF and neighbour not in FUNCTION_WORDS:
            continue  # a rare word, a name, or itself damaged: its pairs say nothing
        seen, candidate_pmi = _beside(pairs, neighbour, neighbour_zipf, before, candidate, candidate_zipf)
        also_seen, token_pmi = _beside(pairs, neighbour, neighbour_zipf, before, token, token_zipf)
        if not (seen or also_seen):
            continue  # neither reading is a pair books use: no evidence either way (``our was``)
        score += within_pair_reach(candidate_pmi - token_pmi)
    return score


def within_pair_reach(evidence: float) -> float:
    """Evidence from one pair of words, bounded by :data:`PAIR_REACH`.

    >>> within_pair_reach(3.1), within_pair_reach(-0.4)
    (2.0, -0.4)
    """
    return max(-PAIR_REACH, min(PAIR_REACH, evidence))


def _beside(
    pairs: WordPairs, neighbour: str, neighbour_zipf: float, before: bool, word: str, word_zipf: float
) -> tuple[float, float]:
    """``(listed log count, pmi)`` of ``word`` beside ``neighbour``, which stands before it or after."""
    if before:
        return pairs.log_count(neighbour, word), pairs.pmi(neighbour, word, neighbour_zipf, word_zipf)
    return pairs.log_count(word, neighbour), pairs.pmi(word, neighbour, word_zipf, neighbour_zipf)


def sentence_evidence(near: Surroundings, restoration: Restoration, profile: DocumentProfile) -> float:
    """:func:`context_evidence` and, unless the token is hyphenated or a function word, :func:`pair_evidence`.

    Remembered by the profile for each token and pair of neighbours: ``at the``
    and ``of our`` come back on every page.
    """
    key = (restoration.token, near)
    found = profile.sentence_scores.get(key)
    if found is None:
        token, word = restoration.token, restoration.word
        found = context_evidence(near, token, word, profile.zipf)
        hyphenated = near.joined_before or near.joined_after  # the pairs list no hyphenated words
        reachable = restoration.prior + found + 2 * PAIR_REACH >= profile.config.ligature_margin
        if reachable and not hyphenated and lookup_key(token) not in FUNCTION_WORDS:
            found += pair_evidence(near, token, word, profile.lexicon.zipf, profile.word_pairs())
        profile.sentence_scores[key] = found
    return found


def is_foreign(around: Surroundings, zipf: Callable[[str], float]) -> bool:
    """Whether the words around a token are not English (a quotation, a title, a name).

    Both adjacent words foreign, or most of the window: ``Dio ti mantenga``,
    ``a re nova pendebat``, ``Jacques du Clerc``; but never right after
    ``the`` or a possessive ``’s``, which only English has: ``to the rst
    avowed Vitruvians``, ``Dante’s rst canto``.

    >>> z = {"the": 7.7, "and": 7.5, "cried": 4.0}.get
    >>> is_foreign(Surroundings("dio", "mantenga", ("and", "cried", "dio", "mantenga")), lambda w: z(w, 0.0))
    True
    >>> is_foreign(Surroundings("the", None, ("and", "the")), lambda w: z(w, 0.0))
    False
    >>> window = ("corneto", "to", "the", "avowed", "vitruvians")
    >>> is_foreign(Surroundings("the", "avowed", window), lambda w: z(w, 0.0))
    False
    """

    def english(word: str, common: float = 3.0) -> bool:
        return word in FUNCTION_WORDS or (zipf(word) >= common and (len(word) > 2 or word in SHORT_WORDS))

    previous, following = around.previous, around.following
    if previous is not None and (previous == "the" or previous.endswith("'s")):
        return False
    if (
        previous is not None
        and following is not None
        and not (english(previous, 3.5) or english(following, 3.5))
    ):
        return True
    known = sum(english(word) for word in around.window)
    return (len(around.window) >= 2 and 2 * known < len(around.window)) or (
        len(around.window) < 2 and known == 0
    )


class Reach(NamedTuple):
    """How far :func:`context_evidence` can move a token's odds.

    ``lowest`` is the most it can take away (everything, among foreign
    words), ``plain`` the most it can add to an occurrence standing alone,
    ``hyphenated`` to one hyphenated to its neighbours.
    """

    lowest: float
    plain: float
    hyphenated: float


def context_reach(key: str) -> Reach:
    """The :class:`Reach` of context for a token in lookup form.

    A token whose prior stays on one side of the margin across this range is
    decided once for the whole document, without reading its sentences.

    A function word is read by grammar, any other word by its word pairs
    (books pair ``of``, ``at``, ``in`` with everything, so their pairs tell little).

    >>> context_reach("at"), context_reach("re")
    (Reach(lowest=-inf, plain=6.0, hyphenated=10.0), Reach(lowest=-inf, plain=4.0, hyphenated=8.0))
    """
    plain = _GRAMMAR_REACH if key in FUNCTION_WORDS else 2 * PAIR_REACH
    return Reach(-math.inf, plain, plain + 2 * _COMPOUND_REACH)


def _compound_evidence(candidate_zipf: float, token_zipf: float) -> float:
    """Log-odds from the closed compounds the two readings make with a hyphenated neighbour.

    Bounded: a hyphenated compound need not be in the lexicon closed
    (``fire-ship`` is not, ``reship`` is).
    """
    return max(-_COMPOUND_REACH, min(_COMPOUND_REACH, candidate_zipf - token_zipf))


def intact_sequences(word: str) -> list[str]:
    """The ligature sequences a word shows intact (longest match first).

    >>> intact_sequences("officially"), intact_sequences("Fischer")
    (['ffi'], [])
    """
    return LIGATURE_RE.findall(word)


def ligatures_lost(
    intact: Mapping[str, int], evidence: Mapping[str, int], min_evidence: int, tolerance: float
) -> frozenset[str]:
    """Which ligature sequences a document lost, from its intact and its damaged words.

    Each sequence is judged on its own: it was lost when unknown words become
    words by inserting it and (almost) no word shows it intact.  A font that
    maps ``ff`` but not ``fi`` loses only the latter, so intact ``staff`` says
    nothing about ``condence``.  ``ffi`` and ``ffl`` go with ``fi`` and ``fl``
    unless shown intact.  Nothing is lost unless ``fi``, the ligature every
    ligature-setting font draws, is, and unless the lost sequences have
    ``min_evidence`` words behind them.

    >>> sorted(ligatures_lost({}, {"fi": 4, "fl": 1}, 3, 0.0))
    ['ff', 'ffi', 'ffl', 'fi', 'fl']
    >>> sorted(ligatures_lost({"ff": 9}, {"fi": 4, "fl": 1}, 3, 0.0))
    ['ffi', 'ffl', 'fi', 'fl']
    >>> sorted(ligatures_lost({"fi": 12}, {"fi": 4, "fl": 1}, 3, 0.0))
    []
    """
    if sum(intact.values()) == 0:  # nothing shows any sequence: every one was lost
        lost = set(LIGATURE_SEQUENCES)
    else:
        lost = {
            s
            for s in LIGATURE_SEQUENCES
            if evidence.get(s, 0) > 0 and intact.get(s, 0) <= tolerance * evidence[s]
        }
        for longer, shorter in (("ffi", "fi"), ("ffl", "fl")):
            if shorter in lost and intact.get(longer, 0) <= tolerance * evidence.get(longer, 0):
                lost.add(longer)
    if "fi" not in lost or sum(evidence.get(s, 0) for s in lost) < min_evidence:
        return frozenset()
    return frozenset(lost)


_GAP = re.compile(r"[ \t\n]+|-")


_GAP_THEN_WORD = re.compile(rf"([ \t\n]+|-)({WORD_RE.pattern})")


def neighbours(text: str, start: int, end: int) -> Surroundings:
    """The :class:`Surroundings` of the token at ``text[start:end]``, but for its window.

    All that grammar and word pairs read, found without reading the clause.

    >>> near = neighbours("into our aairs, and", 5, 8)
    >>> near.previous, near.following, near.window
    ('into', 'aairs', ())
    >>> neighbours("the ag-ship sailed", 4, 6).joined_after
    'ship'
    """
    previous = following = joined_before = joined_after = None
    gap = start
    while gap > 0 and text[gap - 1] in " \t\n":
        gap -= 1
    if gap == start and text[gap - 1 : gap] == "-":
        gap -= 1
    word = gap
    while word > 0 and (text[word - 1].isalpha() or text[word - 1] in "'’"):
        word -= 1  # back to the start of the word before the gap, read forward by WORD_RE
    words = list(WORD_RE.finditer(text, word, gap)) if gap < start else []
    before = words[-1] if words else None  # the run may hold more than one (``’'``): the last ends at the gap
    if before and before.end() == gap:
        if text[gap] == "-":
            joined_before = lookup_key(before.group())
        else:
            previous = lookup_key(before.group())
    after = _GAP_THEN_WORD.match(text, end)
    if after:
        if after.group(1) == "-":
            joined_after = lookup_key(after.group(2))
        else:
            following = lookup_key(after.group(2))
    return Surroundings(previous, following, (), joined_before, joined_after)


def surroundings(text: str, start: int, end: int) -> Surroundings:
    """The :class:`Surroundings` of the token at ``text[start:end]``.

    >>> around = surroundings("into our aairs, and", 5, 8)
    >>> around.previous, around.following, around.window, around.joined_before
    ('into', 'aairs', ('into', 'aairs', 'and'), None)
    >>> surroundings("the ag-ship sailed", 4, 6).joined_after
    'ship'
    """
    left = list(WORD_RE.finditer(text, max(0, start - 60), start))[-_CONTEXT_WIDTH:]
    right = list(WORD_RE.finditer(text, end, end + 60))[:_CONTEXT_WIDTH]
    previous = following = joined_before = joined_after = None
    if left and (gap := _GAP.fullmatch(text, left[-1].end(), start)):
        word = lookup_key(left[-1].group())
        if gap.group() == "-":
            joined_before = word
        else:
            previous = word
    if right and (gap := _GAP.fullmatch(text, end, right[0].start())):
        word = lookup_key(right[0].group())
        if gap.group() == "-":
            joined_after = word
        else:
            following = word
    window = tuple(lookup_key(m.group()) for m in (*left, *right))
    return Surroundings(previous, following, window, joined_before, joined_after)


def restore_ligatures(text: str, context: TextContext) -> Changes:
    """Give back the letters a lost ligature took (``condence`` → ``confidence``).

    Runs only in a document whose profile found its ligatures lost; each
    distinct token is judged once, and collisions (``at``, ``re``) once per
    occurrence, in their sentence.
    """
    profile = context.profile
    if not profile.lost_ligatures:
        return Changes()
    edits = spaced_losses(text, profile)
    ends, starts = {edit.start for edit in edits}, {edit.end for edit in edits}  # words beside a join
    hyphenated = " ".join(chunk for chunk in text.split() if "-" in chunk)  # where a hyphenated word can be
    for token, restoration in profile.restorations_in(text).items():
        grammatical = lookup_key(token) in FUNCTION_WORDS
        if restoration.plausible:
            found = occurrences(text, token)
        else:
            found = hyphenated_occurrences(text, token) if token in hyphenated else []
        for start in found:
            end = start + len(token)
            if _beside_digit(text, start, end) or start in starts or end in ends:
                continue
            score = restoration.prior
            if restoration.collision:
                if _set_apart(text, start, end) or _abbreviated(text, start, end, restoration, context):
                    continue
                if grammatical and score < profile.config.ligature_margin and not _hopeful(text, start, end):
                    continue  # only an article before or a hyphenated word could help, and neither is there
                near = neighbours(text, start, end)
                shape = len(token) == 1 and _hyphenated(text, start, end)
                if shape and not _closes_up(near, restoration, profile):
                    continue  # a letter hyphenated to a word is a shape: T-shirt, t-test
                score += sentence_evidence(near, restoration, profile)
                if score < profile.config.ligature_margin:
                    continue
                if is_foreign(surroundings(text, start, end), profile.english_zipf):
                    continue  # pobit’ ee, tutte le opere (a damaged neighbour counts as what it was)
            if score < profile.config.ligature_margin:
                continue
            at = start + restoration.at
            reason = f"lost '{restoration.inserted}' ligature: '{restoration.token}' was '{restoration.word}'"
            if restoration.collision:
                reason += f" ('{restoration.token}' is a word too: the words around it decided)"
            edits.append(Edit(at, at, restoration.inserted, "ligature", reason, confidence(score)))
    edits.sort(key=lambda edit: edit.start)
    return Changes(tuple(edits))


#: Two words side by side, each whole: the first is taken, the second only looked at.
WORD_PAIR = re.compile(r"(?<![\w’'\-.])([^\W\d_]+) (?=([^\W\d_]+)(?![\w’'\-]))")
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")


def spaced_losses(text: str, profile: DocumentProfile) -> list[Edit]:
    """Ligatures an extractor wrote as a space inside a word (``of cials``, ``signi cant``).

    Two neighbours are one word when putting a lost sequence in place of the
    space between them makes a word, and one of them is a fragment or the
    whole is likelier than the two words side by side; and no fragment beside
    a word is a more common word by a lost ligature of its own (``a rm`` is
    ``a firm``).

    A text is read pair by pair only in a document where a fragment has
    proved to be half of a word (``profile.spaced_ligatures``, or this text
    alone when that is unknown): then ``con ict``, two words of their own,
    are closed up too.

    >>> from emendo.model import Page
    >>> from emendo.words import WordsConfig, learn_profile
    >>> profile = learn_profile([Page(0, "the rst eld and the nal gures of the ght")], WordsConfig())
    >>> [(e.start, e.after) for e in spaced_losses("the of cials were signi cant in the con ict", profile)]
    [(6, 'fi'), (23, 'fi'), (39, 'fl')]
    >>> spaced_losses("in the re ex of the light, a rm", profile)
    []
    """
    spaced = profile.spaced_ligatures
    if spaced is None:  # the text is read alone: it is its own evidence
        spaced = shows_spaced_losses(text, profile)
    if not spaced:
        return []  # the common case: no fragment in the document is half of a word
    edits: list[Edit] = []
    for pair in WORD_PAIR.finditer(text):
        join = _spaced_join(pair, profile)
        if join is not None:
            edits.append(join)
    return edits


def shows_spaced_losses(text: str, profile: DocumentProfile) -> bool:
    """Whether some fragment of ``text`` is half of a word its neighbour completes (``signi cant``).

    Fragments are rare outside damaged text, so looking around each costs far
    less than visiting every pair of words: this is the cheap test that tells
    whether a document writes lost ligatures as spaces at all.
    """
    fragments = profile.fragments_in(text, FRAGMENT_ZIPF)
    return any(_spaced_join(pair, profile) for pair in fragment_pairs(text, fragments))


def fragment_pairs(text: str, fragments: set[str]) -> Iterator[re.Match[str]]:
    """The word pairs of ``text`` (as :data:`WORD_PAIR` finds them) that have a fragment on one side."""
    for fragment in fragments:
        for start in occurrences(text, fragment):
            yield from pairs_at(text, start)


def pairs_at(text: str, start: int) -> Iterator[re.Match[str]]:
    """The word pairs (as :data:`WORD_PAIR` finds them) of the word at ``start`` with the word
    before it and with the word after it.

    >>> [(p.group(1), p.group(2)) for p in pairs_at("the hon ourable member", 8)]
    [('hon', 'ourable'), ('ourable', 'member')]
    """
    before = (
        _LAST_LETTERS.search(text, max(0, start - 41), start - 1) if text[start - 1 : start] == " " else None
    )
    for at in (before.start() if before else None, start):
        pair = WORD_PAIR.match(text, at) if at is not None else None
        if pair is not None:
            yield pair


#: A word made whole across a space must be a word ...
_SPACED_WORD_ZIPF = 2.0
#: ... and either one part is a mere fragment, rarer than this in prose (``cials``, ``signi``) ...
FRAGMENT_ZIPF = 2.5
#: ... or the whole is likelier, by this many powers of ten, than the two words
#: side by side as chance would put them (``con ict``, ``re ned``).
_SPACED_MARGIN = 1.0
#: A foreign word made whole across a space must be this common in its language ...
_FOREIGN_JOIN_ZIPF = 3.0
#: ... and neither part an English word this common (``Magni co``, not ``in nitos``).
_COMMON_PART_ZIPF = 4.0
#: Chance (the product of two words' frequencies) underrates a pair that grammar
#: makes (``a fluent``) by about this many powers of ten.
_PAIR_SLACK = 1.5


def _spaced_join(pair: re.Match[str], profile: DocumentProfile) -> Edit | None:
    """The edit that closes up the word pair ``pair`` with a lost sequence, if the pair is one word."""
    left, right = pair.group(1), pair.group(2)
    sequence = spaced_loss(left, right, profile)
    if sequence is None:
        return None
    word = left + sequence + right
    reason = f"lost '{sequence}' ligature shown as a space: '{left} {right}' was '{word}'"
    return Edit(pair.end() - 1, pair.end(), sequence, "ligature", reason, 0.9)


def spaced_loss(left: str, right: str, profile: DocumentProfile) -> str | None:
    """The lost sequence that makes one word of ``left`` and ``right``, if any (``di er``: ``ff``)."""
    if (left, right) in profile.spaced_joins:  # ``the rst`` comes back on every page
        best = profile.spaced_joins[left, right]
    else:
        best = _english_join(left, right, profile) or _foreign_join(left, right, profile)
        profile.spaced_joins[left, right] = best
    return None if best is None else best[1]


def _english_join(left: str, right: str, profile: DocumentProfile) -> tuple[float, str] | None:
    """``(zipf, sequence)`` of the English word the pair makes with a lost sequence, if it is one word."""
    best: tuple[float, str] | None = None
    for sequence in _joins(left, right, profile):
        zipf = profile.zipf(left + sequence + right)
        if zipf >= _SPACED_WORD_ZIPF and (best is None or (zipf, sequence) > best):
            best = (zipf, sequence)  # ties go the same way whatever the set order
    if best is None:
        return None  # the common case: no sequence makes a word of the two
    left_zipf, right_zipf = prose_of(left, profile), prose_of(right, profile)
    if min(left_zipf, right_zipf) >= FRAGMENT_ZIPF and best[0] + 9 < left_zipf + right_zipf + _SPACED_MARGIN:
        return None  # as two words (a Zipf is log10 of uses per 10**9 words) they are likelier
    if reads_as_lost_ligature(left, right, best[0], FRAGMENT_ZIPF, profile):
        return None  # a rm: a firm, not affirm (but di used is diffused, not diff used)
    return best


def reads_as_lost_ligature(
    left: str, right: str, whole: float, fragment: float, profile: DocumentProfile, *, rarer_too: bool = False
) -> bool:
    """Whether a part of a pair, beside a word, reads better as the word it was before it lost a
    ligature of its own (``a rm`` is ``a firm``, ``to nd`` is ``to find``) than the pair does as
    one word of Zipf ``whole``; a part is a fragment below Zipf ``fragment`` in prose.  Unless
    ``rarer_too``, a restored word rarer than the whole is no rival (``di used`` is ``diffused``).
    """
    left_zipf, right_zipf = prose_of(left, profile), prose_of(right, profile)
    for part_is_left in (True, False):
        part, part_zipf, other_zipf = (
            (left, left_zipf, right_zipf) if part_is_left else (right, right_zipf, left_zipf)
        )
        if part_zipf >= fragment or other_zipf < profile.config.known_zipf:
            continue
        restoration = _restoration_of_fragment(part, profile)
        if restoration is None or (profile.zipf(restoration) < whole and not rarer_too):
            continue
        restored = (restoration, right) if part_is_left else (left, restoration)
        if _pair_zipf(*restored, profile) + _PAIR_SLACK >= whole:
            return True
    return False


def _pair_zipf(left: str, right: str, profile: DocumentProfile) -> float:
    """How common the two words are side by side, as a Zipf: from the word pairs, else by chance."""
    left, right = lookup_key(left), lookup_key(right)
    left_zipf, right_zipf = profile.zipf(left), profile.zipf(right)
    return left_zipf + right_zipf - 9 + profile.word_pairs().pmi(left, right, left_zipf, right_zipf)


def _foreign_join(left: str, right: str, profile: DocumentProfile) -> tuple[float, str] | None:
    """The lost sequence that makes a common foreign word of a fragment and a rare word (``Magni co``).

    Italian and French titles and names keep their ligatures in English
    books (*Magnifico*); only where one part is no word of prose and the
    other no common one, so that English pairs never get this far.
    """
    left_zipf, right_zipf = prose_of(left, profile), prose_of(right, profile)
    if min(left_zipf, right_zipf) >= FRAGMENT_ZIPF or max(left_zipf, right_zipf) >= _COMMON_PART_ZIPF:
        return None
    for form in profile.foreign_lexicon().ligature_forms(lookup_key(left + right)):
        if form.zipf < _FOREIGN_JOIN_ZIPF:
            break  # most frequent first
        if form.at == len(left) and form.sequence in profile.lost_ligatures:
            return form.zipf, form.sequence
    return None


def _joins(left: str, right: str, profile: DocumentProfile) -> list[str]:
    """The lost sequences that may make one word of ``left`` and ``right``, in the profile's order.

    The lexicon's ligature forms list every word under its form without
    each sequence the pattern finds in it, so one lookup of the two parts
    run together tells, without a lookup per sequence.  That listing misses
    ``ff`` before ``i`` or ``l`` (listed as ``ffi``, ``ffl``), which is always
    tried; where it may miss more (an ``f`` before the space, case beyond
    ASCII), every sequence is.

    >>> from emendo.model import Page
    >>> from emendo.words import WordsConfig, learn_profile
    >>> profile = learn_profile([Page(0, "the rst eld and the nal gures of the ght")], WordsConfig())
    >>> _joins("signi", "cant", profile), _joins("in", "the", profile)
    (['fi'], [])
    """
    lost = profile.lost_ligatures
    if not (left.isascii() and right.isascii()) or left[-1] in "fF":
        return list(lost)
    key = left.lower() + right.lower()
    found = set()
    if key in profile.lexicon.ligature_keys():
        found = {form.sequence for form in profile.lexicon.ligature_forms(key) if form.at == len(left)}
    if right[0] in "iIlL":
        found.add("ff")  # listed as ``ffi`` or ``ffl``, under another form
    return [sequence for sequence in lost if sequence in found]


def _restoration_of_fragment(part: str, profile: DocumentProfile) -> str | None:
    """The word ``part`` was, if it is no word and lost a ligature of its own (``rm`` → ``firm``).

    A part that is a word of prose too (``re``, ``ned``) says nothing either way.
    """
    restoration = profile.restoration(part)
    if restoration is None or prose_of(part, profile) >= profile.config.known_zipf:
        return None
    return restoration.word


def prose_of(part: str, profile: DocumentProfile) -> float:
    """How common ``part`` is as a word of prose (``ce``, which wordfreq knows from French, is not)."""
    return prose_zipf(lookup_key(part), profile.zipf(part))


_AFTER_ARTICLE = re.compile(rf"(?<![\w'’])(?:{'|'.join(sorted(_ARTICLES))})\s+$", re.IGNORECASE)


def _hopeful(text: str, start: int, end: int) -> bool:
    """Whether grammar can add anything here: an article just before, or a hyphenated neighbour."""
    return _hyphenated(text, start, end) or bool(_AFTER_ARTICLE.search(text, max(0, start - 12), start))


def _hyphenated(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] == "-" or text[end : end + 1] == "-"


def _closes_up(around: Surroundings, restoration: Restoration, profile: DocumentProfile) -> bool:
    """Whether the restored word and the word hyphenated to it are one English word (``o-shore``),
    or a pair books set side by side as often as a compound's (``far-o``: ``far off``)."""
    word, least = lookup_key(restoration.word), profile.config.known_zipf
    pairs = profile.word_pairs()
    return bool(
        (around.joined_after and profile.zipf(word + around.joined_after) >= least)
        or (around.joined_before and profile.zipf(around.joined_before + word) >= least)
        or (around.joined_after and pairs.log_count(word, around.joined_after) >= _COMPOUND_PAIR)
        or (around.joined_before and pairs.log_count(around.joined_before, word) >= _COMPOUND_PAIR)
    )


#: How often (``log10``, in books) two words must stand side by side to be a
#: compound when hyphenated (``far off``, ``cut off``; not ``fit shirt``).
_COMPOUND_PAIR = 7.0


def hyphenated_occurrences(text: str, token: str) -> list[int]:
    """Where ``token`` stands as a whole word joined to another by a hyphen.

    >>> hyphenated_occurrences("re-ship, the re, ag-re", "re")
    [0, 20]
    """
    starts = set()
    for pattern, shift in ((token + "-", 0), ("-" + token, 1)):
        found = text.find(pattern)
        while found != -1:
            starts.add(found + shift)
            found = text.find(pattern, found + 1)
    return [start for start in sorted(starts) if standalone(text, start, start + len(token))]


def _abbreviated(text: str, start: int, end: int, restoration: Restoration, context: TextContext) -> bool:
    """Whether this occurrence is an abbreviation, not a damaged word.

    One or two letters before a full stop (``ed.``, ``n.``, ``op.``), a
    letter in a chain of them (``e.g.``), or a word the document keeps
    writing before a full stop (``Sta.``).
    """
    if text[start - 1 : start] == "." or (text.startswith(".", end) and text[end + 1 : end + 2].isalpha()):
        return True  # e.g., i.e., U.S.
    if not text.startswith(".", end):
        return False
    profile = context.profile
    return len(restoration.token) <= 2 or (
        profile.count(restoration.token) >= _ABBREVIATION_USES
        and profile.stop_share(restoration.token) >= 0.8
    )


def confidence(log_odds: float) -> float:
    """A log-odds score (powers of ten) as a probability, rounded to 3 places.

    >>> confidence(0.0), confidence(2.0)
    (0.5, 0.99)
    """
    return round(1 / (1 + 10 ** (-log_odds)), 3)


def _beside_digit(text: str, start: int, end: int) -> bool:
    """Whether the token is glued to a number (``2nd``, ``12ff``): no word at all."""
    return (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit())


def _set_apart(text: str, start: int, end: int) -> bool:
    """Whether a collision stands alone in parentheses, as a label: ``(o)``."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"
