"""The trained CRF: load it lazily, label with it, train a new one.

python-crfsuite is an optional extra (``emendo[crf]``).  Labelling never
fails for its absence: :func:`load_tagger` answers ``None`` and the caller
uses the rules instead.  Training needs it and says so with
:class:`~emendo.errors.MissingExtraError`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from emendo.apparatus.parser.features import sequence_features
from emendo.apparatus.parser.tokens import Token
from emendo.errors import MissingExtraError

BUNDLED_MODEL = Path(__file__).resolve().parents[1] / "models" / "references.crfsuite"
"""The model trained by ``training/train.py`` and shipped with emendo."""


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """How the CRF is trained (L-BFGS with elastic-net regularisation).

    ``c1`` (L1) prunes features, which keeps the model file small; ``c2``
    (L2) smooths the weights; ``min_freq`` drops features seen fewer times.
    """

    c1: float = 0.02
    c2: float = 0.01
    max_iterations: int = 200
    min_freq: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


@functools.lru_cache(maxsize=4)
def load_tagger(model_path: Path = BUNDLED_MODEL) -> Any | None:
    """An opened crfsuite tagger, or ``None`` when python-crfsuite or the model file is missing."""
    try:
        import pycrfsuite
    except ImportError:
        return None
    if not model_path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(model_path))
    except OSError:
        return None
    return tagger


def tag_tokens(tagger: Any, tokens: Sequence[Token]) -> list[str]:
    """The label of every token, by the CRF."""
    if not tokens:
        return []
    labels: list[str] = tagger.tag(sequence_features(tokens))
    return labels


def train_model(
    sequences: Iterable[tuple[Sequence[Token], Sequence[str]]], model_path: Path, settings: TrainingSettings
) -> None:
    """Train a CRF on labelled token sequences and write it to ``model_path``."""
    try:
        import pycrfsuite
    except ImportError as error:
        raise MissingExtraError("training the reference parser", "crf", "python-crfsuite") from error
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in sequences:
        if tokens:
            trainer.append(sequence_features(tokens), list(labels))
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.max_iterations,
            "feature.minfreq": settings.min_freq,
            **settings.extra,
        }
    )
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    load_tagger.cache_clear()
