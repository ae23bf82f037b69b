"""The real pipeline on every engine: in process, local worker processes, and a Dask cluster.

Each engine must write byte-identical shards, and every edition must rebuild
its pages' original text exactly (nothing is lost on the way through a batch).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from emendo.batch import BatchConfig, EngineKind, run_batch
from emendo.batch.engines import DaskEngine, ProcessEngine
from emendo.exporters.json import rebuild_from_json
from emendo.simulate import CleanDocument, parse_markup, simulate

PARAGRAPHS = [
    "The harbour office kept a ledger of every ship that came in, and the clerks were proud of its "
    "efficiency, though the figures it held were often difficult to reconcile with the customs returns.[1]",
    "In the winter of that year the _Northern Courier_ reported that the official rates had been raised "
    "twice, and that the affected merchants had petitioned the council for relief.[2]",
    "Nobody in the town could say with confidence whether the fleet would sail in spring; the owners "
    "waited, the crews drifted away, and the warehouses filled with flax and timber that nobody bought.",
    "A later inquiry found that the office had simply lost the first volume of the ledger, and that "
    "the discrepancy of several thousand tons was an artefact of the clerks' own arithmetic.[3]",
]
NOTES = {
    1: parse_markup("See the _Harbour Ledger_, vol. 2, fol. 14."),
    2: parse_markup("_Northern Courier_, 12 January, p. 3."),
    3: parse_markup("Report of the Inquiry, 1861, 44–47."),
}


def corpus_records(documents: int) -> list[dict[str, Any]]:
    """Simulated damaged documents of two to three pages each, written from the prose above."""
    clean = CleanDocument(tuple(parse_markup(p, NOTES) for p in PARAGRAPHS * 3), NOTES)
    return [{"id": f"doc-{n}", "text": "\f".join(simulate(clean, seed=n).pages)} for n in range(documents)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    records: list[Any] = corpus_records(6)
    records.insert(2, {"id": "empty", "text": ""})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inline_output(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inline") / "out"
    run_batch(corpus, out, BatchConfig(workers=0, chunk_pages=4))
    return out


def shard_contents(out: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


def editions(out: Path) -> Iterator[dict[str, Any]]:
    for shard in sorted((out / "editions").glob("part-*.jsonl")):
        for line in shard.read_text("utf-8").splitlines():
            yield json.loads(line)


def test_batch_editions_rebuild_their_pages(inline_output: Path, corpus: Path) -> None:
    originals = {
        r["id"]: r["text"].split("\f") for r in map(json.loads, corpus.read_text("utf-8").splitlines())
    }
    found = list(editions(inline_output))
    assert [e["id"] for e in found] == [f"doc-{n}" for n in range(6)]
    for edition in found:
        assert rebuild_from_json(edition["edition"]) == originals[edition["id"]]
        assert edition["pages"] == len(originals[edition["id"]])
        assert edition["damage_after"] < edition["damage_before"]
        assert sum(edition["repairs"].values()) > 0


def test_local_processes_write_what_one_process_writes(
    corpus: Path, inline_output: Path, tmp_path: Path
) -> None:
    run_batch(corpus, tmp_path / "out", BatchConfig(workers=2, chunk_pages=4))
    assert shard_contents(tmp_path / "out") == shard_contents(inline_output)


def test_a_dask_cluster_writes_what_one_process_writes(
    corpus: Path, inline_output: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        config = BatchConfig(
            engine=EngineKind.DASK, workers=2, scheduler=cluster.scheduler_address, chunk_pages=4
        )
        run_batch(corpus, tmp_path / "out", config)
        assert len(cluster.workers) == 2
    assert shard_contents(tmp_path / "out") == shard_contents(inline_output)


def test_process_engine_returns_every_result() -> None:
    with ProcessEngine(2) as engine:
        assert sorted(engine.map_unordered(abs, range(-25, 0))) == list(range(1, 26))


def test_a_cluster_of_its_own_hands_chunks_to_idle_workers_and_gathers_directly() -> None:
    """The engine's own cluster: no chunk queued behind a busy worker; results not relayed."""
    pytest.importorskip("distributed")
    with DaskEngine(2, None) as engine:
        assert engine.cluster.scheduler.WORKER_SATURATION == 1.0
        assert engine.client.direct_to_workers is True
        assert sorted(engine.map_unordered(abs, range(-9, 0))) == list(range(1, 10))
