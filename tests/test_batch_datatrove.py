"""The datatrove block: documents in, editions out, failures marked, and a clear error without datatrove."""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

import emendo.batch.datatrove as block_module
from emendo.errors import MissingExtraError
from emendo.model import Block, BlockType, Document, Edit, Page, TrackedText

datatrove_data = pytest.importorskip("datatrove.data")


def fake_repair(pages: Sequence[Page]) -> Document:
    """A stand-in pipeline: each page one paragraph, ``dicult`` restored, ``BOOM`` fails."""
    blocks = []
    for page in pages:
        if "BOOM" in page.original:
            raise ValueError("fails on purpose")
        content = TrackedText.verbatim(page.index, 0, page.original)
        at = content.text.find("dicult")
        if at >= 0:
            content = content.edit([Edit(at + 2, at + 2, "ffi", "ligature", "lost ligature")])
        blocks.append(Block(BlockType.PARAGRAPH, content))
    return Document(list(pages), blocks)


def documents() -> list[Any]:
    make = datatrove_data.Document
    return [
        make(text="It was dicult.\fThe second page.", id="a", metadata={"url": "u"}),
        make(text="BOOM", id="b"),
        make(text=" \f ", id="c"),
    ]


def test_the_block_replaces_text_and_adds_figures() -> None:
    step = block_module.EmendoRepair(repair=fake_repair)
    repaired, failing, empty = list(step.run(iter(documents())))
    assert repaired.text == "It was difficult.\n\nThe second page.\n"
    assert repaired.metadata["url"] == "u"
    assert (repaired.metadata["emendo_pages"], repaired.metadata["emendo_repairs"]) == (2, 1)
    assert repaired.metadata["emendo_damage_before"] > repaired.metadata["emendo_damage_after"] == 0
    assert json.loads(repaired.metadata["emendo_edition"])["format"] == "emendo/1"
    assert (failing.text, failing.metadata["emendo_error"]) == (
        "BOOM",
        "repair failed: ValueError: fails on purpose",
    )
    assert empty.metadata["emendo_error"] == "the text is empty"
    assert step.stats["documents"].total == 3 and step.stats["failed"].total == 2


def test_the_block_runs_in_a_datatrove_pipeline(tmp_path: Any) -> None:
    executor_module = pytest.importorskip("datatrove.executor")
    collected: list[Any] = []

    def collect(data: Iterator[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        for document in data:
            collected.append(document)
            yield document

    step = block_module.EmendoRepair(keep_edition=False, repair=fake_repair)
    executor = executor_module.LocalPipelineExecutor(
        pipeline=[documents(), step, collect], tasks=1, logging_dir=str(tmp_path / "logs")
    )
    executor.run()
    assert [d.id for d in collected] == ["a", "b", "c"]
    assert "emendo_edition" not in collected[0].metadata and collected[0].metadata["emendo_repairs"] == 1


def test_the_block_pickles_for_datatrove_workers() -> None:
    step = block_module.EmendoRepair()
    assert type(pickle.loads(pickle.dumps(step))) is block_module.EmendoRepair


def test_without_datatrove_asking_for_the_block_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "datatrove.pipeline.base", None)
    block_module._emendo_repair_class.cache_clear()
    try:
        with pytest.raises(MissingExtraError, match=r"pip install 'emendo\[datatrove\]'"):
            block_module.EmendoRepair  # noqa: B018 - the attribute access is what is tested
    finally:
        block_module._emendo_repair_class.cache_clear()
