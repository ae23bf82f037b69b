"""``--explain``: the repairs as a table a person can read.

Invisible characters are shown by name so a line break or a displaced
combining mark can be seen in the table.
"""

from __future__ import annotations

import unicodedata

from emendo.model import Document, Repair

_VISIBLE = {
    "\n": "⏎",
    "\r": "␍",
    "\t": "⇥",
    "\f": "␌",
    " ": "·",
    "\u00ad": "[SHY]",
    "\u200b": "[ZWSP]",
    "\u2060": "[WJ]",
    "\ufeff": "[BOM]",
}


def visible(text: str, width: int = 28) -> str:
    """``text`` with whitespace and combining marks made visible, cut to ``width``.

    >>> visible("-\\n")
    '-⏎'
    >>> visible("o\\u0304")
    'o◌̄'
    """
    shown = "".join(_VISIBLE.get(ch, "◌" + ch if unicodedata.combining(ch) else ch) for ch in text) or "∅"
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _page_name(document: Document, repair: Repair) -> str:
    page = document.pages[repair.page]
    return str(page.number) if page.number is not None else f"#{page.index + 1}"


def explain(document: Document) -> str:
    """One row per repair: page, kind, before, after, confidence and reason."""
    header = ("page", "kind", "before", "after", "conf", "reason")
    rows = [
        (
            _page_name(document, r),
            r.kind + ("" if r.applied else " (held back)"),
            visible(r.before),
            visible(r.after),
            f"{r.confidence:.2f}",
            r.reason,
        )
        for r in document.repairs()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:5])]
        lines.append("  ".join([*cells, row[5]]).rstrip())
    applied = sum(r.applied for r in document.repairs())
    lines.append(f"{applied} repairs applied, {len(document.held_back)} held back")
    return "\n".join(lines) + "\n"
