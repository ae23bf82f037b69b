"""The document model: pages, lines, blocks, notes and the repairs behind them."""

from emendo.model.document import (
    Block,
    BlockType,
    Document,
    Line,
    Note,
    NoteRef,
    Page,
    RemovedLine,
    note_refs,
    rebuild_pages,
)
from emendo.model.tracked import Edit, Mark, Piece, Repair, TrackedText

__all__ = [
    "Block",
    "BlockType",
    "Document",
    "Edit",
    "Line",
    "Mark",
    "Note",
    "NoteRef",
    "Page",
    "Piece",
    "RemovedLine",
    "Repair",
    "TrackedText",
    "note_refs",
    "rebuild_pages",
]
