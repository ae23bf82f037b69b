"""Score a repaired edition against the truth of a simulation.

Recall asks, of every damage event, whether the repaired text has the clean
word there.  The clean text and the repaired text (blocks, then notes, each
joined by spaces) are aligned character by character with Levenshtein
opcodes; an event is *found* when every character of its clean word is
matched by an equal character and nothing was inserted inside the word.

So that one kind of damage does not count against another, each kind is
judged in its own *view* of both texts:

- ``letters`` (ligatures, accents): spaces, hyphens and superscript digits
  dropped, so only the letters of the word matter;
- ``joins`` (line-break hyphens, compounds, dashes, lost spaces): ligature
  letter runs (``ffi ffl ff fi fl``), any other ``f`` (the half of a pair
  a line break split), accents and superscript digits dropped, so what
  matters is where words join, split or keep their hyphen.  A lost space is
  found when the clean space between its two words, and the letters on
  either side of it, are matched.

Precision asks, of every repair emendo made of a kind (``Document.repairs()``
sorted by what the repair does, not by its name: it inserts ligature letters,
resolves a line-end hyphen, inserts a space, or removes displaced accents),
whether it stands on a damage event of that kind (its span in the page text
meets the event's) and that event was found.  A repair that stands on no
event is a wrong change.

Footnote markers are scored on the note references: a reference is right
when its number is one the truth has, a note of that number exists, and it
follows the right clean word (when that word was repaired well enough to
tell).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from rapidfuzz.distance import Levenshtein

from emendo.layout.assemble import COMPOUND_HYPHEN, HYPHEN_JOIN, LAYOUT, LINE_JOIN
from emendo.model import Document, Repair
from emendo.simulate.damage import LIGATURE_SEQUENCE
from emendo.simulate.truth import DamageEvent, Part, Simulation
from emendo.words.splits import SPLIT_WORD

CATEGORIES: dict[str, tuple[str, ...]] = {
    "ligature": ("ligature",),
    "hyphen": ("hyphen", "compound"),
    "compound": ("compound",),
    "dash": ("dash",),
    "space": ("italic_space", "marker_space", "tight_space"),
    "italic_space": ("italic_space",),
    "marker_space": ("marker_space",),
    "tight_space": ("tight_space",),
    "accent": ("accent",),
    "split": ("stray_space",),
}
"""Reported categories and the event kinds each covers (``hyphen`` is every
line-end hyphen, dictionary breaks and compounds together)."""

# The rest are subsets, or have no repair of their own.
_CLAIMED = ("ligature", "hyphen", "space", "accent", "split")
_EXAMPLED = ("ligature", "hyphen", "dash", "space", "accent", "split")
# Layout's repairs that join lines: a space they put between lines is no lost space restored.
_LINE_JOINS = frozenset({LINE_JOIN, HYPHEN_JOIN, COMPOUND_HYPHEN, LAYOUT})
_VIEW_OF = {"ligature": "letters", "accent": "letters"}
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_PARTS: tuple[Part, ...] = ("body", "note")
# An accent off its letter: a combining mark after a non-letter, or a spacing accent.
_DISPLACED = re.compile(r"(?<![^\W\d_])[\u0300-\u036f]|[\u00a8\u00af\u00b4\u02c6\u02c7\u02d8-\u02dd]")
_CONTEXT = 40


@dataclass(frozen=True)
class Tally:
    """Counts behind a precision and a recall."""

    events: int = 0
    found: int = 0
    claims: int = 0
    right: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.events + other.events,
            self.found + other.found,
            self.claims + other.claims,
            self.right + other.right,
        )

    @property
    def recall(self) -> float | None:
        return self.found / self.events if self.events else None

    @property
    def precision(self) -> float | None:
        return self.right / self.claims if self.claims else None


@dataclass(frozen=True)
class Example:
    """A failure to show a person: a missed event or a wrong repair."""

    category: str
    problem: str
    clean: str
    damaged: str
    repaired: str


@dataclass
class Score:
    """Per-category tallies, markers, word errors before and after, and failures."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    markers: Tally = field(default_factory=Tally)
    words: int = 0
    errors_before: int = 0
    errors_after: int = 0
    examples: list[Example] = field(default_factory=list)

    def __add__(self, other: Score) -> Score:
        names = dict.fromkeys([*self.tallies, *other.tallies])
        return Score(
            {name: self.tallies.get(name, Tally()) + other.tallies.get(name, Tally()) for name in names},
            self.markers + other.markers,
            self.words + other.words,
            self.errors_before + other.errors_before,
            self.errors_after + other.errors_after,
            self.examples + other.examples,
        )

    @property
    def wer_before(self) -> float:
        return self.errors_before / self.words if self.words else 0.0

    @property
    def wer_after(self) -> float:
        return self.errors_after / self.words if self.words else 0.0


