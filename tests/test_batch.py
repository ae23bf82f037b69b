"""``emendo batch`` as a library: reading, grouping, rejects, shards, resumption, progress.

These tests run in this process (``workers=0``) with a small fake repair, so
they test the batch machinery alone; ``test_batch_engines.py`` runs the real
pipeline on worker processes and on Dask.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.batch import BatchConfig, OutputFormat, run_batch
from emendo.batch.damage import count_damaged, damage_score
from emendo.batch.documents import DocumentTask, Reject, documents
from emendo.batch.records import Record
from emendo.errors import InputError
from emendo.model import Block, BlockType, Document, Edit, Page, RemovedLine, TrackedText

HEAD = re.compile(r"HEAD \d+\n")
LOST_LIGATURE = re.compile(r"\bdicult\b")


def fake_repair(pages: Sequence[Page]) -> Document:
    """A stand-in pipeline: drops a ``HEAD n`` first line, restores ``dicult``, fails on ``BOOM``."""
    blocks: list[Block] = []
    kept: list[Page] = []
    for page in pages:
        if "BOOM" in page.original:
            raise ValueError("the fake pipeline fails on purpose")
        head = HEAD.match(page.original)
        start = head.end() if head else 0
        removed = (
            [RemovedLine(page.index, 0, head.group(), head.group().strip(), "running head")] if head else []
        )
        content = TrackedText.verbatim(page.index, start, page.original[start:])
        content = content.edit(
            [
                Edit(m.start() + 2, m.start() + 2, "ffi", "ligature", "lost ligature")
                for m in LOST_LIGATURE.finditer(content.text)
            ]
        )
        blocks.append(Block(BlockType.PARAGRAPH, content))
        kept.append(Page(index=page.index, original=page.original, origin=page.origin, removed=removed))
    return Document(kept, blocks)


INTERRUPT_AT: dict[str, str] = {}


def interrupted_repair(pages: Sequence[Page]) -> Document:
    """The fake pipeline, stopped like Ctrl-C when it meets the page named in ``INTERRUPT_AT``."""
    if any(INTERRUPT_AT.get("page", "\0") in page.original for page in pages):
        raise KeyboardInterrupt
    return fake_repair(pages)


def page_text(doc: int, page: int) -> str:
    return f"HEAD {page}\nDocument {doc} page {page}: it was very dicult to read.\nA second line of text."


def write_jsonl(path: Path, records: Sequence[Any]) -> Path:
    lines = [record if isinstance(record, str) else json.dumps(record) for record in records]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def good_records(count: int, pages: int = 3) -> list[dict[str, Any]]:
    return [{"id": f"doc{n}", "text": "\f".join(page_text(n, p) for p in range(pages))} for n in range(count)]


def read_editions(out: Path) -> list[dict[str, Any]]:
    shards = sorted((out / "editions").glob("part-*.jsonl"))
    return [json.loads(line) for shard in shards for line in shard.read_text("utf-8").splitlines()]


def read_rejects(folder: Path) -> list[dict[str, Any]]:
    shards = sorted(folder.glob("part-*.jsonl"))
    return [json.loads(line) for shard in shards for line in shard.read_text("utf-8").splitlines()]


def shard_contents(out: Path) -> dict[str, bytes]:
    """Every shard file under ``out`` by relative path (the manifest left out)."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


INLINE = BatchConfig(workers=0, chunk_pages=6)


def test_editions_carry_the_edition_and_its_figures(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", good_records(4))
    summary = run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)
    editions = read_editions(tmp_path / "out")
    assert [e["id"] for e in editions] == ["doc0", "doc1", "doc2", "doc3"]
    first = editions[0]
    assert (first["pages"], first["repairs"], first["removed_lines"]) == (3, {"ligature": 3}, 3)
    assert first["damage_before"] > 0 and first["damage_after"] == 0
    assert first["edition"]["format"] == "emendo/1"
    assert "it was very difficult to read" in first["edition"]["blocks"][0]["text"]
    assert (summary.documents, summary.pages, summary.rejects) == (4, 12, 0)


BAD_RECORDS: list[tuple[Any, str]] = [
    ("{not json", "not a JSON record"),
    ("[1, 2]", "not an object"),
    ({"id": "no-text"}, "missing field 'text'"),
    ({"id": "number", "text": 42}, "not a string (it is int)"),
    ({"id": "blank", "text": " \n\f \n"}, "is empty"),
    ({"id": "binary", "text": "PK\x03\x04\x00\x00binary"}, "looks binary"),
    ({"id": ["a", "list"], "text": "Some text."}, "field 'id' is not a string or integer"),
    ({"id": "fails", "text": "BOOM goes the page"}, "repair failed: ValueError"),
]


