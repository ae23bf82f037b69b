"""How two lines of one paragraph are joined: the seam between layout and words.

Layout knows where lines meet; only the word layer knows whether ``Russo-`` and
``Japanese`` make a compound.  Layout asks a :class:`HyphenJudge` at every line
that ends in a hyphen and records the answer as a repair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class HyphenVerdict:
    """Whether a line-end hyphen belongs to the word (a compound) or to the break."""

    keep: bool
    confidence: float
    reason: str


class HyphenJudge(Protocol):
    """Decides line-end hyphens; ``left`` is the word before the hyphen, ``right`` the word after.

    ``before`` is the rest of the line before ``left``, ``after`` the rest of
    the next line after ``right``: the passage the word stands in.
    """

    def judge(self, left: str, right: str, before: str = "", after: str = "") -> HyphenVerdict: ...


class CaseHyphenJudge:
    """The judge used when no lexicon is at hand: keep the hyphen before a capital.

    >>> CaseHyphenJudge().judge("Russo", "Japanese").keep
    True
    >>> CaseHyphenJudge().judge("Muk", "den").keep
    False
    """

    def judge(self, left: str, right: str, before: str = "", after: str = "") -> HyphenVerdict:
        if right[:1].isupper() or right[:1].isdigit():
            return HyphenVerdict(True, 0.6, "the word after the break starts with a capital or digit")
        return HyphenVerdict(False, 0.6, "a lowercase word goes on after the break")