@dataclass(frozen=True)
class Harm:
    """Changes made to undamaged text: every one is wrong."""

    words: int = 0
    changes: int = 0
    examples: tuple[Example, ...] = ()

    def __add__(self, other: Harm) -> Harm:
        return Harm(self.words + other.words, self.changes + other.changes, self.examples + other.examples)

    @property
    def per_10k(self) -> float:
        return 10_000 * self.changes / self.words if self.words else 0.0


def score(sim: Simulation, document: Document) -> Score:
    """How well ``document`` (emendo's repair of ``sim.pages``) undid the simulated damage."""
    texts = {part: _Texts.of(sim, document, part) for part in _PARTS}
    outcome = {id(event): texts[event.part].found(event) for event in sim.events}
    claims = _claims(document.repairs())
    tallies: dict[str, Tally] = {}
    examples: list[Example] = []
    for category, kinds in CATEGORIES.items():
        events = [e for e in sim.events if e.kind in kinds]
        found = len([e for e in events if outcome[id(e)]])
        tally = Tally(len(events), found)
        mine = claims.get(category, [])
        right = [_stands_on(claim, events, outcome) for claim in mine]
        if category in _CLAIMED:
            tally = Tally(len(events), found, len(mine), right.count(True))
        if category in _EXAMPLED:
            examples.extend(
                Example(category, "missed", e.clean, e.damaged, texts[e.part].repaired_near(e))
                for e in events
                if not outcome[id(e)]
            )
            examples.extend(_wrong(category, mine, right, sim, events))
        tallies[category] = tally
    words = sum(len(t.clean_words) for t in texts.values())
    before = sum(Levenshtein.distance(sim.damaged_words(p), t.clean_words) for p, t in texts.items())
    after = sum(Levenshtein.distance(t.repaired_words, t.clean_words) for t in texts.values())
    markers = _markers(sim, document, texts["body"])
    return Score(tallies, markers, words, before, after, examples)


def harm(sim: Simulation, document: Document) -> Harm:
    """The word changes emendo made to undamaged pages (``DamageConfig.undamaged``)."""
    words = changes = 0
    examples: list[Example] = []
    for part in _PARTS:
        texts = _Texts.of(sim, document, part)
        clean, repaired = texts.clean_words, texts.repaired_words
        words += len(clean)
        changes += Levenshtein.distance(repaired, clean)
        for op in Levenshtein.opcodes(clean, repaired):
            if op.tag != "equal":
                left = max(op.src_start - 3, 0)
                examples.append(
                    Example(
                        "harm",
                        "changed",
                        " ".join(clean[left : op.src_end + 3]),
                        "",
                        " ".join(repaired[max(op.dest_start - 3, 0) : op.dest_end + 3]),
                    )
                )
    return Harm(words, changes, tuple(examples))


@dataclass(frozen=True)
class _View:
    """One view of a text: the kept characters and where each original one went."""

    text: str
    position: tuple[int, ...]  # original index -> view index, -1 when dropped

    @classmethod
    def of(cls, text: str, view: str) -> _View:
        """``letters``: no spaces, hyphens, markers or displaced accents; ``joins``:
        no ligature letters, markers or accents, spaces collapsed."""
        kept: list[str] = []
        position: list[int] = []
        ligatures = {i for m in LIGATURE_SEQUENCE.finditer(text) for i in range(m.start(), m.end())}
        for i in range(len(text)):
            shown = _letters_char(text, i) if view == "letters" else _joins_char(text, i, ligatures)
            if not shown or (shown == " " and kept and kept[-1] == " "):
                position.append(-1)
            else:
                position.append(len(kept))
                kept.append(shown)
        return cls("".join(kept), tuple(position))


def _letters_char(text: str, i: int) -> str:
    ch = text[i]
    if ch in _SUPERSCRIPTS or ch in " -" or (unicodedata.combining(ch) and not text[i - 1 : i].isalpha()):
        return ""
    return ch


