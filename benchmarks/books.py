"""The public-domain books the benchmarks simulate their pages from.

They live in ``../shared/corpus`` beside the repository and never in it; a
benchmark run without them stops with a message saying where they belong.
"""

from __future__ import annotations

import sys
from itertools import zip_longest
from pathlib import Path

from emendo.simulate import CleanDocument, read_gutenberg, split_documents

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def book_files(corpus: Path = CORPUS) -> list[Path]:
    """The corpus's books, or exit with a clear message when there are none."""
    books = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not books:
        sys.exit(
            f"benchmark corpus not found: put the public-domain books (Project Gutenberg .txt files) "
            f"in {corpus} (it is kept out of the repository), or pass --corpus DIR"
        )
    return books


def documents(words_per_document: int, corpus: Path = CORPUS) -> list[CleanDocument]:
    """Every book cut into documents of about ``words_per_document`` words, the books interleaved.

    Interleaving means that any first ``n`` documents mix the books' styles
    (one writes ``"`` and ``--``, the other ``‘’`` and many footnotes).
    """
    per_book = [
        split_documents(read_gutenberg(path.read_text("utf-8"), _title(path)), words_per_document)
        for path in book_files(corpus)
    ]
    return [doc for group in zip_longest(*per_book) for doc in group if doc is not None]


def _title(path: Path) -> str:
    """A running-head title from a file name: ``mahan-sea-power.txt`` -> ``Mahan Sea Power``."""
    return path.stem.replace("-", " ").title()
