"""Word repairs: lost ligatures, line-end hyphens, lost spaces, displaced diacritics.

The word layer works in two steps, so that every page of a document is judged
alike:

1. :func:`learn_profile` reads the original text of all pages once and learns
   the document's own vocabulary and damage (:class:`DocumentProfile`); its
   :meth:`~DocumentProfile.hyphen_judge` decides line-end hyphens for layout;
2. :func:`repair_words` runs the repairs of :data:`REPAIRS` over the laid-out
   blocks and notes, recording every change as a repair.
"""

from emendo.words.changes import Changes, TextContext, WordRepair
from emendo.words.config import REPAIR_NAMES, WordsConfig
from emendo.words.hyphens import LexiconHyphenJudge
from emendo.words.profile import DocumentProfile, learn_profile
from emendo.words.repair import REPAIRS, repair_text, repair_words

__all__ = [
    "REPAIRS",
    "REPAIR_NAMES",
    "Changes",
    "DocumentProfile",
    "LexiconHyphenJudge",
    "TextContext",
    "WordRepair",
    "WordsConfig",
    "learn_profile",
    "repair_text",
    "repair_words",
]
