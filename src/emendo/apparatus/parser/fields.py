"""Group labelled tokens into fields, the unit both CSL output and evaluation count.

A field is a maximal run of word tokens with one label; punctuation between
two such words does not break it (``Warsaw, Poland`` is one place even when
the comma is unlabelled), except a semicolon, which in a note separates two
things.  Only word tokens decide where a field starts and ends, so whether a
tagger labels a stray comma does not change a field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from emendo.apparatus.parser.lexicon import ABBREVIATIONS_WITH_PERIOD
from emendo.apparatus.parser.tokens import Token

OUTSIDE = "O"
"""The label of tokens that belong to no field (separating punctuation, ``in``)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field: its label, its first and last word token, and its character span."""

    label: str
    first: int
    last: int
    start: int
    end: int


def group_fields(tokens: Sequence[Token], labels: Sequence[str]) -> list[Field]:
    """The fields of a labelled reference, in order.

    >>> from emendo.apparatus.parser.tokens import tokenize
    >>> tokens = tokenize("Warsaw, Poland, I.303.4.2015.")
    >>> [(f.label, f.start, f.end) for f in group_fields(tokens, ["P", "O", "P", "O", "S", "O"])]
    [('P', 0, 14), ('S', 16, 28)]
    """
    fields: list[Field] = []
    run_label: str | None = None
    run_first = run_last = -1
    separated = False
    for index, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        if not token.is_word:
            separated = separated or token.text == ";"
            continue
        if label == run_label and not separated:
            run_last = index
        else:
            if run_label is not None and run_label != OUTSIDE:
                fields.append(_field(tokens, run_label, run_first, run_last))
            run_label, run_first, run_last = label, index, index
        separated = False
    if run_label is not None and run_label != OUTSIDE:
        fields.append(_field(tokens, run_label, run_first, run_last))
    return fields


def _field(tokens: Sequence[Token], label: str, first: int, last: int) -> Field:
    """A field over word tokens ``first..last``, its span widened to keep what belongs to it.

    A period glued to an abbreviation (``gg.``, ``Jr.``, an initial), a
    question or exclamation mark glued to the last word (``What Is
    History?``), an ellipsis, and a closing parenthesis that balances one
    inside the field (``VKP(b)``) are part of the field's text.
    """
    end_index = last
    opened = sum(tokens[i].text == "(" for i in range(first, last + 1)) - sum(
        tokens[i].text == ")" for i in range(first, last + 1)
    )
    following = end_index + 1
    if opened > 0 and following < len(tokens) and tokens[following].text == ")":
        end_index = following
        following += 1
    last_word = tokens[end_index].text
    ellipsis = _ellipsis_length(tokens, following)
    if ellipsis:
        end_index = following + ellipsis - 1
    elif (
        following < len(tokens)
        and tokens[following].text in {"?", "!"}
        and tokens[following].start == tokens[end_index].end
    ) or (
        following < len(tokens)
        and tokens[following].text == "."
        and tokens[following].start == tokens[end_index].end
        and keeps_period(last_word)
    ):
        end_index = following
    return Field(label, first, last, tokens[first].start, tokens[end_index].end)


def _ellipsis_length(tokens: Sequence[Token], index: int) -> int:
    """How many tokens from ``index`` make an ellipsis (``…`` or three periods), else 0."""
    if index < len(tokens) and tokens[index].text == "…":
        return 1
    dots = tokens[index : index + 3]
    if len(dots) == 3 and all(token.text == "." for token in dots) and dots[1].start == dots[0].end:
        return 3
    return 0


def keeps_period(word: str) -> bool:
    """True for words whose final period is theirs: abbreviations and initials.

    >>> [keeps_period(word) for word in ("gg", "J", "U.R.S.S", "War", "I.303.4.2015")]
    [True, True, True, False, False]
    """
    if word.lower() in ABBREVIATIONS_WITH_PERIOD or (len(word) == 1 and word.isalpha()):
        return True
    parts = word.split(".")
    return len(parts) > 1 and all(part.isalpha() and len(part) <= 2 for part in parts)
