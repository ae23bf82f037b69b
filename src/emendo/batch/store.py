"""The output folder of a run: shards written atomically, and a manifest.

Layout of ``OUT``::

    OUT/manifest.json                   what the run reads and how (checked on resume)
    OUT/editions/part-000000.jsonl      editions of chunk 0 (or .parquet)
    OUT/rejects/part-000000.jsonl       rejects of chunk 0, only when it has any

Why this survives ``kill -9`` at any instant: a shard is written to a hidden
temporary file, flushed, fsynced and renamed into place, and the folder is
fsynced; a rename is atomic, so a shard is either absent or whole.  A chunk
is *done* exactly when its editions shard exists, and its rejects shard is
renamed into place *before* it, so a done chunk always has its rejects too.
On restart, temporary files are deleted and every chunk that is not done is
redone from the input; a rejects shard left by a chunk that never finished is
overwritten.  Nothing is lost, nothing is written twice.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from emendo.batch.config import BatchConfig, OutputFormat
from emendo.batch.documents import Reject
from emendo.batch.work import ChunkResult, EditionRecord
from emendo.errors import InputError, MissingExtraError

MANIFEST_FORMAT = "emendo-batch/1"
_PART = re.compile(r"part-(\d{6,})\.(?:jsonl|parquet)")


def manifest(inputs: Iterable[Path], config: BatchConfig, rejects: Path) -> dict[str, Any]:
    """What fixes the output of a run: inputs (name and size), the settings that shape shards, rejects folder.

    Engine and worker count are left out: a run may resume on other hardware.
    """
    shaping = (
        "text_field",
        "id_field",
        "doc_field",
        "page_field",
        "output_format",
        "chunk_pages",
    )
    settings = {name: value for name, value in asdict(config).items() if name in shaping}
    settings["output_format"] = config.output_format.value
    return {
        "format": MANIFEST_FORMAT,
        "inputs": [{"path": str(path.resolve()), "bytes": path.stat().st_size} for path in inputs],
        "settings": settings,
        "rejects": str(rejects.resolve()),
    }


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` so that a crash leaves the old state or the new, never half."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
    _fsync_folder(path.parent)


def _jsonl(lines: Iterable[str]) -> bytes:
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def reject_line(reject: Reject) -> str:
    """A reject as one JSON line: id (or null), where it stands, why, and how many records."""
    fields = {"id": reject.id, "source": reject.source, "reason": reject.reason, "records": reject.records}
    return json.dumps(fields, ensure_ascii=False)


def _parquet(editions: tuple[EditionRecord, ...]) -> bytes:
    """Editions as one Parquet table: figures as typed columns, the edition as JSON text."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("writing Parquet", "parquet", "pyarrow") from None
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("pages", pa.int32()),
            ("repairs", pa.map_(pa.string(), pa.int32())),
            ("removed_lines", pa.int32()),
            ("damage_before", pa.float64()),
            ("damage_after", pa.float64()),
            ("edition", pa.string()),
        ]
    )
    rows = [
        record.figures() | {"repairs": list(record.repairs.items()), "edition": record.edition}
        for record in editions
    ]
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink)
    data: bytes = sink.getvalue().to_pybytes()
    return data


class ShardStore:
    """The output and rejects folders of one run; see the module docstring."""

    def __init__(self, out: Path, rejects: Path, output_format: OutputFormat) -> None:
        self.editions = out / "editions"
        self.rejects = rejects
        self.output_format = output_format

    @classmethod
    def open(cls, out: Path, rejects: Path, expected: dict[str, Any], config: BatchConfig) -> ShardStore:
        """Create the folders, or check that they hold a run of the same command and tidy them."""
        if out.exists() and not out.is_dir():
            raise InputError(f"{out}: a file is in the way; OUT is a folder that receives the edition shards")
        store = cls(out, rejects, config.output_format)
        manifest_path = out / "manifest.json"
        if manifest_path.exists():
            found = json.loads(manifest_path.read_text("utf-8"))
            if found != expected:
                raise InputError(
                    f"{out} holds a run of other input or settings ({_difference(found, expected)}); "
                    "run the same command to resume it, or choose a new OUT folder"
                )
        else:
            for folder in (out, rejects):
                if folder.is_dir() and any(folder.iterdir()):
                    raise InputError(
                        f"{folder}: the folder is not empty and holds no emendo batch run; "
                        "choose a new folder"
                    )
        for folder in (out, store.editions, store.rejects):
            folder.mkdir(parents=True, exist_ok=True)
        if not manifest_path.exists():
            write_atomically(manifest_path, json.dumps(expected, indent=1).encode("utf-8"))
        for folder in (store.editions, store.rejects):
            for temporary in folder.glob(".part-*.tmp"):
                temporary.unlink()
        return store

    def _name(self, number: int, suffix: str) -> str:
        return f"part-{number:06d}.{suffix}"

    def done(self) -> set[int]:
        """Numbers of the chunks whose shards are complete."""
        found = (_PART.fullmatch(path.name) for path in self.editions.iterdir())
        return {int(match.group(1)) for match in found if match}

    def commit(self, result: ChunkResult) -> None:
        """Write one chunk's shards: rejects first, editions last (that marks it done)."""
        rejects_path = self.rejects / self._name(result.number, "jsonl")
        if result.rejects:
            write_atomically(rejects_path, _jsonl(reject_line(r) for r in result.rejects))
        else:
            rejects_path.unlink(missing_ok=True)
        suffix = self.output_format.value
        if self.output_format is OutputFormat.PARQUET:
            data = _parquet(result.editions)
        else:
            data = _jsonl(record.json_line() for record in result.editions)
        write_atomically(self.editions / self._name(result.number, suffix), data)


def _difference(found: dict[str, Any], expected: dict[str, Any]) -> str:
    """Which part of the manifest differs, for the error message."""
    for key in ("inputs", "settings", "rejects", "format"):
        if found.get(key) != expected.get(key):
            if key == "settings":
                names = [k for k in expected[key] if found.get(key, {}).get(k) != expected[key][k]]
                return "settings: " + ", ".join(names)
            return key
    return "manifest"
