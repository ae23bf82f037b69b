"""What a document teaches about itself before any word is repaired.

One pass over the original text of every page counts its tokens; everything
else is derived from those counts, so the cost is linear in the text and the
memory bounded by the vocabulary:

- the words that stand whole, with their case (``Mukden`` twice);
- hyphenated compounds written inside a line (``Russo-Japanese``), which
  settle line-end hyphens of the same words;
- capitalised runs seen only glued to their neighbours (``newspaperPravdato``,
  ``thatPravdadenounce``), from which the names of italic titles are learned;
- whether, and which, ligatures were lost.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from emendo.layout.joins import HyphenJudge
from emendo.model import Page
from emendo.words.changes import edited
from emendo.words.config import WordsConfig
from emendo.words.encoding import STAND_IN_RE, learn_stand_ins, shows_mac_roman, stand_ins_read
from emendo.words.gaps import STANDING_ALONE, ligature_gaps
from emendo.words.lexicon import Lexicon, LigatureForm, WordPairs, english, foreign, lookup_key, word_pairs
from emendo.words.ligatures import (
    FUNCTION_WORDS,
    LIGATURE_GLYPH_RE,
    LIGATURE_GLYPHS,
    SHORT_WORDS,
    Restoration,
    Surroundings,
    capital_evidence,
    context_reach,
    intact_sequences,
    ligatures_lost,
    prior_evidence,
    prose_zipf,
    stem_evidence,
)
from emendo.words.segment import (
    CAPITAL_GLUE,
    FUNCTION_PAIRS,
    MIN_GAIN,
    NAME_GLUE,
    function_word_cut,
    learn_cores,
    may_be_glue,
    segment,
)
from emendo.words.tokens import CAMEL_RE, LINE_BREAK_RE, TOKEN_RE, WORD_RE, is_plain_word, split_camel

#: A word rarer than this as a word of prose (``cials``, ``ernment``; ``ed``,
#: which wordfreq counts from web text but no prose sets alone) may be half
#: of a word that a space split.
HALF_WORD_ZIPF = 3.0

#: Capitalised forms are evidence only for tokens rarer than this in prose: for
#: ``at``, capital ``At`` says no more than wordfreq already does.
_PROSE_WORD_ZIPF = 4.0
#: A damaged form at least this common in English is a collision (``at``, ``re``),
#: judged in each of its sentences.
_COLLISION_ZIPF = 2.0
#: A word this common can be the neighbour an italic word was glued to.
_COMMON_ZIPF = 4.5
#: Words of five letters or more count as words from this Zipf on (rare words
#: are italicised more than most).
_RARE_WORD_ZIPF = 2.5
#: Tokens this long may be words glued together (``andwhen``, ``acamera``).
_MIN_GLUED, _MAX_GLUED = 5, 40
#: A part of a glued token read through a lost ligature (``the|ocers``) counts
#: this many powers of ten less than the word it was.
_READING_DISCOUNT = 1.0
#: How much likelier (powers of ten) than an unseen word the cut of a token
#: the document shows twice or more must be: glue recurs where an extractor
#: sets lines tight (``thewriter``), but a recurring token is more often a
#: word of the document.
RECURRING_GAIN = 6.0
#: Glued tokens per token of a document from which it lost spaces between any
#: words, and the fewest that tell (a page's italics glue one, seldom two).
TIGHT_GLUE, TIGHT_GLUE_LEAST = 0.004, 5
#: A foreign word (German, Spanish, French, Italian) is this many powers of
#: ten rarer in English prose than in its own language.
_FOREIGN_DISCOUNT = 1.0
#: Foreign words count as words of an English text from this Zipf, and from
#: four letters on (shorter ones are English syllables as often).
_FOREIGN_WORD_ZIPF, _FOREIGN_WORD_LENGTH = 1.5, 4
#: Prefixes and suffixes that make English words of English words, so that a
#: derived word no lexicon lists is restored through its stem (``unarticial``
#: is ``unartificial``, ``diusiveness`` is ``diffusiveness``) ...
DERIVING_PREFIXES = ("un", "non", "dis", "mis", "over", "under")
DERIVING_SUFFIXES = ("ness", "ly", "less", "ment", "ity")
#: ... taken this many powers of ten rarer than the stem, and only for a word
#: this long, so that a name's syllables (``Un|ger``) are left alone.
_DERIVED_DISCOUNT, _DERIVED_LENGTH = 1.0, 7
#: A foreign word restored from a word no lexicon knows must be this common
#: in English (after :data:`_FOREIGN_DISCOUNT`): ``pontefice``, not every
#: name one inserted ``fi`` turns into some rare word.
_FOREIGN_RESTORED_ZIPF = 1.5
#: A foreign word this common, and this much commoner than in English, is a
#: name or title word that a glue word may follow (``Mondo|of``; ``mondo`` is
#: English slang too, a hundred times rarer).
_GLUED_NAME_ZIPF, _GLUED_NAME_LEAD = 2.5, 1.0
#: A name glued to the word after it (``Cremonain``) is cut only after this
#: many letters, and only before a common word of four letters or more
#: (``Elogiaspeaking``) or a word of :data:`~emendo.words.segment.NAME_GLUE`.
_MIN_NAME = 4
#: Restored words vouch only for candidates this long: shorter stems are
#: found inside unrelated words (``diff`` in ``differs``).
_MIN_STEM = 5
#: An unknown word counts as ligature evidence only if its restoration is this much more common.
_EVIDENCE_GAP = 2.0


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The counts of one pass over a document (see the module docstring).

    ``words`` counts tokens that stand whole, by exact spelling, and
    ``stops`` how often each is followed by a full stop; ``compounds``
    counts lowercase word pairs joined by a hyphen inside a line; ``glued``
    counts capitalised runs found glued after a lowercase letter, and
    ``camel`` the whole tokens they were found in (a name like ``FitzGerald``
    recurs whole; glue rarely does).
    """

    words: Counter[str] = field(default_factory=Counter)
    stops: Counter[str] = field(default_factory=Counter)
    compounds: Counter[tuple[str, str]] = field(default_factory=Counter)
    glued: Counter[str] = field(default_factory=Counter)
    camel: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of_tokens(cls, tokens: Mapping[str, int]) -> Vocabulary:
        """Sort the raw token counts of :data:`TOKEN_RE` into words, compounds and glued runs.

        >>> v = Vocabulary.of_tokens({"Russo-Japanese": 1, "Muk-\\nden.": 1, "newspaperPravdato": 1})
        >>> dict(v.words), dict(v.compounds), dict(v.glued)
        ({'Russo': 1, 'Japanese': 1}, {('russo', 'japanese'): 1}, {'Pravdato': 1})
        """
        vocabulary = cls()
        words, stops = vocabulary.words, vocabulary.stops
        for token, count in tokens.items():
            if token.endswith("."):
                token = token[:-1]
                if "\n" not in token:
                    stop = token.rpartition("-")[2]
                    stops[stop] = stops.get(stop, 0) + count
            if token.isalpha() and (token[1:].islower() or token.isupper()):
                words[token] = words.get(token, 0) + count  # the common case: a plain word
            elif "\n" in token:
                head, tail = LINE_BREAK_RE.split(token, maxsplit=1)
                vocabulary._add_parts(head.split("-")[:-1], count)
                vocabulary._add_parts(tail.split("-")[1:], count)
                vocabulary._add_glued(tail.split("-")[0], count)
            else:
                parts = token.split("-")
                vocabulary._add_parts(parts, count)
                for left, right in itertools.pairwise(parts):
                    vocabulary.compounds[(left.lower(), right.lower())] += count
        return vocabulary

    def _add_parts(self, parts: Iterable[str], count: int) -> None:
        for part in parts:
            if CAMEL_RE.search(part):
                self._add_glued(part, count)
                self.camel[part] += count
            else:
                self.words[part] += count

    def _add_glued(self, part: str, count: int) -> None:
        for chunk in split_camel(part)[1:]:
            self.glued[chunk] += count


