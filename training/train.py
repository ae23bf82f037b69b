"""Train the reference parser's CRF and write it into the package.

    .venv/bin/python training/train.py                 # the shipped model
    .venv/bin/python training/train.py --anystyle --linkedbooks 3000 --repeat 5 --output /tmp/m.crfsuite

The shipped model learns from our hand-labelled English footnotes (the
training file only; the held-out file is never read here).  ``--anystyle``
adds AnyStyle's ``core.xml`` and ``--linkedbooks N`` a sample of N references
of LinkedBooks' train split, their labels mapped to ours and read from
``../shared/citations``; ``--repeat`` repeats our footnotes so that they
weigh against the larger borrowed corpora.  Cross-validation
(``evaluate.py --cv``) showed both borrowed corpora lowering field F1 on
Chicago notes, so the shipped model does without them (training/README.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora

from emendo.apparatus.parser.crf import BUNDLED_MODEL, TrainingSettings, train_model


@dataclass(frozen=True)
class Recipe:
    """Which data the English model is trained on, and how."""

    repeat: int = 1
    anystyle: bool = False
    linkedbooks: int = 0
    seed: int = 13
    settings: TrainingSettings = field(default_factory=TrainingSettings)


def training_sequences(recipe: Recipe, footnotes: Sequence[corpora.Sequence_]) -> list[corpora.Sequence_]:
    """Our footnotes ``repeat`` times, then the borrowed corpora the recipe asks for."""
    sequences = list(footnotes) * recipe.repeat
    if recipe.anystyle:
        sequences += corpora.anystyle()
    if recipe.linkedbooks:
        linkedbooks = corpora.linkedbooks_mapped("train")
        random.Random(recipe.seed).shuffle(linkedbooks)
        sequences += linkedbooks[: recipe.linkedbooks]
    return sequences


def train(recipe: Recipe, output: Path) -> None:
    footnotes = corpora.as_sequences(corpora.footnotes(corpora.FOOTNOTES_TRAIN))
    sequences = training_sequences(recipe, footnotes)
    started = time.perf_counter()
    train_model(((s.tokens, s.labels) for s in sequences), output, recipe.settings)
    print(
        f"trained on {len(sequences)} sequences ({len(footnotes)} footnotes x{recipe.repeat}) "
        f"in {time.perf_counter() - started:.0f} s -> {output} ({output.stat().st_size / 1e6:.2f} MB)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", type=Path, default=BUNDLED_MODEL)
    parser.add_argument("--repeat", type=int, default=Recipe().repeat)
    parser.add_argument("--anystyle", action="store_true", help="add AnyStyle core.xml")
    parser.add_argument(
        "--linkedbooks", type=int, default=Recipe().linkedbooks, help="LinkedBooks references"
    )
    parser.add_argument("--c1", type=float, default=TrainingSettings().c1)
    parser.add_argument("--c2", type=float, default=TrainingSettings().c2)
    parser.add_argument("--iterations", type=int, default=TrainingSettings().max_iterations)
    args = parser.parse_args(argv)
    settings = TrainingSettings(c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    recipe = Recipe(args.repeat, args.anystyle, args.linkedbooks, settings=settings)
    train(recipe, args.output)


if __name__ == "__main__":
    main()