def test_every_record_ends_in_an_edition_or_a_reject(tmp_path: Path) -> None:
    good = good_records(5)
    records: list[Any] = [good[0], *[bad for bad, _ in BAD_RECORDS], *good[1:]]
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)
    editions = read_editions(tmp_path / "out")
    rejects = read_rejects(tmp_path / "out" / "rejects")
    assert len(records) == len(editions) + sum(r["records"] for r in rejects)
    assert [r["source"] for r in rejects] == [f"corpus.jsonl:{n}" for n in range(2, 2 + len(BAD_RECORDS))]
    for reject, (_, reason) in zip(rejects, BAD_RECORDS, strict=True):
        assert reason in reject["reason"]
    assert [r["id"] for r in rejects][2:6] == ["no-text", "number", "blank", "binary"]


def test_a_record_without_an_id_is_named_by_its_position(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "corpus.jsonl", [{"text": page_text(0, 0)}, {"id": 7, "text": page_text(1, 0)}]
    )
    run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)
    assert [e["id"] for e in read_editions(tmp_path / "out")] == ["corpus.jsonl:1", "7"]


def test_gzip_and_folder_input_read_like_one_plain_file(tmp_path: Path) -> None:
    records = good_records(6)
    plain = write_jsonl(tmp_path / "all.jsonl", records)
    run_batch(plain, tmp_path / "plain", INLINE, repair=fake_repair)
    folder = tmp_path / "parts"
    folder.mkdir()
    write_jsonl(folder / "part2.jsonl", records[2:4])
    write_jsonl(folder / "part1.jsonl", records[:2])
    (folder / "part10.jsonl.gz").write_bytes(
        gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in records[4:]))
    )
    (folder / "notes.txt").write_text("not part of the corpus")
    run_batch(folder, tmp_path / "folder", INLINE, repair=fake_repair)
    from_folder, from_file = read_editions(tmp_path / "folder"), read_editions(tmp_path / "plain")
    assert [(e["id"], e["edition"]["blocks"]) for e in from_folder] == [
        (e["id"], e["edition"]["blocks"]) for e in from_file
    ]
    origins = [e["edition"]["pages"][0]["origin"] for e in from_folder]
    names = ["part1.jsonl:1", "part1.jsonl:2", "part2.jsonl:1", "part2.jsonl:2", "part10.jsonl.gz:1"]
    assert origins == [f"{name}#1" for name in [*names, "part10.jsonl.gz:2"]]


def test_a_broken_gzip_stream_stops_with_a_clear_message(tmp_path: Path) -> None:
    data = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in good_records(50)))
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="reading breaks off after line"):
        run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)


def page_records(order: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"book": book, "page": page, "text": page_text(int(book[1:]), page)} for book, page in order]


def test_page_records_are_grouped_by_document_and_ordered_by_page(tmp_path: Path) -> None:
    order = [("b1", 2), ("b1", 0), ("b1", 1), ("b2", 1), ("b2", 0)]
    corpus = write_jsonl(tmp_path / "pages.jsonl", page_records(order))
    config = BatchConfig(workers=0, doc_field="book", page_field="page")
    run_batch(corpus, tmp_path / "out", config, repair=fake_repair)
    editions = read_editions(tmp_path / "out")
    assert [(e["id"], e["pages"]) for e in editions] == [("b1", 3), ("b2", 2)]
    texts = [block["text"] for block in editions[0]["edition"]["blocks"]]
    assert [t.split(":")[0] for t in texts] == ["Document 1 page 0", "Document 1 page 1", "Document 1 page 2"]


def test_scattered_page_records_are_rejected_with_what_to_do(tmp_path: Path) -> None:
    order = [("b1", 0), ("b2", 0), ("b1", 1), ("b3", 0)]
    records: list[Any] = [
        *page_records(order),
        {"page": 3, "text": "no book"},
        {"book": "b3", "text": "no page"},
    ]
    corpus = write_jsonl(tmp_path / "pages.jsonl", records)
    config = BatchConfig(workers=0, doc_field="book", page_field="page")
    run_batch(corpus, tmp_path / "out", config, repair=fake_repair)
    editions = read_editions(tmp_path / "out")
    rejects = read_rejects(tmp_path / "out" / "rejects")
    assert [(e["id"], e["pages"]) for e in editions] == [("b1", 1), ("b2", 1), ("b3", 1)]
    assert len(records) == sum(e["pages"] for e in editions) + sum(r["records"] for r in rejects)
    assert "sort the input by 'book'" in rejects[0]["reason"] and rejects[0]["source"] == "pages.jsonl:3"
    assert "missing field 'book'" in rejects[1]["reason"]
    assert "missing field 'page'" in rejects[2]["reason"]


