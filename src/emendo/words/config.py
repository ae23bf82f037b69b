"""The one settings object of the word layer."""

from __future__ import annotations

from dataclasses import dataclass

from emendo.errors import InputError

#: The word repairs, in the order they run (see :data:`emendo.words.repairs.REPAIRS`).
REPAIR_NAMES = (
    "invisibles",
    "mojibake",
    "mac-roman",
    "ligature-glyphs",
    "ligature-gaps",
    "diacritics",
    "letter-spacing",
    "split-capitals",
    "spaces",
    "split-words",
    "ligatures",
)


@dataclass(frozen=True)
class WordsConfig:
    """Thresholds of the word repairs; every default is what the benchmarks were run with.

    Frequencies are Zipf values from wordfreq (``log10`` of occurrences per
    billion words: ``the`` is 7.7, ``flexible`` 4.3, ``pacifists`` 2.4).

    Attributes:
        repairs: which repairs run, by name, from :data:`REPAIR_NAMES`; they
            always run in that order, whatever order they are given in.
        min_confidence: repairs whose confidence is below this are not applied
            but listed in ``document.held_back`` (``--min-confidence``).
        known_zipf: a word at least this common is a word the reader knows;
            below it a token may be damage (wordfreq's large list also holds
            damaged forms such as ``ght`` at 2.2, from PDFs on the web).
        ligature_min_evidence: how many unknown words that one inserted
            ligature sequence turns into words a document needs before its
            ligatures are judged lost.  One page of a damaged book shows five
            to ten, an excerpt of eighty words two in ten; a clean page none
            (no clean excerpt of eighty words in 200,000 shows two).
        ligature_intact_tolerance: a ligature sequence still counts as lost if
            its intact occurrences are at most this share of its damaged ones
            (a heading in another font may keep its ligatures).  0 means any
            intact ``fi`` word vetoes restoring ``fi``.
        ligature_margin: how much more likely (in Zipf units, i.e. powers of
            ten) the restored word must be, after context, than the token as
            it stands.  Above 0 so that a tie keeps the author's text.
        hyphen_compound_gap: a line-end hyphen between two words is kept when
            the closed form is this much rarer (Zipf) than the rarer part
            (``self-``/``government``), and dropped otherwise (``with-``/``out``).
        min_name_support: a capitalised word seen only glued to its
            neighbours (an italic title that lost its spaces) is learned as a
            name once this many distinct glued forms agree on it.
    """

    repairs: tuple[str, ...] = REPAIR_NAMES
    min_confidence: float = 0.0
    known_zipf: float = 3.0
    ligature_min_evidence: int = 2
    ligature_intact_tolerance: float = 0.01
    ligature_margin: float = 1.0
    hyphen_compound_gap: float = 2.0
    min_name_support: int = 2

    def __post_init__(self) -> None:
        unknown = [name for name in self.repairs if name not in REPAIR_NAMES]
        if unknown:
            raise InputError(
                f"unknown word repair {', '.join(unknown)}: choose from {', '.join(REPAIR_NAMES)}"
            )
        if not 0.0 <= self.min_confidence <= 1.0:
            raise InputError(f"--min-confidence must be between 0 and 1, not {self.min_confidence}")
