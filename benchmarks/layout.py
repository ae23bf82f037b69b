"""Whole-page accuracy on simulated books, scored as ``emendo eval`` scores the seed pages.

Run it from the repository root::

    .venv/bin/python benchmarks/layout.py                 # 30 documents of 3,000 words
    .venv/bin/python benchmarks/layout.py --keep .bench/layout   # also keep the gold files

Each clean document from the public-domain books in ``../shared/corpus`` is
typeset and damaged by :mod:`emendo.simulate` (running heads, page numbers,
watermarks, notes, lost ligatures, line-end hyphens, lost spaces), and its
truth is written in the gold format of ``../shared/seeds``.  Every page is
then repaired and scored with :func:`emendo.evaluation.score`: word error
rate of body and notes, blocks, notes, note references, page numbers,
running heads, removed boilerplate and italics.  The seeds measure the same
on two real pages; this measures it on many generated ones.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from books import CORPUS, documents

from emendo.evaluation import Scores, format_scores, score
from emendo.pipeline import repair_pages
from emendo.readers import pages_from_texts
from emendo.simulate import simulate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=30, help="simulated documents")
    parser.add_argument("--words", type=int, default=3000, help="words per document")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first document; the next get +1")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--keep", type=Path, help="write NAME.gold.json and NAME.raw.txt here")
    parser.add_argument("--json", type=Path, help="write the total as JSON here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    clean = documents(args.words, args.corpus)
    total = Scores("total")
    for number in range(args.documents):
        simulation = simulate(clean[number % len(clean)], seed=args.seed + number)
        name = f"sim-{args.seed + number:04d}"
        gold = simulation.to_gold(name)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
            (args.keep / f"{name}.raw.txt").write_text("\f".join(simulation.pages), "utf-8")
        document = repair_pages(pages_from_texts(simulation.pages))
        total.add(score(gold, document, name))
    print(f"{args.documents} documents of about {args.words} words ({time.perf_counter() - started:.0f} s)")
    print(format_scores(total))
    if args.json:
        args.json.write_text(json.dumps(total.to_json(), indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