def test_grouping_streams_one_document_at_a_time() -> None:
    """The grouper yields a document as soon as the next one begins, before reading further."""
    config = BatchConfig(workers=0, doc_field="book")

    def records() -> Any:
        for n, (book, page) in enumerate([("a", 0), ("a", 1), ("b", 0)]):
            yield Record(f"x:{n + 1}", n, {"book": book, "text": f"page {page}"})
        raise AssertionError("read past the first record of the next document")

    first, _ = next(documents(records(), config))
    assert first == DocumentTask("a", "x:1", ("page 0", "page 1"), records=2)


def test_a_failing_page_rejects_its_document_with_every_record_counted(tmp_path: Path) -> None:
    records = [*page_records([("b1", 0), ("b1", 1)]), {"book": "b1", "page": 2, "text": "BOOM"}]
    corpus = write_jsonl(tmp_path / "pages.jsonl", records)
    run_batch(corpus, tmp_path / "out", BatchConfig(workers=0, doc_field="book"), repair=fake_repair)
    assert read_editions(tmp_path / "out") == []
    [reject] = read_rejects(tmp_path / "out" / "rejects")
    assert (reject["id"], reject["records"], reject["source"]) == ("b1", 3, "pages.jsonl:1")


def test_parquet_in_and_out_match_jsonl(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = [*good_records(5), {"id": "bad", "text": None}]
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "corpus.parquet")
    jsonl = write_jsonl(tmp_path / "corpus.jsonl", records)
    run_batch(jsonl, tmp_path / "json-out", INLINE, repair=fake_repair)
    config = BatchConfig(workers=0, chunk_pages=6, output_format=OutputFormat.PARQUET)
    run_batch(tmp_path / "corpus.parquet", tmp_path / "parquet-out", config, repair=fake_repair)
    rows = pq.read_table(tmp_path / "parquet-out" / "editions").to_pylist()
    expected = read_editions(tmp_path / "json-out")
    assert [row["id"] for row in rows] == [e["id"] for e in expected]
    for row, edition in zip(rows, expected, strict=True):
        assert dict(row["repairs"]) == edition["repairs"]
        assert json.loads(row["edition"])["blocks"] == edition["edition"]["blocks"]
        assert (row["pages"], row["damage_after"]) == (edition["pages"], edition["damage_after"])
    [reject] = read_rejects(tmp_path / "parquet-out" / "rejects")
    assert (reject["source"], reject["reason"]) == ("corpus.parquet:6", "missing field 'text'")


def test_parquet_without_the_text_column_is_refused_whole(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "text"}]), tmp_path / "corpus.parquet")
    with pytest.raises(InputError, match=r"no column 'text' \(it has id, body\); pass --text-field"):
        run_batch(tmp_path / "corpus.parquet", tmp_path / "out", INLINE, repair=fake_repair)


def test_an_interrupted_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    records: list[Any] = good_records(20)
    records[3] = {"id": "doc3"}  # a reject in an early chunk
    records[15] = {"id": "doc15"}  # and one in a chunk the interruption stops
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    run_batch(corpus, tmp_path / "clean", INLINE, repair=fake_repair)
    out = tmp_path / "resumed"
    INTERRUPT_AT["page"] = "Document 12 page"
    try:
        with pytest.raises(KeyboardInterrupt):
            run_batch(corpus, out, INLINE, repair=interrupted_repair)
    finally:
        INTERRUPT_AT.clear()
    assert (
        0 < len(list((out / "editions").iterdir())) < len(list((tmp_path / "clean" / "editions").iterdir()))
    )
    # what a kill -9 in the middle of a commit leaves: a temporary file, and a rejects shard without editions
    (out / "editions" / ".part-000009.jsonl.tmp").write_text('{"id": "half a line')
    (out / "rejects" / "part-000007.jsonl").write_text('{"id": "stale"}\n')
    summary = run_batch(corpus, out, INLINE, repair=fake_repair)
    assert summary.chunks_resumed > 0 and summary.chunks == len(
        list((tmp_path / "clean" / "editions").iterdir())
    )
    assert shard_contents(out) == shard_contents(tmp_path / "clean")


