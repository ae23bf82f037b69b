"""``emendo cite``: pages in, CSL-JSON or BibTeX out, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from emendo.cli import cli, main
from emendo.exporters.csl import schema

#: Two invented pages as a PDF extractor gives them: running heads, superscript markers, notes below.
PAGE_57 = (
    "The Northern Yards 57\n"
    "The northern yards grew quickly after the war, and their owners kept careful\n"
    "ledgers of every ship that left the river.¹ The ledgers survive in two archives\n"
    "and were read closely by later historians.² Both sets agree on the main points.\n"
    "1 Ann Lee, Rivers of Iron: Trade in the North (Oxford: Clio Press, 1990), 12.\n"
    "2 Ibid., 45; see also Central Naval Archive, Portsmouth (hereafter CNA), box 12, file 3.\n"
)
PAGE_58 = (
    "58 The Northern Yards\n"
    "Later writers agreed with this account of the trade and its ledgers.³ Some of\n"
    "them cited the files at length.⁴ Others did not.\n"
    "3 Lee, Rivers of Iron, 30.\n"
    "4 CNA, box 14, file 1; XKRA, f. 4, op. 2, d. 7.\n"
)


@pytest.fixture
def pages(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "p57.txt", tmp_path / "p58.txt"]
    for path, text in zip(paths, (PAGE_57, PAGE_58), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


def test_csl_output_validates_and_lists_places(pages: list[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = CliRunner().invoke(cli, ["cite", *pages, "--format", "csl"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    jsonschema.Draft3Validator(schema()).validate(items)
    book = next(i for i in items if i["id"] == "lee1990rivers")
    assert book["note"] == "Cited: p. 57, n. 1, 12; p. 57, n. 2, 45; p. 58, n. 3, 30"
    archival = [i for i in items if i["type"] == "manuscript"]
    assert {i.get("archive") for i in archival} == {"Central Naval Archive", "XKRA"}


def test_bibtex_to_a_file(pages: list[str], tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = CliRunner().invoke(cli, ["cite", *pages, "-f", "bibtex", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "@book{lee1990rivers," in text and "  annote = {Cited: p. 57, n. 1, 12;" in text
    assert result.output == ""


def test_missing_input_is_one_line_and_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["cite", str(tmp_path / "absent.txt")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("emendo: ") and err.count("\n") == 1


def test_unknown_format_is_refused(pages: list[str]) -> None:
    result = CliRunner().invoke(cli, ["cite", *pages, "--format", "ris"])
    assert result.exit_code == 2 and "ris" in result.output
