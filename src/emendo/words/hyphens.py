"""Line-end hyphens: ``Muk-``/``den`` is one word, ``self-``/``government`` a compound.

Layout asks :class:`LexiconHyphenJudge` at every line that ends in a hyphen.
The witnesses, strongest first:

1. the document itself: the same two parts written elsewhere inside a line,
   with the hyphen (``Russo-Japanese``) or without it (``Mukden``), or else
   other forms of them (``eye-witness`` for ``eye-``/``witnesses``);
2. a capital or a digit after the break: ``Russo-``/``Japanese``,
   ``mid-``/``1930s`` keep their hyphen, as do two roman numerals (``xiv-``/``xvi``, a range);
3. the lexicon: a closed form English knows (``newspaper``, ``express``) drops
   the hyphen, unless both parts are common words and the closed form is far
   rarer than they are (``self``/``government``, ``nineteenth``/``century``);
   a prefix or suffix that wordfreq lists as a word (``un``/``critical``,
   ``unscrupulous``/``ness``, ``church``/``men``) does not make a compound
   (``un`` and a suffix that is no noun not even when the closed form is
   missing: ``un``/``classical``, ``spurious``/``ness``),
   nor do two particles (``here``/``after``, ``where``/``upon``), nor two
   English words whose closed form is a common foreign word (``Region``/``ali``);
   two words whose closed form no lexicon knows make a compound even if one
   is rare (``three``/``fourths``);
4. the passage: where the lexicon would make a compound of two English-looking
   halves, the words on either side of the break, if foreign, make it one
   foreign word (``quae omnia in suas late-``/``bras``).

Either side may carry other damage: the word after the break can be glued to
an italic name (``paperPravdato``), end in punctuation or a note marker, or
have lost a ligature (``testi-``/``ed`` is ``testified``), hold a glyph
code for one (``su˚-``/``cient``) or have a space beside one (``reﬂ ect-``/``ing``);
the judge looks through all of it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from emendo.layout.joins import HyphenVerdict
from emendo.layout.lines import ROMAN_NUMERAL
from emendo.words.encoding import stand_ins_read
from emendo.words.gaps import piece_after_gap, piece_before_gap
from emendo.words.lexicon import lookup_key
from emendo.words.ligatures import GLYPH_LETTERS, Surroundings, is_foreign
from emendo.words.tokens import CAMEL_RE, LETTER, WORD_RE, word_set

if TYPE_CHECKING:
    from emendo.words.profile import DocumentProfile

#: Prefixes and suffixes that wordfreq also lists as words (``un``, ``ness``):
#: joined to a word at a line end they make one word, not a compound.
BOUND_PREFIXES = word_set("un in im il ir dis mis en em de")
BOUND_SUFFIXES = word_set(
    "ness less ment ments ly ship ships hood ful ism ist ists ity ize ise able ible man men"
)
#: Of those, the suffixes that are no nouns (unlike ``ship``, ``man``): after a
#: word they make one word even where the lexicon lacks it (``spurious``/``ness``).
ONLY_SUFFIXES = word_set("ness ment ments ly ity ize ise ible hood")
#: Adverbs and prepositions whose compounds with each other are written
#: closed (``hereafter``, ``whereupon``, ``henceforward``, ``nevertheless``):
#: such a pair at a line end is one word, however common its parts.
PARTICLES = word_set(
    "here there where hence thence whence when how what who ever never after upon fore forth forward "
    "forwards with in into to on by of out over under up as at the less"
)
_LAST_WORD = re.compile(rf"{LETTER}+$")
#: A well-formed roman numeral of two letters or more (``cxxvii``, ``xiv``).
_ROMAN = re.compile(rf"(?=[mdclxvi]{{2}}){ROMAN_NUMERAL}")
_FIRST_WORD = re.compile(rf"^{LETTER}+")


#: A closed form this common in German, Spanish, French or Italian is a foreign
#: word the line broke (``Region-``/``ali``, ``Can-``/``zone``), not an English
#: compound of two words that happen to be English too.
FOREIGN_WORD_ZIPF = 2.5
#: Two words this common and long, whose closed form no lexicon knows, make a
#: compound even when one is rare (``tax-``/``gatherer``, ``three-``/``fourths``).
_RARE_PART_ZIPF, _RARE_PART_LENGTH = 2.5, 4


_BROKEN_IN_FOREIGN = HyphenVerdict(
    False, 0.75, "the words around are not English: a word of a foreign passage broken at the line end"
)
#: Words, and at most this many characters, read on either side of a break to
#: tell a foreign passage.
_PASSAGE_WORDS, _PASSAGE_REACH = 3, 60


def word_before_break(left: str) -> str:
    """The letters that end ``left``: the part of a word before its line-end hyphen.

    >>> word_before_break("(Russo"), word_before_break("Russo-Japa"), word_before_break("1904")
    ('Russo', 'Japa', '')
    """
    found = _LAST_WORD.search(left.rstrip("-"))
    return found.group() if found else ""


def word_after_break(right: str) -> str:
    """The letters that begin ``right``, up to any glued capital: the rest of the broken word.

    >>> word_after_break("paperPravdato"), word_after_break("ed.”³⁵In"), word_after_break("1930s")
    ('paper', 'ed', '')
    """
    found = _FIRST_WORD.match(right.lstrip("\"'“‘(["))
    if not found:
        return ""
    word = found.group()
    seam = CAMEL_RE.search(word)
    return word[: seam.start()] if seam else word


def _roman_range(head: str, tail: str) -> bool:
    """Whether ``head`` and ``tail`` are roman numerals in the same case (``cxxvii``-``clxvi``).

    >>> _roman_range("cxxvii", "clxvi"), _roman_range("XIV", "XVI"), _roman_range("mix", "ed")
    (True, True, False)
    """
    same_case = head.islower() == tail.islower() and head.isupper() == tail.isupper()
    return same_case and bool(_ROMAN.fullmatch(head.lower()) and _ROMAN.fullmatch(tail.lower()))


class LexiconHyphenJudge:
    """Decides line-end hyphens from the document and the lexicon (see the module docstring).

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> judge = learn_profile([Page(0, "a Russo-Japanese war")], WordsConfig()).hyphen_judge()
    >>> [judge.judge(a, b).keep for a, b in [("Muk", "den"), ("self", "government"), ("ear", "lier")]]
    [False, True, False]
    >>> [judge.judge(a, b).keep for a, b in [("here", "after"), ("church", "men"), ("cxxvii", "clxvi")]]
    [False, False, True]
    """

    def __init__(self, profile: DocumentProfile) -> None:
        self._profile = profile

    def _foreign_passage(self, before: str, after: str) -> bool:
        """Whether the words on either side of the break are a foreign passage (``quae late-``/``bras``).

        English compounds are rare there, and two syllables that happen to be
        English words (``late``, ``bras``; ``doc``, ``tis``) common.
        """
        left = [lookup_key(w) for w in WORD_RE.findall(before[-_PASSAGE_REACH:])][-_PASSAGE_WORDS:]
        right = [lookup_key(w) for w in WORD_RE.findall(after[:_PASSAGE_REACH])][:_PASSAGE_WORDS]
        window = (*left, *right)
        if len(left) < 2 or len(right) < 1:
            return False  # too little to tell a language by
        return is_foreign(Surroundings(left[-1], right[0], window), self._profile.zipf)

    def judge(self, left: str, right: str, before: str = "", after: str = "") -> HyphenVerdict:
        profile = self._profile
        if profile.stand_ins:  # glyph codes in the words (``su˚-``/``cient``): read them first
            left = stand_ins_read(left, profile.lexicon, profile.stand_ins)
            right = stand_ins_read(right, profile.lexicon, profile.stand_ins)
        if profile.ligature_gaps:  # pieces a ligature's gap split off (``reﬂ ect-``/``ing``): the whole word
            known = profile.config.known_zipf
            left = piece_before_gap(before, word_before_break(left), profile.lexicon.zipf, known) + left
            right += piece_after_gap(right, after, profile.lexicon.zipf, known)
        left, right = left.translate(GLYPH_LETTERS), right.translate(GLYPH_LETTERS)
        head, tail = word_before_break(left), word_after_break(right)
        if not head or not tail:
            return HyphenVerdict(True, 0.7, "a number or sign stands at the break, so the hyphen is a dash")
        hyphenated = profile.compound_count(head, tail)
        closed = profile.count_any_case(head + tail)
        if hyphenated != closed:
            keep = hyphenated > closed
            written = f"{head}-{tail}" if keep else head + tail
            return HyphenVerdict(keep, 0.95, f"the document writes '{written}' elsewhere")
        if tail[0].isupper():
            return HyphenVerdict(True, 0.9, "the word after the break starts with a capital: a compound")
        if _roman_range(head, tail) and profile.english_zipf(head + tail) < profile.config.known_zipf:
            return HyphenVerdict(True, 0.85, f"'{head}' and '{tail}' are roman numerals: a range")
        family_hyphenated, family_closed = profile.compound_family(head, tail)
        if family_hyphenated != family_closed:
            keep = family_hyphenated > family_closed
            habit = "hyphenated" if keep else "closed up"
            return HyphenVerdict(keep, 0.85, f"the document writes other forms of '{head}-{tail}' {habit}")
        closed_zipf = profile.english_zipf(head + tail)
        head_zipf, tail_zipf = profile.english_zipf(head), profile.english_zipf(tail)
        known = profile.config.known_zipf
        prefixed, suffixed = head.lower() in BOUND_PREFIXES, tail.lower() in BOUND_SUFFIXES
        bound = (tail.lower() in ONLY_SUFFIXES and head_zipf >= _RARE_PART_ZIPF) or (
            head.lower() == "un" and tail_zipf >= known  # un-/classical; un-/English kept its capital
        )
        if (closed_zipf > 0 and (prefixed or suffixed)) or bound:
            return HyphenVerdict(
                False,
                0.9,
                f"'{head}' and '{tail}' are a prefix or suffix and a word: '{head + tail}' is one word",
            )
        if closed_zipf > 0 and head.lower() in PARTICLES and tail.lower() in PARTICLES:
            return HyphenVerdict(
                False, 0.9, f"'{head}' and '{tail}' are particles, which make closed words: '{head + tail}'"
            )
        if (
            min(head_zipf, tail_zipf) >= known
            and closed_zipf < min(head_zipf, tail_zipf) - profile.config.hyphen_compound_gap
        ):
            foreign_zipf = profile.foreign_zipf(head + tail)
            if foreign_zipf >= FOREIGN_WORD_ZIPF and foreign_zipf > closed_zipf:
                return HyphenVerdict(
                    False, 0.8, f"'{head + tail}' is a foreign word broken at the line end, not a compound"
                )
            if self._foreign_passage(before, after):
                return _BROKEN_IN_FOREIGN
            return HyphenVerdict(
                True, 0.8, f"'{head}' and '{tail}' are words and '{head + tail}' is far rarer: a compound"
            )
        if closed_zipf >= known:
            return HyphenVerdict(False, 0.95, f"'{profile.english_form(head + tail)}' is an English word")
        if (
            min(head_zipf, tail_zipf) >= _RARE_PART_ZIPF
            and min(len(head), len(tail)) >= _RARE_PART_LENGTH
            and not prefixed
            and not closed_zipf
            and not profile.foreign_zipf(head + tail)
        ):
            if self._foreign_passage(before, after):
                return _BROKEN_IN_FOREIGN
            return HyphenVerdict(
                True, 0.7, f"'{head}' and '{tail}' are words and '{head + tail}' is none: a compound"
            )
        return HyphenVerdict(
            False, 0.75, f"'{head}' and '{tail}' are not both words: a word broken at the line end"
        )
