"""Cut a reference string into tokens that keep their offsets.

A token is a word (letters and digits, with inner apostrophes, hyphens,
dashes, dots and slashes, so that ``Russia’s``, ``1917–1941``,
``I.303.4.2015`` and ``FO 371/20349``'s second part stay whole), a URL, or a
single punctuation character.  Punctuation is kept as tokens of its own
because it carries most of a citation's structure (the colon between place
and publisher, the parenthesis around the imprint) and because a field's
text is then an exact slice of the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_CHAR = r"[\w\u0300-\u036f]"
_TOKEN_RE = re.compile(
    r"(?:https?://|www\.)\S+?(?=[.,;:)\]]*(?:\s|$))"  # a URL, without the punctuation after it
    rf"|{_WORD_CHAR}+(?:[’'\-–./]{_WORD_CHAR}+)*"  # a word with its inner joiners
    r"|[^\w\s]"  # one punctuation character
)
_ALNUM_RE = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text and its ``[start, end)`` span in the reference."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        """True when the token holds a letter or a digit (fields are made of these).

        >>> Token("1969", 0, 4).is_word, Token("),", 0, 2).is_word
        (True, False)
        """
        return _ALNUM_RE.search(self.text) is not None


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; whitespace separates tokens and is dropped.

    >>> [t.text for t in tokenize("Ibid., 119–20.")]
    ['Ibid', '.', ',', '119–20', '.']
    >>> [t.text for t in tokenize("CAW, I.303.4.2015.")]
    ['CAW', ',', 'I.303.4.2015', '.']
    """
    return [Token(match.group(), match.start(), match.end()) for match in _TOKEN_RE.finditer(text)]
