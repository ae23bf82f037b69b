"""The two scores the parser is measured by (defined in training/README.md).

*Token micro-F1*: over word tokens only (punctuation is not scored),
precision is the share of tokens given a field label that got the right
one, recall the share of tokens with a gold field label that got it; ``O``
counts as "no field".  *Field exact-match F1*: fields are grouped the same
way for gold and prediction (:func:`~emendo.apparatus.parser.fields.group_fields`),
and a predicted field counts only when a gold field has the same label and
the same first and last word token.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from emendo.apparatus.parser.fields import OUTSIDE, group_fields
from emendo.apparatus.parser.tokens import Token


@dataclass
class Scores:
    """Running counts for both measures, overall and per label."""

    token_true: Counter[str] = field(default_factory=Counter)
    token_predicted: Counter[str] = field(default_factory=Counter)
    token_gold: Counter[str] = field(default_factory=Counter)
    field_true: Counter[str] = field(default_factory=Counter)
    field_predicted: Counter[str] = field(default_factory=Counter)
    field_gold: Counter[str] = field(default_factory=Counter)
    references: int = 0
    exact_references: int = 0

    def add(self, tokens: Sequence[Token], gold: Sequence[str], predicted: Sequence[str]) -> None:
        """Count one reference."""
        self.references += 1
        for token, gold_label, predicted_label in zip(tokens, gold, predicted, strict=True):
            if not token.is_word:
                continue
            if gold_label != OUTSIDE:
                self.token_gold[gold_label] += 1
            if predicted_label != OUTSIDE:
                self.token_predicted[predicted_label] += 1
                if predicted_label == gold_label:
                    self.token_true[predicted_label] += 1
        gold_fields = {(f.label, f.first, f.last) for f in group_fields(tokens, gold)}
        predicted_fields = {(f.label, f.first, f.last) for f in group_fields(tokens, predicted)}
        for label, _, _ in gold_fields:
            self.field_gold[label] += 1
        for label, _, _ in predicted_fields:
            self.field_predicted[label] += 1
        for label, _, _ in gold_fields & predicted_fields:
            self.field_true[label] += 1
        self.exact_references += gold_fields == predicted_fields

    def token_f1(self, labels: Iterable[str] | None = None) -> float:
        return _f1(self.token_true, self.token_predicted, self.token_gold, labels)

    def field_f1(self, labels: Iterable[str] | None = None) -> float:
        return _f1(self.field_true, self.field_predicted, self.field_gold, labels)

    def per_label(self) -> dict[str, tuple[float, float, int]]:
        """``label -> (field P, field R, gold count)`` for a report."""
        return {
            label: (
                _ratio(self.field_true[label], self.field_predicted[label]),
                _ratio(self.field_true[label], self.field_gold[label]),
                self.field_gold[label],
            )
            for label in sorted(set(self.field_gold) | set(self.field_predicted))
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(
    true: Counter[str], predicted: Counter[str], gold: Counter[str], labels: Iterable[str] | None
) -> float:
    """Micro-averaged F1 over ``labels`` (all labels when None).

    >>> _f1(Counter(a=3), Counter(a=4), Counter(a=3, b=1), None)
    0.75
    """
    keys = set(labels) if labels is not None else set(gold) | set(predicted)
    t = sum(true[k] for k in keys)
    p = _ratio(t, sum(predicted[k] for k in keys))
    r = _ratio(t, sum(gold[k] for k in keys))
    return 2 * p * r / (p + r) if p + r else 0.0
