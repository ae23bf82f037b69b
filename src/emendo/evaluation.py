"""Measure an edition against hand-corrected gold files.

The gold format is the one of the seed pages (see README): printed page
numbers and running heads, boilerplate lines, body blocks with types, note
references and fragment flags, footnotes, italics.  Word error rate is word
edit distance over the gold word count.  Structure is judged after aligning
the words, so a block's boundaries count as right even while words inside it
still differ.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from emendo.errors import InputError
from emendo.model import Document

FURNITURE_OF_THE_PAGE = frozenset({"running-head", "page-number"})


@dataclass
class Tally:
    """Right answers out of the gold's count."""

    right: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total

    def __str__(self) -> str:
        return f"{self.right}/{self.total}"


@dataclass
class Scores:
    """What one gold file (or all of them) measured."""

    name: str
    body_errors: int = 0
    body_words: int = 0
    note_errors: int = 0
    note_words: int = 0
    blocks: Tally = field(default_factory=Tally)
    block_texts: Tally = field(default_factory=Tally)
    notes: Tally = field(default_factory=Tally)
    note_refs: Tally = field(default_factory=Tally)
    extra_note_refs: int = 0
    page_numbers: Tally = field(default_factory=Tally)
    running_heads: Tally = field(default_factory=Tally)
    boilerplate: Tally = field(default_factory=Tally)
    extra_removed: int = 0
    italics: Tally = field(default_factory=Tally)

    @property
    def body_wer(self) -> float:
        return self.body_errors / self.body_words if self.body_words else 0.0

    @property
    def note_wer(self) -> float:
        return self.note_errors / self.note_words if self.note_words else 0.0

    def add(self, other: Scores) -> None:
        for f in fields(self):
            mine = getattr(self, f.name)
            if isinstance(mine, Tally):
                mine.add(getattr(other, f.name))
            elif isinstance(mine, int):
                setattr(self, f.name, mine + getattr(other, f.name))

    def perfect(self) -> bool:
        tallies = [getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), Tally)]
        return (
            self.body_errors == self.note_errors == self.extra_note_refs == self.extra_removed == 0
            and all(t.right == t.total for t in tallies)
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "body_wer": self.body_wer, "note_wer": self.note_wer}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = {"right": value.right, "total": value.total} if isinstance(value, Tally) else value
        return out


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def words(text: str) -> list[str]:
    """Words for the error rate: whitespace-separated, NFC.

    >>> words("Tōkyō  nichinichi")
    ['Tōkyō', 'nichinichi']
    """
    return _norm(text).split()


def _word_ranges(texts: Sequence[str]) -> tuple[list[str], list[tuple[int, int]]]:
    tokens: list[str] = []
    ranges = []
    for text in texts:
        start = len(tokens)
        tokens.extend(words(text))
        ranges.append((start, len(tokens)))
    return tokens, ranges


def _alignment(gold: list[str], ours: list[str]) -> tuple[int, list[int | None]]:
    """Word edit distance and, for each gold word, the index of its counterpart."""
    counterpart: list[int | None] = [None] * len(gold)
    for op in Levenshtein.opcodes(gold, ours):
        if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
            for k in range(op.src_end - op.src_start):
                counterpart[op.src_start + k] = op.dest_start + k
    return Levenshtein.distance(gold, ours), counterpart


def _matching_part(
    gold_range: tuple[int, int], counterpart: list[int | None], our_ranges: list[tuple[int, int]]
) -> int | None:
    """Index of our part whose boundaries align with the gold part's, if any."""
    start, end = gold_range
    if start == end:
        return None
    first, last = counterpart[start], counterpart[end - 1]
    if first is None or last is None:
        return None
    for index, (our_start, our_end) in enumerate(our_ranges):
        if our_start == first and our_end == last + 1:
            return index
    return None