def _joins_char(text: str, i: int, ligatures: set[int]) -> str:
    ch = text[i]
    if (
        i in ligatures
        or ch == "f"  # what is left of a pair split by a line end ("dif-" + "cult")
        or ch in _SUPERSCRIPTS
        or (ch == " " and unicodedata.combining(text[i + 1 : i + 2] or "x"))
    ):
        return ""
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Alignment:
    """Which view characters of the clean text a repaired text matches."""

    clean: _View
    equal: tuple[bool, ...]  # per clean view character
    inserted: tuple[bool, ...]  # per clean view position: something inserted just before it

    @classmethod
    def of(cls, clean: str, repaired: str, view: str) -> _Alignment:
        clean_view, repaired_view = _View.of(clean, view), _View.of(repaired, view)
        equal = [False] * len(clean_view.text)
        inserted = [False] * (len(clean_view.text) + 1)
        for op in Levenshtein.opcodes(clean_view.text, repaired_view.text):
            if op.tag == "equal":
                equal[op.src_start : op.src_end] = [True] * (op.src_end - op.src_start)
            elif op.tag == "insert":
                inserted[op.src_start] = True
        return cls(clean_view, tuple(equal), tuple(inserted))

    def intact(self, start: int, end: int) -> bool:
        """Whether clean characters ``start:end`` came through, with nothing inserted inside."""
        kept = [p for p in self.clean.position[start:end] if p >= 0]
        return all(self.equal[p] for p in kept) and not any(self.inserted[p] for p in kept[1:])


