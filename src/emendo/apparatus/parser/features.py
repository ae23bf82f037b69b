"""Token features for the CRF: what each token looks like and where it stands.

A citation's fields are told apart less by their words than by their shape
and position: a four-digit number inside parentheses after a colon is a
year, the capitalised words before the first comma are an author, the
numbers after the closing parenthesis are the cited pages.  Each token
therefore gets (a) its own form (lower-cased word, shape, affixes, number
patterns, lexicon classes), (b) its context (inside quotes, parentheses or
brackets; which comma-separated segment; position from the start and from
the end), (c) the same for its neighbours, and (d) a few facts about the
whole reference (does it have quotes, an imprint in parentheses, an archive
word), so one token's label can depend on the reference's overall form, and
(e) the label the rule-based parser gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from emendo.apparatus.parser.lexicon import word_classes
from emendo.apparatus.parser.rules import rule_labels
from emendo.apparatus.parser.tokens import Token
from emendo.layout.lines import ROMAN_NUMERAL

_OPEN_QUOTES = frozenset("“‘«„‚")
_CLOSE_QUOTES = frozenset("”»")
_YEAR_RE = re.compile(r"^(1[4-9]\d\d|20[0-4]\d)[a-z]?$")
_YEAR_RANGE_RE = re.compile(r"^(1[4-9]\d\d|20[0-4]\d)[–\-/](\d{2}|\d{4})$")
_RANGE_RE = re.compile(r"^\d+[–\-]\d+$")
_ROMAN_RE = re.compile(rf"^(?=[ivxlcdm]+$){ROMAN_NUMERAL}$", re.IGNORECASE)
_SHAPE_SUBS = (
    (re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž]"), "X"),
    (re.compile(r"[^\W\dA-Z_]"), "x"),
    (re.compile(r"\d"), "d"),
)


@dataclass(frozen=True, slots=True)
class _Context:
    """Where one token stands in its reference."""

    in_quotes: bool
    paren_depth: int
    in_brackets: bool
    segment: int
    word_index: int
    words_after: int


def word_shape(text: str) -> str:
    """The token's shape with runs collapsed: ``Fischer`` → ``Xx``, ``1969`` → ``d``.

    >>> word_shape("I.303.4.2015"), word_shape("Harper"), word_shape("119–20")
    ('X.d.d.d', 'Xx', 'd–d')
    """
    shape = text
    for pattern, letter in _SHAPE_SUBS:
        shape = pattern.sub(letter, shape)
    return re.sub(r"(.)\1+", r"\1", shape)


def _contexts(tokens: Sequence[Token]) -> list[_Context]:
    """Quote, parenthesis and segment state for every token, in one pass."""
    total_words = sum(token.is_word for token in tokens)
    contexts: list[_Context] = []
    in_quotes = False
    straight_quote_open = False
    paren_depth = 0
    in_brackets = False
    segment = 0
    words_seen = 0
    for token in tokens:
        text = token.text
        if text in _OPEN_QUOTES:
            in_quotes = True
        elif text == '"':
            straight_quote_open = not straight_quote_open
            in_quotes = straight_quote_open
        elif text == "(":
            paren_depth += 1
        elif text == "[":
            in_brackets = True
        contexts.append(
            _Context(
                in_quotes,
                paren_depth,
                in_brackets,
                segment,
                words_seen,
                total_words - words_seen - token.is_word,
            )
        )
        words_seen += token.is_word
        if text in _CLOSE_QUOTES:
            in_quotes = False
        elif text == ")":
            paren_depth = max(0, paren_depth - 1)
        elif text == "]":
            in_brackets = False
        elif text in {",", ":", ";"} and paren_depth == 0 and not in_quotes:
            segment += 1
    return contexts


def _form_features(token: Token, prefix: str) -> list[str]:
    """What the token itself looks like, each feature name led by ``prefix``."""
    text = token.text
    lower = text.lower()
    if not token.is_word:
        return [f"{prefix}p={text}"]
    features = [f"{prefix}w={lower}", f"{prefix}shape={word_shape(text)}"]
    flags = (
        ("year", _YEAR_RE.match(text) is not None),
        ("year_range", _YEAR_RANGE_RE.match(text) is not None),
        ("range", _RANGE_RE.match(text) is not None),
        ("number", text.isdigit()),
        ("roman", _ROMAN_RE.match(text) is not None),
        ("initial", len(text) == 1 and text.isupper()),
        ("upper", len(text) > 1 and text.isupper()),
        ("title", text[:1].isupper() and not text.isupper()),
        ("lower", text.islower()),
        ("mixed_digits", any(c.isdigit() for c in text) and any(c.isalpha() for c in text)),
        ("dotted", "." in text),
        ("slashed", "/" in text),
        ("url", "://" in text or lower.startswith("www.")),
    )
    features.extend(f"{prefix}{name}" for name, on in flags if on)
    features.extend(f"{prefix}lex={name}" for name in word_classes(text))
    return features


def _affix_features(text: str) -> list[str]:
    """Prefixes and suffixes catch morphology: -ova, -ski, -shinbun, Univ-."""
    lower = text.lower()
    if len(lower) < 4:
        return []
    return [f"pre3={lower[:3]}", f"suf2={lower[-2:]}", f"suf3={lower[-3:]}"]


def _document_features(tokens: Sequence[Token]) -> list[str]:
    """Facts about the whole reference that every token sees."""
    texts = [token.text for token in tokens]
    lowered = {text.lower() for text in texts}
    facts = (
        ("doc_quotes", any(text in _OPEN_QUOTES or text == '"' for text in texts)),
        ("doc_parens", "(" in texts),
        ("doc_colon_in_parens", _has_imprint(texts)),
        ("doc_archive", any("archive" in word_classes(text) for text in texts)),
        ("doc_ibid", any("ibid" in word_classes(text) for text in texts)),
        ("doc_url", any("://" in text for text in texts)),
        ("doc_in", "in" in lowered),
        ("doc_short", sum(token.is_word for token in tokens) <= 6),
        ("doc_sentences", _sentence_periods(tokens) > _top_level_commas(tokens)),
        ("doc_inverted", _starts_inverted(tokens)),
    )
    return [name for name, on in facts if on]


def _sentence_periods(tokens: Sequence[Token]) -> int:
    """Periods that end a sentence (before a capital, not after an initial): a bibliography's separators."""
    return sum(
        1
        for index in range(1, len(tokens) - 1)
        if tokens[index].text == "."
        and tokens[index + 1].text[:1].isupper()
        and not (len(tokens[index - 1].text) == 1 and tokens[index - 1].text.isupper())
    )


