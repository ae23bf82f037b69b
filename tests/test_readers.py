"""Readers: pages from files, folders, form feeds and standard input; clear errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from emendo.errors import InputError
from emendo.readers import ReaderConfig, iter_pages


def _pages(*sources: str, config: ReaderConfig | None = None) -> list[str]:
    return [page.original for page in iter_pages(list(sources), config or ReaderConfig())]


def test_one_file_is_one_page(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("A line.\nAnother line.\n", encoding="utf-8")
    assert _pages(str(tmp_path / "p.txt")) == ["A line.\nAnother line.\n"]


def test_form_feeds_separate_pages_and_origins_name_them(tmp_path: Path) -> None:
    (tmp_path / "book.txt").write_text("one\n\ftwo\n\f", encoding="utf-8")
    pages = list(iter_pages([str(tmp_path / "book.txt")]))
    assert [p.original for p in pages] == ["one\n", "two\n"]
    assert [p.index for p in pages] == [0, 1]
    assert pages[1].origin.endswith("book.txt#2")


def test_folder_pages_come_in_natural_order(tmp_path: Path) -> None:
    for n in (10, 2, 1):
        (tmp_path / f"page{n}.txt").write_text(f"page {n}\n", encoding="utf-8")
    (tmp_path / ".hidden").write_text("not a page", encoding="utf-8")
    assert _pages(str(tmp_path)) == ["page 1\n", "page 2\n", "page 10\n"]


def test_several_files_are_consecutive_pages(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first\fsecond", encoding="utf-8")
    (tmp_path / "b.txt").write_text("third", encoding="utf-8")
    pages = list(iter_pages([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]))
    assert [(p.index, p.original) for p in pages] == [(0, "first"), (1, "second"), (2, "third")]


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Tōkyō\fpage two".encode())))
    assert _pages("-") == ["Tōkyō", "page two"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_mark_is_honoured(tmp_path: Path, encoding: str) -> None:
    data = "Tōkyō émigré".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "p.txt").write_bytes(data)
    assert _pages(str(tmp_path / "p.txt")) == ["Tōkyō émigré"]


def test_encoding_option(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes("émigré “quoted”".encode("cp1252"))
    assert _pages(str(tmp_path / "p.txt"), config=ReaderConfig(encoding="cp1252")) == ["émigré “quoted”"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"", "empty"),
        (b"  \n\n \t", "empty"),
        ("émigré".encode("latin-1"), "--encoding"),
        ("UTF-16 without its byte-order mark".encode("utf-16-le"), "binary file"),
    ],
)
def test_bad_input_says_what_to_do(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        _pages(str(path))


def test_enormous_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="emendo batch"):
        _pages(str(tmp_path / "big.txt"), config=ReaderConfig(max_bytes=100))


def test_unknown_encoding_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("text", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        _pages(str(tmp_path / "p.txt"), config=ReaderConfig(encoding="no-such-codec"))
    with pytest.raises(InputError, match="no such file"):
        _pages(str(tmp_path / "missing.txt"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no files"):
        _pages(str(tmp_path / "empty"))


def test_a_nul_inside_a_word_is_text_not_binary(tmp_path: Path) -> None:
    """Some extractors write NUL for a ligature glyph they cannot map: the words repair reads it."""
    (tmp_path / "p.txt").write_bytes(b"The di\x00cult o\x00ce of the \x00rst minister.")
    assert _pages(str(tmp_path / "p.txt")) == ["The di\x00cult o\x00ce of the \x00rst minister."]
