"""A damage simulator: clean prose in, PDF-extraction damage and its truth out.

emendo is judged on pages nobody on the project has seen, so its accuracy is
measured on simulated ones: clean public-domain prose set as book pages and
damaged the way the seed pages in ``../shared/seeds`` are damaged (lost
ligatures, line-break hyphens, lost spaces at italic boundaries and after
superscript markers, running heads and watermarks, the blank-line style,
displaced accents).  The :class:`Simulation` keeps the truth beside the
damage, so a repair can be scored word by word (:mod:`emendo.simulate.score`,
used by ``benchmarks/accuracy.py``).

>>> from emendo.simulate import DamageConfig, parse_markup, simulate, CleanDocument
>>> doc = CleanDocument((parse_markup("Our affairs were in _Izvestiia_ then."),))
>>> sim = simulate(doc, seed=7)
>>> sim.restore()[0] == [doc.paragraphs[0].text]
True
"""

from emendo.simulate.config import DamageConfig
from emendo.simulate.source import (
    CleanDocument,
    Passage,
    Token,
    parse_markup,
    read_gutenberg,
    split_documents,
)
from emendo.simulate.truth import (
    EVENT_KINDS,
    DamageEvent,
    PageEdit,
    Simulation,
    Span,
    TruthBlock,
    TruthLine,
    TruthNote,
    TruthPage,
)
from emendo.simulate.typeset import simulate

__all__ = [
    "EVENT_KINDS",
    "CleanDocument",
    "DamageConfig",
    "DamageEvent",
    "PageEdit",
    "Passage",
    "Simulation",
    "Span",
    "Token",
    "TruthBlock",
    "TruthLine",
    "TruthNote",
    "TruthPage",
    "parse_markup",
    "read_gutenberg",
    "simulate",
    "split_documents",
]
