"""Speed of emendo's full pipeline beside ftfy on the same damaged text, peak memory, and CLI latency.

Run it from the repository root::

    .venv/bin/python benchmarks/speed.py                   # 20 MB, the project's figures
    .venv/bin/python benchmarks/speed.py --megabytes 2     # a quick look
    .venv/bin/python benchmarks/speed.py --json speed.json

The input is simulated from the public-domain books in ``../shared/corpus``:
the books are cut into book-sized documents (``--document-words``), and the
documents damaged by :mod:`emendo.simulate` with seed after seed until the
page text reaches ``--megabytes`` (1 MB = 10^6 bytes of UTF-8).  It is built
once, in parallel, and kept under ``.bench/speed/``.

Each measurement runs in a fresh Python process, so that one cannot warm or
bloat another: emendo (``repair_pages`` on one document at a time, pages read
from disk as a stream), ftfy (``ftfy.fix_text`` on every page of the same
documents), and emendo again on a tenth of the input to show memory does not
grow with it.  Throughput counts the processing loop only; start-up (imports,
loading the lexicon) is reported apart.  Peak memory is the process's largest
resident set, sampled while it works.  Last, ``emendo repair PAGE.txt`` is run
as a command several times on one page, its bytecode compiled as an
installed package's is, and its wall time reported (median).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from books import CORPUS, ROOT, documents

import emendo.simulate
from emendo.simulate import CleanDocument, simulate

CACHE = ROOT / ".bench" / "speed"
PAGE_BREAK = "\f"
MB = 1_000_000
TARGET_RATIO = 1.5
TARGET_RSS_MB = 300
TARGET_CLI_SECONDS = 0.5


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.measure:
        print(json.dumps(_measure(args.measure, args.input, args.limit)))
        return 0
    folder = _input(args.megabytes, args.document_words, args.seed, args.corpus)
    size = sum(path.stat().st_size for path in _files(folder))
    emendo = _in_subprocess("emendo", folder, size)
    ftfy = _in_subprocess("ftfy", folder, size)
    small = _in_subprocess("emendo", folder, size // 10)
    cli = _cli_runs(folder, args.cli_runs)
    report = _report(size, emendo, ftfy, small, cli)
    print(_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20.0, help="damaged input to process (MB)")
    parser.add_argument("--document-words", type=int, default=50_000, help="words per document (a book)")
    parser.add_argument("--seed", type=int, default=1, help="first seed of the simulated damage")
    parser.add_argument("--cli-runs", type=int, default=7, help="runs of 'emendo repair' on one page")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of Project Gutenberg .txt books")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument("--measure", choices=["emendo", "ftfy"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# -- the input -------------------------------------------------------------


def _damaged(job: tuple[CleanDocument, int, Path]) -> int:
    """Simulate one document with one seed into a file; its size in bytes."""
    document, seed, path = job
    data = PAGE_BREAK.join(simulate(document, seed).pages).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def _input(megabytes: float, per_document: int, seed: int, corpus: Path) -> Path:
    """The folder of damaged documents (one file each, pages split by form feeds), built if missing."""
    folder = CACHE / f"{megabytes:g}mb-{per_document}w-seed{seed}-{_simulator_version()}"
    if (folder / "done").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    clean = documents(per_document, corpus)
    wanted, made, batch = megabytes * MB, 0, 0
    print(f"simulating {megabytes:g} MB of damaged pages into {folder} ...", file=sys.stderr)
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        while made < wanted:
            jobs = [
                (doc, seed + batch * len(clean) + n, folder / f"doc-{batch:03d}-{n:04d}.txt")
                for n, doc in enumerate(clean)
            ]
            for size in pool.map(_damaged, jobs):
                made += size
            batch += 1
    (folder / "done").write_text(f"{made}\n", encoding="utf-8")
    return folder


def _simulator_version() -> str:
    """A fingerprint of the simulator's code, so a changed simulator rebuilds the input."""
    sources = sorted(Path(emendo.simulate.__file__).parent.glob("*.py"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:10]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("doc-*.txt"))


def _documents(folder: Path, limit: int) -> Iterator[list[str]]:
    """The pages of one document at a time, up to ``limit`` bytes (0: all)."""
    read = 0
    for path in _files(folder):
        data = path.read_bytes()
        read += len(data)
        yield data.decode("utf-8").split(PAGE_BREAK)
        if limit and read >= limit:
            return


# -- measuring, in a process of its own -------------------------------------