def score(gold: dict[str, Any], document: Document, name: str = "") -> Scores:
    """Compare one repaired document with its gold."""
    scores = Scores(name or str(gold.get("id", "")))
    gold_blocks = gold.get("blocks", [])
    gold_tokens, gold_ranges = _word_ranges([b["text"] for b in gold_blocks])
    our_tokens, our_ranges = _word_ranges([b.text for b in document.blocks])
    scores.body_errors, counterpart = _alignment(gold_tokens, our_tokens)
    scores.body_words = len(gold_tokens)
    our_ref_count = sum(len(b.note_refs) for b in document.blocks)
    matched_refs = 0
    for gold_block, gold_range in zip(gold_blocks, gold_ranges, strict=True):
        scores.blocks.total += 1
        scores.block_texts.total += 1
        refs = list(gold_block.get("note_refs", []))
        scores.note_refs.total += len(refs)
        index = _matching_part(gold_range, counterpart, our_ranges)
        if index is None:
            continue
        ours = document.blocks[index]
        same_kind = ours.type.value == gold_block["type"] and (
            bool(gold_block.get("fragment_start")),
            bool(gold_block.get("fragment_end")),
        ) == (ours.fragment_start, ours.fragment_end)
        scores.blocks.right += same_kind
        scores.block_texts.right += _norm(ours.text) == _norm(gold_block["text"])
        found = Counter(r.number for r in ours.note_refs) & Counter(refs)
        matched_refs += sum(found.values())
    scores.note_refs.right = matched_refs
    scores.extra_note_refs = max(our_ref_count - matched_refs, 0) if gold_blocks else our_ref_count

    gold_notes = gold.get("notes", [])
    gold_note_tokens, gold_note_ranges = _word_ranges([n["text"] for n in gold_notes])
    our_note_tokens, our_note_ranges = _word_ranges([n.text for n in document.notes])
    scores.note_errors, note_counterpart = _alignment(gold_note_tokens, our_note_tokens)
    scores.note_words = len(gold_note_tokens)
    for gold_note, gold_range in zip(gold_notes, gold_note_ranges, strict=True):
        scores.notes.total += 1
        index = _matching_part(gold_range, note_counterpart, our_note_ranges)
        scores.notes.right += index is not None and document.notes[index].number == gold_note["number"]

    for page, gold_page in zip(document.pages, gold.get("pages", []), strict=False):
        scores.page_numbers.total += 1
        scores.page_numbers.right += page.number == gold_page.get("number")
        scores.running_heads.total += 1
        scores.running_heads.right += _norm(page.running_head or "") == _norm(
            gold_page.get("running_head") or ""
        )
    scores.page_numbers.total += max(len(gold.get("pages", [])) - len(document.pages), 0)

    removed = Counter(
        _norm(r.text) for p in document.pages for r in p.removed if r.reason not in FURNITURE_OF_THE_PAGE
    )
    wanted = Counter(_norm(line) for line in gold.get("boilerplate", []))
    scores.boilerplate = Tally(sum((removed & wanted).values()), sum(wanted.values()))
    scores.extra_removed = sum((removed - wanted).values())

    ours_italic = Counter(
        _norm(content.text[m.start : m.end])
        for content in document.texts()
        for m in content.marks_of("italic")
    )
    gold_italic = Counter(_norm(span) for span in gold.get("italics", []))
    scores.italics = Tally(sum((ours_italic & gold_italic).values()), sum(gold_italic.values()))
    return scores


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file, with a clear error when it is not one."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: not a readable gold JSON file ({err})") from None
    if not isinstance(data, dict) or "blocks" not in data:
        raise InputError(f"{path}: not a gold file (no 'blocks'); see the README for the gold format")
    return data


def raw_for(gold_path: Path) -> Path:
    """The raw page text that belongs to a gold file: NAME.gold.json → NAME.raw.txt (or .txt, .pdf)."""
    stem = gold_path.name.removesuffix(".json").removesuffix(".gold")
    for suffix in (".raw.txt", ".txt", ".pdf"):
        candidate = gold_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    raise InputError(
        f"{gold_path}: no raw text beside it (looked for {stem}.raw.txt, {stem}.txt, {stem}.pdf)"
    )


def format_scores(scores: Scores) -> str:
    """One readable line per measure."""
    return "\n".join(
        [
            f"{scores.name}",
            f"  body word error rate   {scores.body_wer:7.2%}  "
            f"({scores.body_errors}/{scores.body_words} words)",
            f"  note word error rate   {scores.note_wer:7.2%}  "
            f"({scores.note_errors}/{scores.note_words} words)",
            f"  blocks (type, bounds)  {scores.blocks}   exact text {scores.block_texts}",
            f"  notes (number, bounds) {scores.notes}",
            f"  note references        {scores.note_refs}   extra {scores.extra_note_refs}",
            f"  page numbers           {scores.page_numbers}",
            f"  running heads          {scores.running_heads}",
            f"  boilerplate removed    {scores.boilerplate}   extra {scores.extra_removed}",
            f"  italics                {scores.italics}",
        ]
    )
