"""Read corpus records, one at a time, from JSON Lines and Parquet files.

The input is a file or a folder of files (taken in natural name order):
``.jsonl`` / ``.ndjson`` (optionally ``.gz``) or ``.parquet``.  Records stream
out one by one, so memory does not grow with the corpus.  A line that is not a
JSON object is not an error that stops the run: it comes out as a
:class:`Record` with a ``problem`` and ends in the rejects.

Every record carries ``position``: input bytes consumed once it is read (for
Parquet, the file's bytes pro rata by row), which is all a progress bar needs
for an estimate of the time left.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emendo.errors import InputError, MissingExtraError
from emendo.readers.text import natural_key

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
PARQUET_BATCH_ROWS = 1024


@dataclass(frozen=True, slots=True)
class Record:
    """One input record, or why it could not be read as one.

    ``source`` names it for a person (``corpus.jsonl:17``, 1-based line or
    row); ``value`` is the decoded object, ``None`` when ``problem`` says why
    there is none.
    """

    source: str
    position: int
    value: dict[str, Any] | None
    problem: str | None = None


def _is_input(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES)


def input_files(source: Path) -> list[Path]:
    """The files of the input: the file itself, or the corpus files of a folder."""
    if source.is_file():
        if not _is_input(source):
            raise InputError(
                f"{source}: not a corpus file; give .jsonl, .jsonl.gz or .parquet records "
                "(or a folder of them); for page text files use 'emendo repair'"
            )
        return [source]
    if source.is_dir():
        found = [p for p in source.iterdir() if p.is_file() and _is_input(p) and not p.name.startswith(".")]
        if not found:
            raise InputError(f"{source}: the folder holds no .jsonl, .jsonl.gz or .parquet files")
        return sorted(found, key=lambda p: natural_key(p.name))
    raise InputError(f"{source}: no such file or folder")


def read_records(files: Sequence[Path], columns: Sequence[str]) -> Iterator[Record]:
    """Every record of every file in order.

    ``columns`` are the fields needed, the text field first: Parquet reads
    only those, and a Parquet file without the text column is refused whole.
    """
    offset = 0
    for path in files:
        if path.name.endswith(PARQUET_SUFFIXES):
            yield from _parquet_records(path, columns, offset)
        else:
            yield from _jsonl_records(path, offset)
        offset += path.stat().st_size


def _decode_line(line: bytes, source: str, position: int) -> Record:
    try:
        value = json.loads(line)
    except UnicodeDecodeError as err:
        return Record(source, position, None, f"not UTF-8 text (byte {err.start} of the line)")
    except (ValueError, RecursionError) as err:
        return Record(source, position, None, f"not a JSON record ({err})")
    if not isinstance(value, dict):
        return Record(source, position, None, f"a JSON {type(value).__name__}, not an object with fields")
    return Record(source, position, value)


def _jsonl_records(path: Path, offset: int) -> Iterator[Record]:
    """Records of a JSON Lines file (gzip when the name ends in ``.gz``); blank lines are no records."""
    with path.open("rb") as raw:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.endswith(".gz") else raw
        number = 0
        consumed = 0
        try:
            for line in stream:
                number += 1
                consumed = raw.tell() if stream is not raw else consumed + len(line)
                if line.strip():
                    yield _decode_line(line, f"{path.name}:{number}", offset + consumed)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(
                f"{path}: reading breaks off after line {number} ({err}); "
                "repair the file, then run the same command again to go on"
            ) from None


def _parquet_records(path: Path, columns: Sequence[str], offset: int) -> Iterator[Record]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("reading Parquet", "parquet", "pyarrow") from None
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        raise InputError(f"{path}: not a readable Parquet file ({err})") from None
    names = parquet.schema_arrow.names
    if columns[0] not in names:
        raise InputError(f"{path}: no column {columns[0]!r} (it has {', '.join(names)}); pass --text-field")
    present = [c for c in columns if c in names]
    rows = max(parquet.metadata.num_rows, 1)
    size = path.stat().st_size
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=present):
            for value in batch.to_pylist():
                number += 1
                yield Record(f"{path.name}:{number}", offset + size * number // rows, value)
    except (pa.ArrowException, OSError) as err:
        raise InputError(f"{path}: the Parquet file breaks after row {number} ({err})") from None
