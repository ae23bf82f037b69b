"""What a word repair receives and returns.

Every repair is a pure function ``(text, context) -> Changes``: it reads the
current text of one block or note and proposes edits in that text's
coordinates; :func:`emendo.words.repair.repair_words` applies them through
:meth:`~emendo.model.TrackedText.edit`, so that each becomes a recorded repair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from emendo.model import Edit

if TYPE_CHECKING:
    from emendo.words.profile import DocumentProfile


@dataclass(frozen=True)
class TextContext:
    """What a repair may know beyond the text itself.

    ``note_refs`` holds the offsets where layout took a footnote marker out:
    a space lost there (``flexible.³Five``) is no italic boundary.
    """

    profile: DocumentProfile
    note_refs: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Changes:
    """The edits a repair proposes, and the spans it found to be italic."""

    edits: tuple[Edit, ...] = ()
    italics: tuple[tuple[int, int], ...] = ()


class WordRepair(NamedTuple):
    """One registered repair: its name, what it does, and the function."""

    name: str
    summary: str
    apply: Callable[[str, TextContext], Changes]


def edited(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` (in order, not overlapping) applied: what a profile reads before it counts.

    >>> edited("the fi rst", [Edit(6, 7, "", "space", "")])
    'the first'
    """
    pieces: list[str] = []
    at = 0
    for edit in edits:
        pieces += (text[at : edit.start], edit.after)
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)
