"""Benchmark ``emendo batch``: pages per second on 1 and 2 workers, local and Dask, and worker memory.

Run it from the repository root::

    .venv/bin/python benchmarks/batch.py            # 5,000 pages, the figures of the README
    .venv/bin/python benchmarks/batch.py --pages 1200 --small 300   # a quick look

The corpus is simulated from the public-domain books in ``../shared/corpus``
with :mod:`emendo.simulate` (lost ligatures, line-end hyphens, lost spaces,
superscript markers glued to words, running heads, watermarks): each book is
cut into documents of about ``--words`` words, and each document is damaged
anew with another seed until the corpus holds ``--pages`` pages, so no two
pages are the same text with the same damage.  It is built once, in
parallel, and kept under ``.bench/batch/``.

Every configuration repairs the whole corpus from a fresh output folder,
start-up of workers (and of the Dask cluster) included in the time.  Memory is
the peak resident set of each worker process; running the small corpus first
and the full one after shows whether it grows with the corpus (it must not: a
worker holds a few chunks at a time).

The speed-up of two workers over one is reported twice.  *By the clock* is
the honest end-to-end figure, but it needs two idle cores: on a shared
machine other processes take their share and the figure says more about them
than about emendo (the load average is printed beside each run).  *By CPU
time* divides the CPU seconds one worker needed for the corpus by those of
the busier of two workers: it is the speed-up the split of work allows, with
all the overhead of chunking, transfer and imbalance in it, whatever else
runs on the machine.

A virtual machine's speed drifts by several per cent from minute to minute;
``--repeat N`` runs the one- and two-worker configurations N times,
interleaved, and reports the median of each round's ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from emendo.batch import BatchConfig, EngineKind, run_batch
from emendo.simulate import CleanDocument, read_gutenberg, simulate, split_documents

ROOT = Path(__file__).resolve().parents[1]
BOOKS = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / ".bench" / "batch"


def _damaged_documents(job: tuple[CleanDocument, int]) -> str:
    document, seed = job
    return "\f".join(simulate(document, seed=seed).pages)


def _clean_documents(words: int) -> list[CleanDocument]:
    books = sorted(BOOKS.glob("*.txt"))
    if not books:
        sys.exit(f"no books in {BOOKS}: the benchmark simulates its corpus from them")
    return [
        part for book in books for part in split_documents(read_gutenberg(book.read_text("utf-8")), words)
    ]


def build_corpus(path: Path, pages: int, words: int) -> None:
    """Write a JSONL corpus of at least ``pages`` simulated pages to ``path``."""
    clean = _clean_documents(words)
    estimate = max(1, words // 450)  # a simulated page holds about 450 words
    jobs = [(clean[n % len(clean)], n) for n in range(pages // estimate + len(clean))]
    written = 0
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as out, ProcessPoolExecutor() as pool:
        for number, text in enumerate(pool.map(_damaged_documents, jobs, chunksize=4)):
            out.write(json.dumps({"id": f"sim-{number:05d}", "text": text}, ensure_ascii=False) + "\n")
            written += text.count("\f") + 1
            if written >= pages:
                break
    temporary.replace(path)


def first_pages(source: Path, target: Path, pages: int) -> None:
    """The leading documents of ``source`` that hold ``pages`` pages, as a corpus of its own."""
    taken = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if taken >= pages:
                break
            out.write(line)
            taken += json.loads(line)["text"].count("\f") + 1


def count_pages(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(json.loads(line)["text"].count("\f") + 1 for line in lines)


@dataclass
class WorkerSampler:
    """Peak RSS and CPU time of every worker process, sampled from a thread.

    A worker is a descendant with no children of its own: a local worker
    (under the forkserver) or a Dask worker (under its nanny).  The list of
    descendants is refreshed every second, their figures every ``interval``.
    """

    interval: float = 0.2
    peaks: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _workers(self) -> list[psutil.Process]:
        found = []
        for process in psutil.Process().children(recursive=True):
            try:
                if not process.children():
                    found.append(process)
            except psutil.Error:
                continue
        return found

    def _run(self) -> None:
        workers: list[psutil.Process] = []
        refreshed = 0.0
        while not self._stop.is_set():
            if time.monotonic() - refreshed > 1.0:
                workers, refreshed = self._workers(), time.monotonic()
            for process in workers:
                try:
                    with process.oneshot():
                        rss, times = process.memory_info().rss, process.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
                self.cpu[process.pid] = times.user + times.system
            self._stop.wait(self.interval)

    def __enter__(self) -> WorkerSampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def busiest(self, workers: int) -> list[int]:
        """Pids of the ``workers`` processes that used the most CPU (the repairing ones)."""
        return sorted(self.cpu, key=lambda pid: self.cpu[pid], reverse=True)[:workers]


def measure(
    corpus: Path, engine: EngineKind, workers: int, chunk_pages: int, scratch: Path
) -> dict[str, Any]:
    out = scratch / f"{corpus.stem}-{engine.value}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    config = BatchConfig(engine=engine, workers=workers, chunk_pages=chunk_pages)
    with WorkerSampler() as sampler:
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = run_batch(corpus, out, config)
        seconds, parent_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    shutil.rmtree(out, ignore_errors=True)
    busiest = sampler.busiest(workers)
    return {
        "corpus": corpus.name,
        "engine": engine.value,
        "workers": workers,
        "documents": summary.documents,
        "pages": summary.pages,
        "rejects": summary.rejects,
        "seconds": round(seconds, 2),
        "pages_per_second": round(summary.pages / seconds, 1),
        "worker_cpu_seconds": [round(sampler.cpu[pid], 1) for pid in busiest],
        "parent_cpu_seconds": round(parent_cpu, 1),
        "worker_peak_rss_mib": [round(sampler.peaks[pid] / 2**20, 1) for pid in busiest],
        "load_average": round(os.getloadavg()[0], 2),
    }


def report(result: dict[str, Any]) -> str:
    return (
        f"{result['engine']:5} {result['workers']} worker(s) {result['pages']:5} pages: "
        f"{result['seconds']:7.2f} s {result['pages_per_second']:6.1f} pages/s; "
        f"worker CPU {result['worker_cpu_seconds']} s, parent CPU {result['parent_cpu_seconds']} s; "
        f"worker peak RSS {result['worker_peak_rss_mib']} MiB; load {result['load_average']}"
    )


def compare(results: list[dict[str, Any]], engine: EngineKind, full: str, small: str) -> str:
    """Two workers over one, by the clock and by CPU time (median of rounds), and memory growth."""
    rows = [r for r in results if r["engine"] == engine.value]
    rounds = sorted({r["round"] for r in rows})
    one = {r["round"]: r for r in rows if (r["corpus"], r["workers"]) == (full, 1)}
    two = {r["round"]: r for r in rows if (r["corpus"], r["workers"]) == (full, 2)}
    two_small = next(r for r in rows if (r["corpus"], r["workers"]) == (small, 2))
    wall = [two[n]["pages_per_second"] / one[n]["pages_per_second"] for n in rounds]
    cpu = [sum(one[n]["worker_cpu_seconds"]) / max(two[n]["worker_cpu_seconds"]) for n in rounds]
    each = ", ".join(f"{ratio:.2f}" for ratio in wall)
    return (
        f"{engine.value}: 2 workers / 1 worker = {statistics.median(wall):.2f}x by the clock "
        f"(rounds: {each}), {statistics.median(cpu):.2f}x by CPU time (one worker's CPU seconds over "
        f"the busier of two); worker peak RSS {max(two_small['worker_peak_rss_mib'])} MiB at "
        f"{two_small['pages']} pages, {max(max(r['worker_peak_rss_mib']) for r in two.values())} MiB at "
        f"{two[rounds[0]]['pages']} pages"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages of the full corpus")
    parser.add_argument("--small", type=int, default=1000, help="pages of the small corpus (memory growth)")
    parser.add_argument("--words", type=int, default=4000, help="words per simulated document")
    parser.add_argument("--chunk-pages", type=int, default=BatchConfig().chunk_pages)
    parser.add_argument(
        "--engine",
        choices=[e.value for e in EngineKind],
        action="append",
        help="only this engine (repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the 1- and 2-worker runs (median)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    CACHE.mkdir(parents=True, exist_ok=True)
    full = CACHE / f"corpus-{args.pages}-{args.words}.jsonl"
    if not full.exists():
        started = time.perf_counter()
        build_corpus(full, args.pages, args.words)
        print(f"built {full.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    small = CACHE / f"corpus-{args.small}-of-{full.stem}.jsonl"
    first_pages(full, small, args.small)
    print(f"corpus: {count_pages(full)} pages, small: {count_pages(small)} pages; {os.cpu_count()} CPUs")

    engines = [EngineKind(e) for e in args.engine] if args.engine else list(EngineKind)
    results: list[dict[str, Any]] = []
    for round_number in range(args.repeat):
        runs = ((full, 1), (full, 2)) if round_number else ((small, 2), (full, 1), (full, 2))
        for engine in engines:
            for corpus, workers in runs:
                results.append(
                    measure(corpus, engine, workers, args.chunk_pages, CACHE) | {"round": round_number}
                )
                print(report(results[-1]), flush=True)
    print()
    for engine in engines:
        print(compare(results, engine, full.name, small.name))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
