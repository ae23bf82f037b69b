"""Accuracy of emendo's repairs on simulated damage, per kind of damage.

Run it from the repository root::

    .venv/bin/python benchmarks/accuracy.py                    # 50,000 words, the project's figures
    .venv/bin/python benchmarks/accuracy.py --words 10000      # a quick look
    .venv/bin/python benchmarks/accuracy.py --json acc.json --failures failures.md
    .venv/bin/python benchmarks/accuracy.py --ligature-codes 1   # every font shows raw glyph codes
    .venv/bin/python benchmarks/accuracy.py --ligature-gaps 1    # or its glyphs with a space beside them
    .venv/bin/python benchmarks/accuracy.py --tight-spaces 1     # every document loses 5% of its spaces
    .venv/bin/python benchmarks/accuracy.py --stray-spaces 1     # 3% of long words get a space inside

Clean prose from ``../shared/corpus`` is cut into documents of about
``--document-words`` words; each is set as pages and damaged by
:mod:`emendo.simulate` with its own seed, repaired with
``emendo.pipeline.repair_pages``, and scored against the simulator's truth
(:mod:`emendo.simulate.score` explains how).  The same documents set
without word damage (``DamageConfig.undamaged``) measure do-no-harm: every
word emendo changes there is a wrong change.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from books import CORPUS, documents

from emendo.pipeline import repair_pages
from emendo.readers import pages_from_texts
from emendo.simulate import CleanDocument, DamageConfig, Simulation, simulate
from emendo.simulate.score import Example, Harm, Score, Tally, harm, score


@dataclass(frozen=True)
class Target:
    """A figure the project promises, and the bound it must reach."""

    name: str
    bound: float
    above: bool = True

    def met(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.bound if self.above else value < self.bound


TARGETS = {
    "ligature precision": Target("ligature precision", 0.995),
    "ligature recall": Target("ligature recall", 0.99),
    "hyphen recall": Target("line-break hyphens resolved", 0.995),
    "space recall": Target("lost spaces restored", 0.98),
    "harm per 10k": Target("wrong changes per 10,000 clean words", 1.0, above=False),
}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    config = DamageConfig(
        ligature_code_documents=args.ligature_codes,
        ligature_gap_documents=args.ligature_gaps,
        tight_space_documents=args.tight_spaces,
        stray_space_documents=args.stray_spaces,
    )
    started = time.perf_counter()
    total, harmed, documents_used = Score(), Harm(), 0
    for index, document in enumerate(_enough(args.words, args.document_words, args.corpus)):
        seed = args.seed + index
        total = total + score(*_repaired(simulate(document, seed, config)))
        harmed = harmed + harm(*_repaired(simulate(document, seed, config.undamaged())))
        documents_used += 1
        if sys.stderr.isatty():
            print(f"\r{documents_used} documents, {total.words:,} words", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    report = _report(total, harmed, documents_used, config, time.perf_counter() - started)
    print(_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.failures:
        args.failures.write_text(_failures(total.examples, harmed, args.examples), encoding="utf-8")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=50_000, help="clean words to simulate (at least)")
    parser.add_argument("--document-words", type=int, default=5_000, help="words per simulated document")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first document; the next get +1")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of Project Gutenberg .txt books")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument("--failures", type=Path, help="write examples of failures as Markdown here")
    parser.add_argument("--examples", type=int, default=40, help="failures listed per kind")
    parser.add_argument(
        "--ligature-codes",
        type=float,
        default=0.0,
        help="share of fonts that show ligatures as raw glyph codes (DamageConfig.ligature_code_documents)",
    )
    parser.add_argument(
        "--ligature-gaps",
        type=float,
        default=0.0,
        help="share of fonts whose glyphs get a space beside them (DamageConfig.ligature_gap_documents)",
    )
    parser.add_argument(
        "--tight-spaces",
        type=float,
        default=0.0,
        help="share of documents that lose spaces between words (DamageConfig.tight_space_documents)",
    )
    parser.add_argument(
        "--stray-spaces",
        type=float,
        default=0.0,
        help="share of documents whose words get stray spaces inside (DamageConfig.stray_space_documents)",
    )
    return parser.parse_args(argv)


def _enough(words: int, per_document: int, corpus: Path) -> list[CleanDocument]:
    """The first documents of the corpus that hold ``words`` words."""
    chosen: list[CleanDocument] = []
    count = 0
    for document in documents(per_document, corpus):
        if count >= words:
            break
        chosen.append(document)
        count += document.word_count()
    return chosen


def _repaired(sim: Simulation) -> tuple[Simulation, Any]:
    """The simulation and emendo's repair of its pages, after checking the truth is whole."""
    blocks, notes = sim.restore()
    if blocks != [b.text for b in sim.blocks] or notes != [n.text for n in sim.notes]:
        raise SystemExit("simulator bug: its truth does not undo its damage; the figures would be wrong")
    return sim, repair_pages(pages_from_texts(sim.pages))