@dataclass(frozen=True)
class _Texts:
    """The clean and repaired text of one part (body or notes), and their alignments."""

    clean: str
    word_starts: tuple[tuple[int, ...], ...]  # per passage: clean offset of each word
    first_word: tuple[int, ...]  # per passage: index of its first word among all clean words
    clean_words: list[str]
    repaired_words: list[str]
    views: dict[str, _Alignment]
    word_ops: tuple[tuple[str, int, int, int, int], ...]  # word alignment, clean to repaired

    @classmethod
    def of(cls, sim: Simulation, document: Document, part: Part) -> _Texts:
        passages = [b.text for b in sim.blocks] if part == "body" else [n.text for n in sim.notes]
        repaired = [b.text for b in document.blocks] if part == "body" else [n.text for n in document.notes]
        clean = " ".join(passages)
        starts: list[tuple[int, ...]] = []
        offset = 0
        for passage in passages:
            starts.append(tuple(offset + m.start() for m in re.finditer(r"\S+", passage)))
            offset += len(passage) + 1
        repaired_text = unicodedata.normalize("NFC", " ".join(" ".join(repaired).split()))
        views = {view: _Alignment.of(clean, repaired_text, view) for view in ("letters", "joins")}
        clean_words, repaired_words = clean.split(), repaired_text.split()
        first = tuple(accumulate((len(s) for s in starts[:-1]), initial=0))
        ops = tuple(
            (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Levenshtein.opcodes(clean_words, repaired_words)
        )
        return cls(clean, tuple(starts), first, clean_words, repaired_words, views, ops)

    def word_range(self, event: DamageEvent) -> tuple[int, int]:
        starts = self.word_starts[event.passage]
        last = event.token + event.tokens - 1
        end = self.clean.find(" ", starts[last])
        return starts[event.token], len(self.clean) if end < 0 else end

    def found(self, event: DamageEvent) -> bool:
        start, end = self.word_range(event)
        alignment = self.views[_VIEW_OF.get(event.kind, "joins")]
        if event.kind in CATEGORIES["space"]:
            space = self.word_starts[event.passage][event.token + 1] - 1
            return alignment.intact(space - 1, space + 2)  # the space and the letters it parts
        return alignment.intact(start, end)

    def repaired_near(self, event: DamageEvent) -> str:
        """The repaired words aligned with the event's clean words, for a person to read."""
        first = self.first_word[event.passage] + event.token
        last = first + event.tokens
        for tag, src_start, src_end, dest_start, dest_end in self.word_ops:
            if src_start <= first < max(src_end, src_start + 1):
                if tag == "equal":
                    shift = dest_start - src_start
                    return " ".join(self.repaired_words[first + shift : last + shift])
                return " ".join(self.repaired_words[dest_start:dest_end])
        return ""


def _claims(repairs: Iterable[Repair]) -> dict[str, list[Repair]]:
    """Applied repairs sorted by what they do (one repair may do several things)."""
    claims: dict[str, list[Repair]] = {}
    for repair in repairs:
        if repair.applied:
            for category in _what_it_does(repair):
                claims.setdefault(category, []).append(repair)
    return claims


def _what_it_does(repair: Repair) -> list[str]:
    """The kinds of change a repair makes, read from its before and after.

    >>> _what_it_does(Repair("x", 0, 3, 3, "", "fi", "lost ligature"))
    ['ligature']
    >>> _what_it_does(Repair("x", 0, 9, 11, "-\\n", "", "line-break hyphen"))
    ['hyphen']
    >>> _what_it_does(Repair("x", 0, 9, 9, "", " ", "lost space"))
    ['space']
    >>> [_what_it_does(Repair("x", 0, 3, 4, b, a, "")) for b, a in [("˛", "fi"), (" ̄o", "ō")]]
    [['ligature'], ['accent']]
    """
    before, after = repair.before, repair.after
    kinds: list[str] = []
    if len(LIGATURE_SEQUENCE.findall(after)) > len(LIGATURE_SEQUENCE.findall(before)):
        kinds.append("ligature")
    if repair.kind in (HYPHEN_JOIN, COMPOUND_HYPHEN) or re.search(r"-\s*\n", before):
        kinds.append("hyphen")
    if after.count(" ") > sum(ch.isspace() for ch in before) and repair.kind not in _LINE_JOINS:
        kinds.append("space")
    if _displaced(before) > _displaced(after) and "ligature" not in kinds:
        kinds.append("accent")  # an accent read as the ligature it stood for is a ligature repair
    if repair.kind == SPLIT_WORD:
        kinds.append("split")
    return kinds


def _displaced(text: str) -> int:
    return len(_DISPLACED.findall(unicodedata.normalize("NFD", text)))


def _touches(repair: Repair, event: DamageEvent) -> bool:
    return any(s.page == repair.page and repair.start <= s.end and s.start <= repair.end for s in event.spans)


def _stands_on(repair: Repair, events: Sequence[DamageEvent], outcome: dict[int, bool]) -> bool:
    """Whether the repair meets events of its kind only, all found."""
    met = [e for e in events if _touches(repair, e)]
    return bool(met) and all(outcome[id(e)] for e in met)


def _wrong(
    category: str,
    claims: Sequence[Repair],
    verdicts: Sequence[bool],
    sim: Simulation,
    events: Sequence[DamageEvent],
) -> Iterable[Example]:
    """Repairs that stood on no event of their kind (events found wrongly are listed as missed)."""
    for repair, ok in zip(claims, verdicts, strict=True):
        if ok or any(_touches(repair, e) for e in events):
            continue
        page = sim.pages[repair.page]
        left = page[max(repair.start - _CONTEXT, 0) : repair.start]
        right = page[repair.end : repair.end + _CONTEXT]
        context = f"{left}⟦{repair.before}→{repair.after}⟧{right}".replace("\n", "⏎")
        yield Example(category, "wrong", context, repair.before, repair.after)


def _markers(sim: Simulation, document: Document, body: _Texts) -> Tally:
    """Note references against the truth's markers (number and the word they follow)."""
    truth = {e.note: e for e in sim.events_of("marker") if e.part == "body" and e.note is not None}
    notes = {note.number for note in document.notes}
    token_of = _token_map(body)
    offset = 0
    right = claims = 0
    matched: set[int] = set()
    for block in document.blocks:
        text = block.text
        for ref in block.note_refs:
            claims += 1
            event = truth.get(ref.number)
            if event is None or ref.number not in notes or ref.number in matched:
                continue
            words_before = len(text[: ref.offset].split())
            clean_index = token_of.get(offset + words_before - 1)
            expected = body.first_word[event.passage] + event.token
            if clean_index is None or clean_index == expected:
                right += 1
                matched.add(ref.number)
        offset += len(text.split())
    return Tally(len(truth), len(matched), claims, right)


def _token_map(texts: _Texts) -> dict[int, int]:
    """Repaired word index -> clean word index, for words repaired exactly."""
    mapping: dict[int, int] = {}
    for tag, src_start, _, dest_start, dest_end in texts.word_ops:
        if tag == "equal":
            for k in range(dest_end - dest_start):
                mapping[dest_start + k] = src_start + k
    return mapping
