"""The command line, in process: formats, --explain, eval, and clear errors for bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from emendo.cli import main
from emendo.exporters.json import rebuild_from_json, schema

EXAMPLES = Path(__file__).parents[1] / "examples"
PAGE = EXAMPLES / "damaged-page.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_markdown_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "repair", str(PAGE))
    assert status == 0
    assert out.startswith("<!-- page 47 -->\n\ncargoes that had once paid")
    assert "## 3.1 The Response of the Government" in out
    assert "decades.[^1] The crisis" in out
    assert "\n[^4]: See Maria Kowalska" in out
    assert "Ë" not in out


def test_json_follows_its_schema_and_rebuilds_the_original(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "repair", str(PAGE), "--format", "json", "--no-apparatus")
    assert status == 0
    edition = json.loads(out)
    jsonschema.validate(edition, schema())
    assert edition["pages"][0]["number"] == 47
    assert rebuild_from_json(edition) == [PAGE.read_text(encoding="utf-8")]
    assert [n["number"] for n in edition["notes"]] == [1, 2, 3, 4]


def test_text_output_and_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    status, out, _ = run(capsys, "repair", str(PAGE), "-f", "text", "-o", str(target))
    assert (status, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert "3.1 The Response of the Government\n\nThe ministry" in text
    assert "\nNotes\n\n1. Hans Peter Lindqvist" in text


def test_explain_lists_every_repair(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "repair", str(PAGE), "--explain")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["page", "kind", "before", "after"]
    assert any(line.split()[1] == "note-marker" for line in lines[1:-1])
    assert lines[-1].endswith("held back")


def test_min_confidence_holds_repairs_back(capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "repair", str(PAGE), "-f", "json", "--no-apparatus")
    _, cautious, _ = run(capsys, "repair", str(PAGE), "-f", "json", "--no-apparatus", "--min-confidence", "1")
    applied = [r for r in json.loads(everything)["repairs"] if r["applied"]]
    held = [r for r in json.loads(cautious)["repairs"] if not r["applied"]]
    assert held, "some repairs are less than certain"
    assert len(held) < len(applied)


def test_eval_reports_figures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(PAGE, tmp_path / "page.raw.txt")
    shutil.copy(EXAMPLES / "damaged-page.gold.json", tmp_path / "page.gold.json")
    status, out, _ = run(capsys, "eval", str(tmp_path / "page.gold.json"), "--json")
    assert status == 0
    figures = json.loads(out)["total"]
    assert figures["blocks"] == {"right": 4, "total": 4}
    assert figures["note_refs"] == {"right": 4, "total": 4}
    assert figures["page_numbers"] == {"right": 1, "total": 1}


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"\x00\x01\x02binary", "binary"), (b"", "empty"), ("é".encode("latin-1") * 5, "--encoding")],
)
def test_bad_input_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    status, out, err = run(capsys, "repair", str(path))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("emendo: ") and needle in err
    assert "Traceback" not in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "repair", str(PAGE), "--format", "docx")
    assert status == 2
    assert "docx" in err