def _figures(tally: Tally) -> dict[str, Any]:
    return {**asdict(tally), "precision": tally.precision, "recall": tally.recall}


def _report(
    total: Score, harmed: Harm, documents_used: int, config: DamageConfig, seconds: float
) -> dict[str, Any]:
    values = {
        "ligature precision": total.tallies["ligature"].precision,
        "ligature recall": total.tallies["ligature"].recall,
        "hyphen recall": total.tallies["hyphen"].recall,
        "space recall": total.tallies["space"].recall,
        "harm per 10k": harmed.per_10k,
    }
    return {
        "documents": documents_used,
        "words": total.words,
        "seconds": round(seconds, 1),
        "categories": {name: _figures(tally) for name, tally in total.tallies.items()},
        "markers": _figures(total.markers),
        "wer_before": total.wer_before,
        "wer_after": total.wer_after,
        "do_no_harm": {"words": harmed.words, "changes": harmed.changes, "per_10k": harmed.per_10k},
        "targets": {
            key: {"name": t.name, "bound": t.bound, "value": values[key], "met": t.met(values[key])}
            for key, t in TARGETS.items()
        },
        "config": asdict(config),
    }


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.2f}%"


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"{report['words']:,} clean words in {report['documents']} documents ({report['seconds']} s)",
        "",
        f"{'kind':<14}{'events':>8}{'found':>8}{'recall':>10}{'repairs':>9}{'right':>8}{'precision':>11}",
    ]
    rows = {**report["categories"], "markers": report["markers"]}
    for name, f in rows.items():
        lines.append(
            f"{name:<14}{f['events']:>8}{f['found']:>8}{_percent(f['recall']):>10}"
            f"{f['claims']:>9}{f['right']:>8}{_percent(f['precision']):>11}"
        )
    harmed = report["do_no_harm"]
    lines += [
        "",
        f"word error rate: damaged {_percent(report['wer_before'])},"
        f" repaired {_percent(report['wer_after'])}",
        f"do no harm: {harmed['changes']} words changed in {harmed['words']:,} undamaged words"
        f" = {harmed['per_10k']:.2f} per 10,000",
        "",
        "targets:",
    ]
    for t in report["targets"].values():
        value = t["value"]
        shown = f"{value:.2f}" if t["name"].startswith("wrong") else _percent(value)
        bound = f"< {t['bound']}" if t["name"].startswith("wrong") else f">= {_percent(t['bound'])}"
        lines.append(f"  {'met ' if t['met'] else 'MISS'}  {t['name']}: {shown} ({bound})")
    return "\n".join(lines)


def _failures(examples: list[Example], harmed: Harm, limit: int) -> str:
    """Failures as Markdown, per kind: missed events and wrong repairs, then changes to clean text."""
    out = ["# Failures seen by benchmarks/accuracy.py", ""]
    groups: dict[tuple[str, str], list[Example]] = {}
    for example in examples:
        groups.setdefault((example.category, example.problem), []).append(example)
    for (category, problem), items in sorted(groups.items()):
        out += [f"## {category}: {problem} ({len(items)})", ""]
        if problem == "missed":
            out += ["| clean | damaged | repaired |", "| --- | --- | --- |"]
            out += [f"| {_cell(e.clean)} | {_cell(e.damaged)} | {_cell(e.repaired)} |" for e in items[:limit]]
        else:
            out += ["| the damaged page, with ⟦before→after⟧ where emendo changed it |", "| --- |"]
            out += [f"| {_cell(e.clean)} |" for e in items[:limit]]
        out.append("")
    out += [f"## do no harm: words changed in undamaged text ({harmed.changes})", ""]
    out += ["| clean | repaired |", "| --- | --- |"]
    out += [f"| {_cell(e.clean)} | {_cell(e.repaired)} |" for e in harmed.examples[:limit]]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return "`" + text.replace("\n", "⏎").replace("|", "\\|").replace("`", "'") + "`" if text else ""


if __name__ == "__main__":
    sys.exit(main())