def _top_level_commas(tokens: Sequence[Token]) -> int:
    """Commas outside parentheses: a note's separators."""
    depth = commas = 0
    for token in tokens:
        depth += (token.text == "(") - (token.text == ")")
        commas += token.text == "," and depth == 0
    return commas


def _starts_inverted(tokens: Sequence[Token]) -> bool:
    """``Fischer, Louis.``: a bibliography's inverted first author."""
    return (
        len(tokens) > 3
        and tokens[0].is_word
        and tokens[1].text == ","
        and tokens[2].text[:1].isupper()
        and any(token.text == "." for token in tokens[3:6])
    )


def _has_imprint(texts: Sequence[str]) -> bool:
    """True when a parenthesis holds a colon: ``(New York: Knopf, 1990)``."""
    depth = 0
    for text in texts:
        depth += (text == "(") - (text == ")")
        if depth > 0 and text == ":":
            return True
    return False


def sequence_features(tokens: Sequence[Token]) -> list[list[str]]:
    """The feature list of every token of one reference, in order.

    >>> feats = sequence_features(__import__("emendo.apparatus.parser.tokens", fromlist=["tokenize"])
    ...     .tokenize("Ibid., 45."))
    >>> "w=ibid" in feats[0] and "first" in feats[0] and "lex=ibid" in feats[0]
    True
    """
    contexts = _contexts(tokens)
    document = _document_features(tokens)
    own = [_form_features(token, "") for token in tokens]
    hints = rule_labels(tokens)
    result: list[list[str]] = []
    for index, (token, context) in enumerate(zip(tokens, contexts, strict=True)):
        features = ["bias", *own[index], *_affix_features(token.text), *document]
        features.extend(_context_features(context))
        features.extend(_hint_features(hints, index))
        for offset in (-2, -1, 1, 2):
            neighbour = index + offset
            if 0 <= neighbour < len(tokens):
                features.extend(f"{offset:+d}:{feature}" for feature in own[neighbour])
            else:
                features.append(f"{offset:+d}:none")
        features.extend(_spacing_features(tokens, index))
        features.extend(_bigram_features(tokens, index))
        result.append(features)
    return result


def _hint_features(hints: Sequence[str], index: int) -> list[str]:
    """What the rules (:mod:`.rules`) say of this token and its neighbours.

    The rules encode the conventions of Chicago notes; the CRF learns when to
    trust them and when the words and shapes say otherwise.
    """
    features = [f"rule={hints[index]}"]
    if index > 0:
        features.append(f"rule-1={hints[index - 1]}")
    if index + 1 < len(hints):
        features.append(f"rule+1={hints[index + 1]}")
    return features


def _context_features(context: _Context) -> list[str]:
    features = [
        f"seg={min(context.segment, 5)}",
        f"pos={min(context.word_index, 6)}",
        f"rpos={min(context.words_after, 6)}",
    ]
    if context.in_quotes:
        features.append("in_quotes")
    if context.paren_depth:
        features.append("in_parens")
    if context.in_brackets:
        features.append("in_brackets")
    if context.word_index == 0:
        features.append("first")
    if context.words_after == 0:
        features.append("last")
    return features


def _bigram_features(tokens: Sequence[Token], index: int) -> list[str]:
    """The token with each neighbour, lower-cased: ``in|the``, ``no|.``, ``ed|.``."""
    word = tokens[index].text.lower()
    features = []
    if index > 0:
        features.append(f"bi-1={tokens[index - 1].text.lower()}|{word}")
    if index + 1 < len(tokens):
        features.append(f"bi+1={word}|{tokens[index + 1].text.lower()}")
    return features


def _spacing_features(tokens: Sequence[Token], index: int) -> list[str]:
    """Whether the token is glued to its neighbours (``Kaganovich.,`` vs ``no. 5``)."""
    features = []
    if index > 0 and tokens[index - 1].end == tokens[index].start:
        features.append("glued_left")
    if index + 1 < len(tokens) and tokens[index + 1].start == tokens[index].end:
        features.append("glued_right")
    return features