def test_a_finished_run_run_again_does_nothing(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", good_records(4))
    run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)
    before = shard_contents(tmp_path / "out")
    summary = run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)
    assert (summary.documents, summary.chunks_resumed) == (0, summary.chunks)
    assert shard_contents(tmp_path / "out") == before


def test_resuming_with_other_settings_or_input_is_refused(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", good_records(4))
    run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)
    with pytest.raises(InputError, match="settings: chunk_pages"):
        run_batch(corpus, tmp_path / "out", BatchConfig(workers=0, chunk_pages=7), repair=fake_repair)
    write_jsonl(corpus, good_records(5))
    with pytest.raises(InputError, match=r"other input or settings \(inputs\)"):
        run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair)


def test_out_must_be_a_new_or_empty_folder(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", good_records(1))
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.tex").write_text("mine")
    with pytest.raises(InputError, match="not empty and holds no emendo batch run"):
        run_batch(corpus, tmp_path / "busy", INLINE, repair=fake_repair)
    with pytest.raises(InputError, match="a file is in the way"):
        run_batch(corpus, tmp_path / "busy" / "thesis.tex", INLINE, repair=fake_repair)
    with pytest.raises(InputError, match="not a corpus file"):
        run_batch(tmp_path / "busy" / "thesis.tex", tmp_path / "out", INLINE, repair=fake_repair)


def test_rejects_can_go_to_their_own_folder(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [*good_records(2), {"id": "x"}])
    run_batch(corpus, tmp_path / "out", INLINE, rejects=tmp_path / "bad", repair=fake_repair)
    assert [r["id"] for r in read_rejects(tmp_path / "bad")] == ["x"]
    assert not (tmp_path / "out" / "rejects").exists()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"chunk_pages": 0}, "at least 1 page"),
        ({"workers": -1}, "give 0"),
        ({"page_field": "page"}, "--page-field needs --doc-field"),
        ({"scheduler": "tcp://h:8786"}, "add --engine dask"),
    ],
)
def test_bad_settings_say_what_to_do(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        BatchConfig(**settings)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_documents_rate_and_time_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", good_records(8))
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair, progress=True)
    drawn = terminal.getvalue()
    assert "100%" in drawn and "8 documents" in drawn and "docs/s" in drawn and "<00:00" in drawn


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", good_records(2))
    run_batch(corpus, tmp_path / "out", INLINE, repair=fake_repair, progress=True)
    assert capsys.readouterr().err == ""


def test_damage_score_falls_when_the_damage_is_repaired() -> None:
    damaged = "Moscow’s condence was apparent. It was very dicult to understand the newspaperPravda line."
    repaired = (
        "Moscow’s confidence was apparent. It was very difficult to understand the newspaper Pravda line."
    )
    assert damage_score(damaged) == round(3 / 13, 4)
    assert damage_score(repaired) == 0.0
    assert damage_score("1904–05, 222.") == 0.0


@settings(deadline=None)  # the first call opens (or builds) the lexicon
@given(st.text())
def test_damage_score_is_a_share(text: str) -> None:
    assert 0.0 <= damage_score(text) <= 1.0


KNOWN = {"ab", "ba", "a"}
EDGE = "\"'“”‘’«»()[]{}<>.,;:!?*†‡§¶…–—-/0123456789⁰¹²³⁴⁵⁶⁷⁸⁹"


def damaged_word(word: str) -> bool:
    """The module docstring's definition, word by word, as plainly as it reads."""
    garbled = any(
        c == "\ufffd" or ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or 0xE000 <= ord(c) <= 0xF8FF for c in word
    )
    garbled = garbled or re.search("Ã[\x80-\xbf]|â€", word) is not None
    glued = re.search("[a-z]{2}[A-Z]", word) is not None
    core = word.strip(EDGE)
    return garbled or glued or (core.isalpha() and core.islower() and core not in KNOWN)


@given(st.text(alphabet="abAB \n.-’²9Ã©â€\ufffd\x07\x85\xa0éª½"))
def test_damage_counts_follow_the_definition_word_by_word(text: str) -> None:
    words = [word for word in text.split() if any(c.isalpha() for c in word)]  # a word holds a letter
    expected = (sum(damaged_word(word) for word in words), len(words))
    assert count_damaged(text, KNOWN.__contains__) == expected


def test_rejects_keep_their_record_count() -> None:
    records = [Record("x:1", 1, None, "not a JSON record (bad)"), Record("x:2", 2, {"text": "fine"})]
    items = [item for item, _ in documents(records, BatchConfig())]
    assert items == [Reject(None, "x:1", "not a JSON record (bad)"), DocumentTask("x:2", "x:2", ("fine",))]