def _measure(tool: str, folder: Path, limit: int) -> dict[str, Any]:
    """Process the input with one tool; bytes, seconds, start-up and peak memory."""
    started = time.perf_counter()
    if tool == "emendo":
        from emendo.pipeline import repair_pages
        from emendo.readers import pages_from_texts

        repair_pages(pages_from_texts(["Warm-up: loads the lexicon once, as any long run does."]))

        def process(pages: list[str]) -> None:
            repair_pages(pages_from_texts(pages))
    else:
        import ftfy

        ftfy.fix_text("Warm-up.")

        def process(pages: list[str]) -> None:
            for page in pages:
                ftfy.fix_text(page)

    startup = time.perf_counter() - started
    size = pages = 0
    with _PeakMemory() as memory:
        begun = time.perf_counter()
        for document in _documents(folder, limit):
            process(document)
            size += sum(len(page.encode("utf-8")) for page in document)
            pages += len(document)
        seconds = time.perf_counter() - begun
    return {
        "bytes": size,
        "pages": pages,
        "seconds": seconds,
        "startup_seconds": startup,
        "peak_rss_mb": memory.peak / MB,
    }


class _PeakMemory:
    """Samples this process's resident memory every 20 ms and keeps the peak.

    Linux's high-water marks (``ru_maxrss``) keep what the parent held when
    it forked this process, so they would report the benchmark's own memory;
    the current resident set (``/proc/self/statm``) does not.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._done = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> _PeakMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self._sample()

    def _watch(self) -> None:
        while not self._done.wait(0.02):
            self._sample()

    def _sample(self) -> None:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
        self.peak = max(self.peak, resident_pages * self._page)


def _in_subprocess(tool: str, folder: Path, limit: int) -> dict[str, Any]:
    print(f"measuring {tool} on {limit / MB:.1f} MB ...", file=sys.stderr)
    command = [sys.executable, __file__, "--measure", tool, "--input", str(folder), "--limit", str(limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {tool} measurement failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    result["mb_per_second"] = result["bytes"] / MB / result["seconds"]
    return result


def _cli_runs(folder: Path, runs: int) -> dict[str, Any]:
    """Wall time of ``emendo repair PAGE`` on one typical page, first run and median.

    The package's bytecode is compiled first, as pip compiles an installed
    package's: an editable install run with ``PYTHONDONTWRITEBYTECODE`` would
    otherwise compile every module again on every run.
    """
    package = Path(emendo.simulate.__file__).parent.parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    command = Path(sys.executable).parent / "emendo"
    pages = next(_documents(folder, 1))
    page = pages[len(pages) // 2]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.txt"
        path.write_text(page, encoding="utf-8")
        times = []
        for _ in range(runs + 1):
            begun = time.perf_counter()
            done = subprocess.run(
                [str(command), "repair", str(path)], capture_output=True, text=True, check=False
            )
            times.append(time.perf_counter() - begun)
            if done.returncode != 0 or not done.stdout.strip():
                raise SystemExit(f"'emendo repair' failed on a simulated page:\n{done.stderr}")
    return {"first_seconds": times[0], "median_seconds": statistics.median(times[1:]), "runs": times[1:]}


# -- the report --------------------------------------------------------------


def _report(
    size: int, emendo: dict[str, Any], ftfy: dict[str, Any], small: dict[str, Any], cli: dict[str, Any]
) -> dict[str, Any]:
    ratio = emendo["mb_per_second"] / ftfy["mb_per_second"]
    peak = max(emendo["peak_rss_mb"], small["peak_rss_mb"])
    return {
        "input_bytes": size,
        "emendo": emendo,
        "ftfy": ftfy,
        "emendo_on_a_tenth": small,
        "ratio_emendo_to_ftfy": ratio,
        "cli": cli,
        "targets": {
            "throughput ratio": {"bound": TARGET_RATIO, "value": ratio, "met": ratio >= TARGET_RATIO},
            "peak memory (MB)": {"bound": TARGET_RSS_MB, "value": peak, "met": peak < TARGET_RSS_MB},
            "one-page CLI (s)": {
                "bound": TARGET_CLI_SECONDS,
                "value": cli["median_seconds"],
                "met": cli["median_seconds"] < TARGET_CLI_SECONDS,
            },
        },
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }


def _table(report: dict[str, Any]) -> str:
    rows = [
        ("emendo", report["emendo"]),
        ("ftfy.fix_text", report["ftfy"]),
        ("emendo, 1/10", report["emendo_on_a_tenth"]),
    ]
    lines = [
        f"{'':<15}{'MB':>8}{'pages':>8}{'seconds':>10}{'MB/s':>8}{'start-up s':>12}{'peak RSS MB':>13}",
    ]
    for name, r in rows:
        lines.append(
            f"{name:<15}{r['bytes'] / MB:>8.1f}{r['pages']:>8}{r['seconds']:>10.1f}{r['mb_per_second']:>8.2f}"
            f"{r['startup_seconds']:>12.2f}{r['peak_rss_mb']:>13.0f}"
        )
    cli = report["cli"]
    lines += [
        "",
        f"emendo / ftfy throughput: {report['ratio_emendo_to_ftfy']:.2f}x",
        f"emendo repair PAGE.txt: median {cli['median_seconds']:.3f} s,"
        f" first run {cli['first_seconds']:.3f} s",
        "",
        "targets:",
    ]
    for name, t in report["targets"].items():
        lines.append(f"  {'met ' if t['met'] else 'MISS'}  {name}: {t['value']:.3f} (bound {t['bound']})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