class ChunkHits(NamedTuple):
    """Chunks of a document that hold words of interest, and those words, for fast lookup."""

    words: dict[str, tuple[str, ...]]
    chunks: frozenset[str]


@dataclass
class DocumentProfile:
    """A document's own vocabulary and damage, learned by :func:`learn_profile`."""

    config: WordsConfig
    lexicon: Lexicon
    vocabulary: Vocabulary
    lowered: Counter[str]
    name_support: dict[str, int]
    lost_ligatures: frozenset[str]
    ligature_intact: Counter[str]
    ligature_evidence: Counter[str]
    glued_cores: dict[str, int] = field(default_factory=dict)
    unknown_lowercase: list[str] = field(default_factory=list, repr=False)
    unknown_capitalised: list[str] = field(default_factory=list, repr=False)
    #: Tokens wordfreq lists that are two function words glued together (``ofthe``).
    listed_glue: list[str] = field(default_factory=list, repr=False)
    #: Whether the extractor lost spaces between ordinary words, not only at
    #: italics (``nowto``, ``thewriter``), settled when the words are first
    #: cut (:meth:`segmentations_in`).
    tight_lines: bool = False
    _restorations: dict[str, Restoration | None] = field(default_factory=dict, repr=False)
    _restorable: dict[str, Restoration] = field(default_factory=dict, repr=False)
    _restored_stems: Counter[str] = field(default_factory=Counter, repr=False)
    _segmentations: dict[str, tuple[int, ...] | None] = field(default_factory=dict, repr=False)
    _total: int = field(default=0, repr=False)
    chunk_words: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _chunk_set: frozenset[str] = field(default=frozenset(), repr=False)
    _restoration_hits: ChunkHits = field(default_factory=lambda: ChunkHits({}, frozenset()), repr=False)
    #: Letters lost from the words of each chunk that holds words to restore (see :meth:`printed_length`).
    _lost_letters: dict[str, int] | None = field(default=None, repr=False)
    _segmentation_hits: ChunkHits | None = field(default=None, repr=False)
    _foreign: Lexicon | None = field(default=None, repr=False)
    _pairs: WordPairs | None = field(default=None, repr=False)
    #: :func:`~emendo.words.ligatures.sentence_evidence` by token and neighbours.
    sentence_scores: dict[tuple[str, Surroundings], float] = field(default_factory=dict, repr=False)
    #: The ``(zipf, sequence)`` that closes up a pair of words across a space, if any, by pair.
    spaced_joins: dict[tuple[str, str], tuple[float, str] | None] = field(default_factory=dict, repr=False)
    #: Whether a pair of words is one word split by a stray space, by pair (``gov ernment``).
    split_joins: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)
    #: How well a pair reads as one word split by a stray space, None for not at all, by pair.
    split_fits: dict[tuple[str, str], float | None] = field(default_factory=dict, repr=False)
    #: Whether the extractor split the document's words with stray spaces,
    #: settled as :attr:`spaced_ligatures` is (see :mod:`emendo.words.splits`).
    stray_spaces: bool | None = None
    _fragment_hits: ChunkHits | None = field(default=None, repr=False)
    #: Whether the document writes lost ligatures as spaces (``signi cant``):
    #: set by :func:`emendo.words.repair.repair_words` from all its texts;
    #: ``None`` until then, when each text is its own evidence.
    spaced_ligatures: bool | None = None
    #: Whether the document's punctuation was set in Mac Roman and read as
    #: Windows-1252 (``donÕt``): then every text of it is read back, even one
    #: that shows no apostrophe of its own (a note with only ``1815Ð60``).
    mac_roman: bool = False
    #: What each stand-in character means in this document (``{'˛': 'fi'}``):
    #: see :func:`~emendo.words.encoding.learn_stand_ins`.
    stand_ins: dict[str, str] = field(default_factory=dict)
    #: Whether the extractor put spaces beside the document's ligatures
    #: (``ﬁ rst``): see :mod:`emendo.words.gaps`.
    ligature_gaps: bool = False
    _fragments: dict[str, float] = field(default_factory=dict, repr=False)
    _compound_heads: dict[str, list[tuple[tuple[str, str], int]]] | None = field(default=None, repr=False)
    _lowered_sorted: list[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        """Judge every word of the document once, in two rounds.

        The first round restores what needs no context (``armation``); the
        words so restored then vouch for the collisions that share their
        stem (``affirmation`` makes ``arm`` likelier to be ``affirm``), and
        the second round judges the collisions with that knowledge.
        """
        self._total = max(1, sum(self.vocabulary.words.values()))
        self._chunk_set = frozenset(self.chunk_words)
        if not self.lost_ligatures:
            return
        candidates = {}
        words = self.vocabulary.words
        found = (
            *ligature_candidates(words, self.lexicon),
            *self._foreign_candidates(words),
            *self._derived_candidates(words),
        )
        for word in found:
            candidate = self._candidate(word)
            if candidate is not None:
                candidates[word] = candidate
                restoration = self._judge(word, *candidate)
                self._restorations[word] = restoration
                if restoration is not None and not restoration.collision:
                    self._restored_stems.update(word_stems(lookup_key(restoration.word)))
        for word, candidate in candidates.items():
            if candidate[2].word in self._restored_stems:
                self._restorations[word] = self._judge(word, *candidate)
            restoration = self._restorations[word]
            if restoration is not None:
                self._restorable[word] = restoration
        self._restoration_hits = self._chunk_hits(frozenset(self._restorable))

    def _chunk_hits(self, wanted: frozenset[str]) -> ChunkHits:
        """The document's chunks (whitespace-separated) that hold one of the ``wanted`` words."""
        hits = {}
        if wanted:
            for chunk, words in self.chunk_words.items():
                if not wanted.isdisjoint(words):
                    hits[chunk] = tuple(word for word in words if word in wanted)
        return ChunkHits(hits, frozenset(hits))

    def _words_to_judge(self, text: str, hits: ChunkHits) -> set[str]:
        """The words of ``text`` worth judging: those of chunks known to hold some, and any in new chunks.

        Splitting on whitespace and intersecting sets runs at C speed; only
        chunks the document never showed (words joined at a line end, a
        marker taken out) are read word by word.
        """
        chunks = chunks_of(text)
        found: set[str] = set()
        for chunk in chunks & hits.chunks:
            found.update(hits.words[chunk])
        for chunk in chunks - self._chunk_set:
            found.update(WORD_RE.findall(chunk))
        return found

    # -- the lexicon and the document's words --------------------------------

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` in English (any case)."""
        return self.lexicon.zipf(lookup_key(word))

    def english_zipf(self, word: str) -> float:
        """Zipf frequency of ``word``, or of the word it was before it lost a ligature."""
        found = self.zipf(word)
        restoration = self.restoration(word) if found < self.config.known_zipf else None
        if restoration is not None and restoration.prior >= self.config.ligature_margin:
            return max(found, self.zipf(restoration.word))
        return found

    def english_form(self, word: str) -> str:
        """``word``, or the word it was before it lost a ligature, as :meth:`english_zipf` reads it.

        >>> page = Page(0, "the ocials were conned; the rst reports reected it")
        >>> profile = learn_profile([page], WordsConfig())
        >>> profile.english_form("testied"), profile.english_form("Mukden")
        ('testified', 'Mukden')
        """
        if self.zipf(word) >= self.config.known_zipf:
            return word
        restoration = self.restoration(word)
        if restoration is not None and restoration.prior >= self.config.ligature_margin:
            return restoration.word
        return word

    def is_english(self, word: str) -> bool:
        """Whether ``word`` (or its ligature-restored form) is a word English readers know."""
        return self.english_zipf(word) >= self.config.known_zipf

    def count(self, word: str) -> int:
        """How often ``word`` stands whole in the document, spelt exactly so."""
        return self.vocabulary.words.get(word, 0)

    def count_any_case(self, word: str) -> int:
        """How often ``word`` stands whole in the document, in any case."""
        return self.lowered.get(word.lower(), 0)

    def compound_count(self, left: str, right: str) -> int:
        """How often ``left-right`` is written with its hyphen inside a line."""
        return self.vocabulary.compounds.get((left.lower(), right.lower()), 0)

    def compound_family(self, left: str, right: str) -> tuple[int, int]:
        """How often the document writes ``left`` and a form of ``right`` hyphenated, and closed up.

        A form shares ``right``'s stem (all but its last three letters, at
        least four): ``eye-witness`` and ``eyewitnesses`` are of the family of
        ``eye``/``witnesses``.  The author's habit for the family decides a
        break the exact word never shows elsewhere.

        >>> page = Page(0, "an eye-witness, two eye-witnesses, co-operation and cooperate")
        >>> profile = learn_profile([page], WordsConfig())
        >>> profile.compound_family("eye", "witnessed"), profile.compound_family("co", "operating")
        ((2, 0), (1, 1))
        """
        head, tail = left.lower(), right.lower()
        stem = tail[: max(4, len(tail) - 3)]
        if len(stem) >= len(tail) and len(tail) < 4:
            return 0, 0
        hyphenated = sum(
            count for (first, second), count in self._compounds_of(head) if second.startswith(stem)
        )
        closed_prefix = head + stem
        words = self._sorted_lowered()
        start = bisect_left(words, closed_prefix)
        closed = 0
        while start < len(words) and words[start].startswith(closed_prefix):
            closed += self.lowered[words[start]]
            start += 1
        return hyphenated, closed

    def _compounds_of(self, head: str) -> list[tuple[tuple[str, str], int]]:
        if self._compound_heads is None:
            heads: dict[str, list[tuple[tuple[str, str], int]]] = {}
            for pair, count in self.vocabulary.compounds.items():
                heads.setdefault(pair[0], []).append((pair, count))
            self._compound_heads = heads
        return self._compound_heads.get(head, [])

    def _sorted_lowered(self) -> list[str]:
        if self._lowered_sorted is None:
            self._lowered_sorted = sorted(self.lowered)
        return self._lowered_sorted

    def stop_share(self, word: str) -> float:
        """The share of ``word``'s occurrences followed by a full stop.

        A few percent for any word, since that many end a sentence; most of
        them for an abbreviation (``ed.``, ``Sta.``).
        """
        count = self.count(word)
        return self.vocabulary.stops.get(word, 0) / count if count else 0.0

    def is_abbreviation(self, word: str) -> bool:
        """Whether ``word`` is always followed by a full stop in the document (``Sta.`` for Santa)."""
        return self.count(word) >= 3 and self.stop_share(word) >= 0.9

    def capitals(self, word: str) -> int:
        """How often ``word`` stands capitalised or in capitals, where no ligature is lost."""
        title, upper = word[:1].upper() + word[1:].lower(), word.upper()
        count = self.count(title)
        return count + self.count(upper) if upper != title else count

    # -- lost ligatures --------------------------------------------------------

    def restoration(self, token: str) -> Restoration | None:
        """The word ``token`` most likely was before it lost a ligature; None if nothing fits.

        Only the lost sequences are tried, only in lowercase or capitalised
        tokens, and never before a capital (a capital ``F`` is no ligature).
        A possessive ``’s`` is kept aside.
        """
        if token in self._restorations:
            return self._restorations[token]
        candidate = self._candidate(token) if self.lost_ligatures else None
        found = self._judge(token, *candidate) if candidate is not None else None
        self._restorations[token] = found
        return found

    def _candidate(self, token: str) -> tuple[str, str, LigatureForm] | None:
        """``(base, possessive, best form)`` if inserting a lost sequence into ``token`` makes a word."""
        base, suffix = split_possessive(token)
        forms = self.lexicon.ligature_forms(lookup_key(base))
        if not forms and len(base) >= _FOREIGN_WORD_LENGTH and base[1:].islower():
            other = self._foreign_form(base) or self._derived_form(base)
            forms = (other,) if other is not None else ()
        if not forms or not is_plain_word(base) or not base.isalpha() or self.is_abbreviation(base):
            return None
        if len(base) == 1 and base.isupper():
            return None  # an initial, or the vocative O
        for form in forms:
            if form.sequence in self.lost_ligatures and (form.at > 0 or base[0].islower()):
                return base, suffix, form
        return None

    def _foreign_candidates(self, words: Iterable[str]) -> list[str]:
        """The words English does not know that a lost sequence turns into foreign words.

        A document that lost its ligatures loses them in the Italian and
        French it quotes too (``carnecina``, ``Pontece``, ``oert``).
        """
        english, foreign = self.lexicon.ligature_keys(), self.foreign_lexicon().ligature_keys()
        return [
            word
            for word in words
            if (key := word.lower()) in foreign
            and key not in english
            and len(word) >= _FOREIGN_WORD_LENGTH
            and word[1:].islower()
        ]

    def _derived_candidates(self, words: Iterable[str]) -> list[str]:
        """The words no lexicon knows that a prefix or suffix and a stem that lost a sequence make."""
        return [
            word
            for word in words
            if len(word) >= _DERIVED_LENGTH and word[1:].islower() and self._derived_stem(word) is not None
        ]

    def _derived_stem(self, base: str) -> tuple[str, str, str] | None:
        """``(prefix, damaged stem, suffix)`` where ``base`` is a derived word whose stem lost a
        sequence, if it is one and no lexicon knows it."""
        key = lookup_key(base)
        keys = self.lexicon.ligature_keys()
        for prefix in DERIVING_PREFIXES:
            if key.startswith(prefix) and key[len(prefix) :] in keys:
                found = (prefix, key[len(prefix) :], "")
                break
        else:
            suffix = next((s for s in DERIVING_SUFFIXES if key.endswith(s) and key[: -len(s)] in keys), None)
            if suffix is None:
                return None
            found = ("", key[: -len(suffix)], suffix)
        if self.lexicon.zipf(key) or self.foreign_zipf(key):
            return None
        return found

    def _derived_form(self, base: str) -> LigatureForm | None:
        """The derived word whose stem lost a sequence (``unarticial``: ``unartificial``), if any;
        its Zipf is the stem's, :data:`_DERIVED_DISCOUNT` lower.

        >>> from emendo.model import Page
        >>> from emendo.words import WordsConfig
        >>> profile = learn_profile([Page(0, "the rst eld and the nal gures")], WordsConfig())
        >>> profile._derived_form("unarticial").word, profile._derived_form("diusiveness").word
        ('unartificial', 'diffusiveness')
        """
        parts = self._derived_stem(base) if len(base) >= _DERIVED_LENGTH else None
        if parts is None:
            return None
        prefix, stem, suffix = parts
        for form in self.lexicon.ligature_forms(stem):
            if form.sequence in self.lost_ligatures:
                word = prefix + form.word + suffix
                return LigatureForm(word, form.sequence, len(prefix) + form.at, form.zipf - _DERIVED_DISCOUNT)
        return None

    def _foreign_form(self, base: str) -> LigatureForm | None:
        """The commonest foreign word that one lost sequence makes of ``base``, if common enough.

        Only for a word that neither English nor the foreign lexicon knows;
        its Zipf is taken :data:`_FOREIGN_DISCOUNT` lower, as a word quoted in English.
        """
        if self.zipf(base) >= _FOREIGN_WORD_ZIPF or self.foreign_zipf(base):
            return None
        for form in self.foreign_lexicon().ligature_forms(lookup_key(base)):
            zipf = form.zipf - _FOREIGN_DISCOUNT
            if zipf < _FOREIGN_RESTORED_ZIPF:
                break  # most frequent first
            if form.sequence in self.lost_ligatures and (form.at > 0 or base[0].islower()):
                return form._replace(zipf=zipf)
        return None

    def _judge(self, token: str, base: str, suffix: str, best: LigatureForm) -> Restoration | None:
        """The restoration of ``token`` by ``best``, weighed; None where no sentence could justify it.

        A word of one letter (``a``, ``I``) is never a word that lost a
        ligature: its would-be originals (``afl``, ``aff``) are no English words.
        """
        key = lookup_key(base)
        if len(key) == 1 and key in SHORT_WORDS:
            return None
        seen_zipf = self.lexicon.zipf(key)
        token_zipf = prose_zipf(key, seen_zipf)
        capital = 0.0
        if best.at == 0 and token_zipf < _PROSE_WORD_ZIPF:
            capital = capital_evidence(self.capitals(best.word), self.capitals(base))
        related = self._restored_stems.get(best.word, 0) if len(best.word) >= _MIN_STEM else 0
        prior = prior_evidence(best.zipf, token_zipf, capital + stem_evidence(related))
        reach = context_reach(key)
        margin = self.config.ligature_margin
        collision = seen_zipf >= _COLLISION_ZIPF
        if collision and prior + reach.hyphenated < margin:
            return None  # no sentence could make it the candidate
        if not collision and prior < margin:
            return None
        word = base[: best.at] + best.sequence + base[best.at :] + suffix
        return Restoration(
            token, word, best.sequence, best.at, prior, collision, prior + reach.plain >= margin
        )

    def restorations_in(self, text: str) -> dict[str, Restoration]:
        """The tokens of ``text`` that may have lost a ligature, with their restorations.

        Every word of the document was judged when the profile was learned;
        only words it never saw (joined at a line end, say) are judged now.
        """
        found = {}
        for word in self._words_to_judge(text, self._restoration_hits):
            restoration = self.restoration(word)
            if restoration is not None:
                found[word] = restoration
        return found

    # -- words glued without a seam -------------------------------------------

    def foreign_zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` in German, Spanish, French or Italian, whichever is highest."""
        return self.foreign_lexicon().zipf(lookup_key(word))

    def foreign_lexicon(self) -> Lexicon:
        """The German, Spanish, French and Italian lexicon, opened on the first question.

        Most documents never ask one.
        """
        if self._foreign is None:
            self._foreign = foreign()
        return self._foreign

    def word_pairs(self) -> WordPairs:
        """English word pairs with their counts, opened on the first question.

        Asked by collisions (``conned to``) and by cuts of glued words (``the|sea``).
        """
        if self._pairs is None:
            self._pairs = word_pairs()
        return self._pairs

    def pair_affinity(self, left: str, right: str) -> float:
        """How much likelier than chance books put two words (lowercase) side by side.

        See :meth:`~emendo.words.lexicon.WordPairs.pmi`: ``the sea`` is
        favoured, ``these a`` is not, and rare words are not judged.
        """
        return self.word_pairs().pmi(left, right, self.zipf(left), self.zipf(right))

    def word_logp(self, word: str) -> float:
        """log10 probability of ``word`` (lowercase) as a word of this document.

        English words by wordfreq (one-letter words only ``a``; two-letter
        ones only real words; rarer words only if long, ``precedents``);
        others by how often the document shows them whole or as the core of
        several glued tokens, or else as a foreign word quoted in English
        (``scelleratezza``), ten times rarer than in its language.
        """
        zipf = self.zipf(word)
        least = self.config.known_zipf if len(word) < _MIN_GLUED else _RARE_WORD_ZIPF
        if zipf < least and self.lost_ligatures and word in self.lexicon.ligature_keys():
            zipf = max(zipf, self._lost_ligature_zipf(word))  # ``the|ocers`` glued: ``ocers`` is officers
        if zipf >= least and (len(word) > 2 or word in SHORT_WORDS) and word != "i":
            english = zipf - 9.0
        else:
            english = -math.inf
        seen = max(self.lowered.get(word, 0), self.glued_cores.get(word, 0))
        if seen and len(word) >= _MIN_GLUED:
            return max(english, math.log10(seen / self._total))
        if english == -math.inf and len(word) >= _FOREIGN_WORD_LENGTH:
            quoted = self.foreign_zipf(word)
            if quoted >= _FOREIGN_WORD_ZIPF:
                return quoted - 9.0 - _FOREIGN_DISCOUNT
        return english

    def _lost_ligature_zipf(self, word: str) -> float:
        """Zipf of the commonest word ``word`` (lowercase) is with one of the document's lost
        sequences put back, less :data:`_READING_DISCOUNT`: a reading, not a word as it stands."""
        candidate = self._candidate(word)
        return candidate[2].zipf - _READING_DISCOUNT if candidate is not None else 0.0

    def segmentation(self, token: str) -> tuple[int, ...] | None:
        """Where to cut ``token`` into the words a lost space glued together; None to leave it.

        Only tokens unknown to English are cut (never a word wordfreq knows,
        nor one that lost a ligature), and only when the cut is far likelier
        (:func:`emendo.words.segment.segment`), farther still for a token the
        document shows twice or more (:data:`RECURRING_GAIN`); of the tokens
        wordfreq lists, only two function words glued together (``ofthe``:
        :func:`~emendo.words.segment.function_word_cut`).  A
        capitalised token is a name glued to a word (:meth:`_name_glue`), or
        glue only after a determiner (``The|subjective|side``).
        """
        if token in self._segmentations:
            return self._segmentations[token]
        found: tuple[int, ...] | None = None
        if self.zipf(token) > 0.0:  # listed, so a word unless two function words glued (``ofthe``)
            pair = token.lower() in FUNCTION_PAIRS
            cut = function_word_cut(token, self.zipf, self.pair_affinity) if pair else None
            self._segmentations[token] = found = (cut,) if cut is not None else None
            return found
        capitalised = token[:1].isupper()
        if capitalised:
            cut = self._name_glue(token)
            found = (cut,) if cut is not None else None
        if found is None and self._may_be_glued(token[:1].lower() + token[1:]):
            # a token the document shows again is likelier one of its words, unless the cut is far likelier
            gain = RECURRING_GAIN if self.count_any_case(token) >= 2 else MIN_GAIN
            words = segment(
                token, self.word_logp, self.zipf, FUNCTION_WORDS, self.pair_affinity, gain, self.tight_lines
            )
            if capitalised and words is not None and not self._capital_glue(words):
                words = None  # a name or a foreign word: ``Hispani``, ``Thesaur``
            if words is not None:
                cuts = [len(words[0])]
                for word in words[1:-1]:
                    cuts.append(cuts[-1] + len(word))
                found = tuple(cuts)
        self._segmentations[token] = found
        return found

    def _shows_tight_lines(self, glued: Iterable[str]) -> bool:
        """Whether so many lowercase tokens are glue (:data:`TIGHT_GLUE` per token) that the
        extractor lost spaces between any words, as pdfminer does with tightly set lines.

        Italics alone glue fewer than two tokens in a thousand; a document that
        lost one space in twenty, fifteen or more.
        """
        lowercase = sum(word.islower() for word in glued)
        return lowercase >= max(TIGHT_GLUE * self._total, TIGHT_GLUE_LEAST)

    def _capital_glue(self, words: Sequence[str]) -> bool:
        """Whether a capitalised token's cut is glue: a determiner, then English words or
        foreign ones of five letters or more (``The|subjective|side``, ``A|mêlée|of``).
        """
        return words[0].lower() in CAPITAL_GLUE and all(
            len(word) >= 5 or self.zipf(word) >= self.config.known_zipf for word in words[1:]
        )

    def _name_glue(self, token: str) -> int | None:
        """Where a capitalised token splits into a name and the word glued after it (``Cremona|in``).

        Only a token no lexicon knows and the document shows once; the name
        must stand whole elsewhere in the document, with a glue word or a
        common word after it (``Elogia|speaking``), or be a foreign word
        before a glue word (``Nipoti|of``).
        Real names that end in a word (``Rankin``, ``Kaiserin``) are known,
        or recur, or their first part never stands alone.
        """
        if not (
            len(token) > _MIN_NAME + 1
            and token.isalpha()
            and token[1:].islower()
            and self.zipf(token) == 0.0
            and self.count_any_case(token) < 2
            and self.foreign_zipf(token) == 0.0
            and self.english_zipf(token) < self.config.known_zipf
        ):
            return None
        best: tuple[float, float, int] | None = None
        for cut in range(_MIN_NAME, len(token) - 1):
            rest = token[cut:]
            rest_zipf = self.zipf(rest)
            if rest not in NAME_GLUE and (len(rest) < 4 or rest_zipf < _COMMON_ZIPF):
                continue
            name = token[:cut]
            if self.count(name) or self.name_support.get(name, 0) >= self.config.min_name_support:
                strength = 2.0
            elif rest in NAME_GLUE and self._foreign_rather_than_english(name):
                strength = 1.0  # a foreign word only before a glue word: ``Poli|store`` is ``Polistore``
            else:
                continue
            if best is None or (strength, rest_zipf) > best[:2]:
                best = (strength, rest_zipf, cut)
        return best[2] if best else None

    def _foreign_rather_than_english(self, name: str) -> bool:
        """Whether ``name`` is a common foreign word that English knows far less (``Nipoti``, ``Mondo``)."""
        foreign_zipf = self.foreign_zipf(name)
        return foreign_zipf >= _GLUED_NAME_ZIPF and foreign_zipf >= self.zipf(name) + _GLUED_NAME_LEAD

    def _may_be_glued(self, token: str) -> bool:
        return (
            _MIN_GLUED <= len(token) <= _MAX_GLUED
            and token.islower()
            and token.isalpha()
            and self.lexicon.zipf(token) == 0.0
            and may_be_glue(token)
            and self.english_zipf(token) < self.config.known_zipf
            and self.foreign_zipf(token) == 0.0  # ``ringhiera`` is one Italian word
            and not (self.lost_ligatures and self.lexicon.ligature_forms(token))  # ``aording``
        )

    def segmentations_in(self, text: str) -> dict[str, tuple[int, ...]]:
        """The unknown tokens of ``text`` that are words glued together, with their cuts."""
        if self._segmentation_hits is None:  # only unknown words can be cut
            unknown = [*self.unknown_lowercase, *self.unknown_capitalised, *self.listed_glue]
            glued = frozenset(word for word in unknown if self.segmentation(word) is not None)
            if self._shows_tight_lines(glued):
                self.tight_lines = True
                self._segmentations.clear()  # every token judged again, more loosely
                glued = frozenset(word for word in unknown if self.segmentation(word) is not None)
            self._segmentation_hits = self._chunk_hits(glued)
        found = {}
        for word in self._words_to_judge(text, self._segmentation_hits):
            cuts = self.segmentation(word)
            if cuts is not None:
                found[word] = cuts
        return found

    def fragments_in(self, text: str, below: float = HALF_WORD_ZIPF) -> set[str]:
        """The words of ``text`` rarer than ``below`` as words of prose (``cials``, ``ed``): perhaps
        halves of one word.  ``below`` is at most :data:`HALF_WORD_ZIPF`."""
        if self._fragment_hits is None:
            self._fragment_hits = self._chunk_hits(
                frozenset(
                    word for word in self.vocabulary.words if self._fragment_zipf(word) < HALF_WORD_ZIPF
                )
            )
        return {
            word
            for word in self._words_to_judge(text, self._fragment_hits)
            if self._fragment_zipf(word) < below
        }

    def _fragment_zipf(self, word: str) -> float:
        """How common ``word`` is as a word of prose; infinite for what is no half of a word (``don’t``)."""
        found = self._fragments.get(word)
        if found is None:
            plain = word.isalpha() and word[1:].islower()
            found = self._fragments[word] = (
                prose_zipf(lookup_key(word), self.zipf(word)) if plain else math.inf
            )
        return found

    # -- names learned from glued italics ---------------------------------------

    def name_evidence(self, name: str) -> tuple[int, int, float]:
        """What the document and the lexicon say for ``name`` as a word of its own.

        ``(times it stands whole, glued forms that agree on it, Zipf)``.
        """
        return self.count(name), self.name_support.get(name, 0), self.zipf(name)

    def printed_length(self, text: str) -> int:
        """How long ``text`` (a line of the document) was as printed: with the letters of the lost
        ligatures its words get back, so that layout does not read a damaged line as a short one.

        >>> from emendo.model import Page
        >>> from emendo.words import WordsConfig
        >>> profile = learn_profile([Page(0, "the rst eld and the nal gures")], WordsConfig())
        >>> profile.printed_length("the nal gures"), len("the nal gures")
        (17, 13)
        """
        if not self._restorable:
            return len(text)
        if self._lost_letters is None:
            margin = self.config.ligature_margin
            self._lost_letters = {
                chunk: lost
                for chunk, words in self._restoration_hits.words.items()
                if (lost := sum(len(r.inserted) for w in words if (r := self._restorable[w]).prior >= margin))
            }
        return len(text) + sum(map(self._lost_letters.get, text.split(), itertools.repeat(0)))

    def hyphen_judge(self) -> HyphenJudge:
        """The judge layout asks at every line-end hyphen (see :mod:`emendo.words.hyphens`)."""
        from emendo.words.hyphens import LexiconHyphenJudge

        return LexiconHyphenJudge(self)


_SUFFIXES = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "er",
    "ers",
    "est",
    "ly",
    "ness",
    "ment",
    "ments",
    "ation",
    "ations",
    "ion",
    "ions",
    "ive",
    "al",
    "ally",
    "ity",
    "en",
    "ened",
    "able",
    "ably",
    "ful",
)


@lru_cache(maxsize=2)
def chunks_of(text: str) -> frozenset[str]:
    """The whitespace-separated chunks of ``text``.

    Remembered for the last texts: the repairs that look for words of
    interest read the same text in turn unless one of them changed it.
    """
    return frozenset(text.split())


def word_stems(word: str) -> set[str]:
    """The words that ``word`` inflects or derives from by one English suffix.

    >>> sorted(word_stems("affirmation"))
    ['affirm', 'affirmat', 'affirmate', 'affirme']
    """
    stems = set()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems.add(stem)
            if suffix[0] in "aeiou":
                stems.add(stem + "e")  # define → defining, flame → flamed
    return stems


def split_possessive(token: str) -> tuple[str, str]:
    """``token`` without its possessive ``’s``, and the ``’s``.

    >>> split_possessive("Stalin’s"), split_possessive("Affairs")
    (('Stalin', '’s'), ('Affairs', ''))
    """
    if len(token) > 2 and token[-2] in "'’" and token[-1] in "sS":
        return token[:-2], token[-2:]
    return token, ""


def _ligature_counts(
    words: Mapping[str, int], lexicon: Lexicon, config: WordsConfig
) -> tuple[Counter[str], Counter[str]]:
    """Intact ligature sequences (in words a reader knows: ``ifit``, two words glued, shows
    none, though wordfreq lists it), and unknown words one inserted sequence makes known.

    The second count is skipped when intact ``fi`` already vetoes (nothing is
    lost unless ``fi`` is): a clean document never pays for guessing.
    """
    intact: Counter[str] = Counter()
    for word, count in words.items():
        if len(word) >= 3 and ("f" in word or not word.isascii()):  # every sequence has an f
            sequences = intact_sequences(word)
            if sequences and lexicon.zipf(lookup_key(word)) >= config.known_zipf:  # not ``ifit``: two words
                for sequence in sequences:
                    intact[sequence] += count
            for glyph in LIGATURE_GLYPH_RE.findall(word):
                intact[LIGATURE_GLYPHS[glyph]] += count
    evidence: Counter[str] = Counter()
    total = sum(words.values())
    if intact["fi"] > config.ligature_intact_tolerance * total:
        return intact, evidence  # no amount of evidence could outweigh the intact words
    for word in ligature_candidates(words, lexicon):
        base = split_possessive(word)[0]
        if not is_plain_word(base):
            continue
        key = lookup_key(base)
        forms: Sequence[LigatureForm] = lexicon.ligature_forms(key)
        forms = [form for form in forms if form.at > 0 or base[0].islower()]
        if (
            forms
            and forms[0].zipf >= config.known_zipf
            and forms[0].zipf - lexicon.zipf(key) >= _EVIDENCE_GAP
        ):
            evidence[forms[0].sequence] += words[word]
    return intact, evidence


def ligature_candidates(words: Iterable[str], lexicon: Lexicon) -> list[str]:
    """The ``words`` that one inserted ligature sequence may turn into others, in order.

    Those whose lookup form has :meth:`~emendo.words.lexicon.Lexicon.ligature_forms`,
    told by one membership test; words with an apostrophe are all kept, for
    :func:`split_possessive` to look at.

    >>> ligature_candidates(["Aairs", "the", "ocer’s", "don't"], english())
    ['Aairs', 'ocer’s', "don't"]
    """
    keys = lexicon.ligature_keys()
    return [word for word in words if word.lower() in keys or "’" in word or "'" in word]


def _name_support(glued: Mapping[str, int], lexicon: Lexicon, config: WordsConfig) -> dict[str, int]:
    """For each possible name, how many distinct glued runs it explains.

    A run ``Pravdato`` explains ``Pravda`` (rest ``to`` is a word) and
    ``Pravdato`` itself; ``Pravdadenounce`` explains ``Pravda`` again, so
    ``Pravda`` is supported twice and ``Pravdat`` once.
    """
    support: Counter[str] = Counter()
    for run in glued:
        support[run] += 1
        for cut in range(2, len(run) - 1):
            rest = run[cut:]
            if rest.islower() and prose_zipf(rest, lexicon.zipf(rest)) >= config.known_zipf:
                support[run[:cut]] += 1
    return dict(support)


def unknown_lowercase(words: Iterable[str], lexicon: Lexicon) -> list[str]:
    """The lowercase words English does not know that may be words glued together (:func:`may_be_glue`).

    Only these can be glue (:meth:`DocumentProfile.segmentation`) or hold a
    core (:func:`_glued_cores`); the cheapest tests come first.
    """
    return [
        word
        for word in words
        if len(word) >= _MIN_GLUED
        and word.islower()
        and word.isalpha()
        and lexicon.zipf(word) == 0.0
        and may_be_glue(word)
    ]


def unknown_capitalised(words: Mapping[str, int], lexicon: Lexicon) -> list[str]:
    """Capitalised words English does not know, seen once: perhaps a name glued to a word (``Cremonain``)."""
    return [
        word
        for word, count in words.items()
        if count == 1
        and len(word) > _MIN_NAME + 1
        and word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and lexicon.zipf(word) == 0.0
    ]


def _glued_cores(
    unknown: Iterable[str], lexicon: Lexicon, config: WordsConfig, lost: frozenset[str]
) -> dict[str, int]:
    """Words of the document seen only glued to common words (``amêléea``, ``amêléebetween``).

    ``unknown`` are the document's :func:`unknown_lowercase` words.  Words
    that lost a ligature (when the document lost them) are no glue.
    """
    unknown = [word for word in unknown if not (lost and lexicon.ligature_forms(word))]

    def common(word: str) -> bool:
        return lexicon.zipf(word) >= _COMMON_ZIPF and (len(word) > 2 or word in SHORT_WORDS)

    return learn_cores(unknown, common, config.min_name_support)


def profile_from_tokens(
    tokens: Mapping[str, int],
    config: WordsConfig,
    lexicon: Lexicon,
    chunk_words: dict[str, tuple[str, ...]] | None = None,
) -> DocumentProfile:
    """The profile of a document whose :data:`TOKEN_RE` tokens were counted as ``tokens``.

    ``chunk_words`` maps each whitespace-separated chunk of the document to
    its words, so that repairs can find their words in a text fast.
    """
    vocabulary = Vocabulary.of_tokens(tokens)
    lowered: Counter[str] = Counter()
    for word, count in vocabulary.words.items():
        lowered[word.lower()] += count
    intact, evidence = _ligature_counts(vocabulary.words, lexicon, config)
    lost = ligatures_lost(intact, evidence, config.ligature_min_evidence, config.ligature_intact_tolerance)
    unknown = unknown_lowercase(vocabulary.words, lexicon)
    return DocumentProfile(
        config=config,
        lexicon=lexicon,
        vocabulary=vocabulary,
        lowered=lowered,
        name_support=_name_support(vocabulary.glued, lexicon, config),
        lost_ligatures=lost,
        ligature_intact=intact,
        ligature_evidence=evidence,
        glued_cores=_glued_cores(unknown, lexicon, config, lost),
        unknown_lowercase=unknown,
        unknown_capitalised=unknown_capitalised(vocabulary.words, lexicon),
        listed_glue=[word for word in vocabulary.words if word.lower() in FUNCTION_PAIRS],
        chunk_words=chunk_words or {},
    )


def learn_profile(pages: Sequence[Page], config: WordsConfig) -> DocumentProfile:
    """Learn a document's vocabulary and damage from its pages' original text.

    One pass of one compiled pattern over each page; the rest works on the
    counts, never on the text again.

    >>> profile = learn_profile([Page(0, "The Mukden Incident. Muk-\\nden again.")], WordsConfig())
    >>> profile.count("Mukden"), profile.count("Muk")
    (1, 0)
    """
    texts = [page.original for page in pages]
    stand_ins: dict[str, str] = {}
    if any(STAND_IN_RE.search(text) for text in texts):  # raw glyph codes: count the words they stand in
        stand_ins = learn_stand_ins(texts, english())
        texts = [stand_ins_read(text, english(), stand_ins) for text in texts]
    gaps = any(STANDING_ALONE.search(text) for text in texts)
    if gaps:  # spaces beside ligatures: count the words whole
        texts = [edited(text, ligature_gaps(text, english().zipf, config.known_zipf)) for text in texts]
    chunks: Counter[str] = Counter()
    for text in texts:
        count_chunks(text, chunks)
    tokens: dict[str, int] = {}
    chunk_words: dict[str, tuple[str, ...]] = {}
    for chunk, count in chunks.items():
        if count > 0:
            found, chunk_words[chunk] = chunk_tokens(chunk)
            for token in found:
                tokens[token] = tokens.get(token, 0) + count
    profile = profile_from_tokens(tokens, config, english(), chunk_words)
    profile.stand_ins = stand_ins
    profile.ligature_gaps = gaps
    if any("Õ" in page.original for page in pages):  # one scan in C per page; the chunks only then
        profile.mac_roman = any(shows_mac_roman(chunk) for chunk in chunks if "Õ" in chunk)
    return profile


def chunk_tokens(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The :data:`TOKEN_RE` tokens of a whitespace-separated chunk, and the words they hold.

    Most chunks are one word, perhaps with quotes, brackets or punctuation
    around it: those are read without the pattern.

    >>> chunk_tokens("(Mukden),"), chunk_tokens("ed.”")
    ((('Mukden',), ('Mukden',)), (('ed.',), ('ed',)))
    >>> chunk_tokens("Russo-Japanese;")
    (('Russo-Japanese',), ('Russo', 'Japanese'))
    """
    word = chunk.strip(_AROUND_WORDS)
    if word.isalpha():
        return (word,), (word,)
    if word.endswith(".") and word[:-1].isalpha():
        return (word,), (word[:-1],)
    found = tuple(TOKEN_RE.findall(chunk))
    if len(found) == 1 and found[0].isalpha():
        return found, found
    return found, tuple(word for token in found for word in _WORD_PARTS.split(token) if word)


def count_chunks(text: str, chunks: Counter[str]) -> None:
    """Add the whitespace-separated chunks of ``text`` to ``chunks``, a word broken at a line end as one.

    Splitting on whitespace and counting runs at C speed; the token pattern
    then only reads each distinct chunk once.  No token spans whitespace but
    a word broken at a line end (``Muk-`` / ``den``), which is put back
    together here.

    >>> chunks = Counter()
    >>> count_chunks("the Muk-\\nden Incident", chunks)
    >>> sorted(chunks.elements())
    ['Incident', 'Muk-\\nden', 'the']
    """
    chunks.update(text.split())
    for hyphen in _LINE_END_HYPHEN.finditer(text):
        start = hyphen.start()
        left = text[_chunk_start(text, start) : start + 1]
        right = _NEXT_CHUNK.match(text, hyphen.end())
        if len(left) > 1 and right:
            chunks[left] -= 1
            chunks[right.group(1)] -= 1
            chunks[left + "\n" + right.group(1)] += 1


#: What may stand around a word in a chunk and is no part of a token (never a full stop).
_AROUND_WORDS = "\"'“”‘’()[],;:!?"
#: What separates the words of a token: hyphens, a line break, a final full stop.
_WORD_PARTS = re.compile(r"-\s*|\.$")
_LINE_END_HYPHEN = re.compile(r"-[ \t]*\r?\n")
_NEXT_CHUNK = re.compile(r"\s*(\S+)")


def _chunk_start(text: str, end: int) -> int:
    return max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), text.rfind("\t", 0, end)) + 1
