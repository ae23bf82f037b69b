"""``emendo batch`` on the command line: kill -9 and resume, summaries, and clear errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from emendo.batch import BatchConfig, run_batch
from emendo.cli import main

EMENDO = [sys.executable, "-c", "from emendo.cli import main; main()"]


def page(doc: int, number: int) -> str:
    return (
        f"A Study of Harbours Ë {number}\n"
        f"Document {doc}, page {number}. The clerks found it dicult to keep the ledger in order, and the\n"
        "owners of the eet complained that the oces were slow to answer their letters.\n"
    )


def write_corpus(path: Path, documents: int, pages: int = 2) -> Path:
    lines = []
    for doc in range(documents):
        text = "\f".join(page(doc, 10 * doc + n) for n in range(pages))
        lines.append(json.dumps({"id": f"doc-{doc}", "text": text}))
    lines.insert(3, json.dumps({"id": "broken", "text": 7}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shard_contents(out: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


def test_kill_9_mid_run_then_resume_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", documents=60)
    out = tmp_path / "out"
    command = [*EMENDO, "batch", str(corpus), str(out), "--workers", "1", "--chunk-pages", "2"]
    killed = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    shards = out / "editions"
    deadline = time.monotonic() + 120
    while not (shards.is_dir() and len(os.listdir(shards)) >= 3):
        assert killed.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no shard was written in two minutes"
        time.sleep(0.005)
    os.killpg(killed.pid, signal.SIGKILL)  # the command and its workers, as a kill -9 of the job
    killed.wait()
    done_when_killed = len(list(shards.glob("part-*")))
    assert done_when_killed < 60, "the run finished before the kill; make the corpus larger"

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done_when_killed} done before" in resumed.stderr

    run_batch(corpus, tmp_path / "clean", BatchConfig(workers=0, chunk_pages=2))
    assert shard_contents(out) == shard_contents(tmp_path / "clean")
    ids = [
        json.loads(line)["id"]
        for shard in sorted(shards.iterdir())
        for line in shard.read_text().splitlines()
    ]
    assert ids == [f"doc-{n}" for n in range(60)]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", *args])
    return int(exit_info.value.code or 0), capsys.readouterr().err


def test_the_summary_counts_documents_and_rejects(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": 1}\n{"id": 2, "text": ""}\nnot json\n', encoding="utf-8")
    status, err = run(capsys, str(corpus), str(tmp_path / "out"), "--workers", "0")
    assert status == 0
    assert err.startswith("emendo batch: 0 documents (0 pages, 0.0 pages/s), 3 rejects (3 records); ")
    assert err.endswith("1 chunks done now, 0 done before\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.jsonl", "out"], "emendo: missing.jsonl: no such file or folder\n"),
        (["corpus.jsonl", "out", "--scheduler", "tcp://h:8786"], "add --engine dask"),
        (["corpus.jsonl", "out", "--page-field", "n"], "--page-field needs --doc-field"),
        (["corpus.jsonl", "corpus.jsonl"], "a file is in the way"),
        (["corpus.jsonl", "out", "--workers", "-2"], "give 0 (in this process) or more"),
        (["corpus.jsonl", "out", "--chunk-pages", "0"], "at least 1 page per chunk"),
    ],
)
def test_bad_arguments_get_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.jsonl").write_text('{"id": 1, "text": "A page."}\n', encoding="utf-8")
    status, err = run(capsys, *arguments)
    assert status == 2
    assert err.startswith("emendo: ") and message in err and err.count("\n") == 1
