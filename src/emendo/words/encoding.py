"""Character-level damage: mojibake and ligature code points.

Both are rare and both are found by one compiled pattern, so clean text pays
one scan and nothing more.
"""

from __future__ import annotations

import re

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.ligatures import LIGATURE_GLYPH_RE, LIGATURE_GLYPHS

# UTF-8 read as Windows-1252 turns every accented letter into a lead byte
# (Â..ß before one continuation byte, à..ï before two, ð..ô before three)
# followed by continuation bytes, 0x80..0xBF, shown as Latin-1 or as the
# punctuation Windows-1252 puts there.  Nothing else is handed to ftfy, so
# typographic text (``Café’s``) never pays for it.
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_MOJIBAKE_HINT = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)
_CHUNK = re.compile(r"\S+")


def fix_mojibake(text: str, context: TextContext | None = None) -> Changes:
    """Undo text that was UTF-8 decoded as Windows-1252 or Latin-1 (``Ã©`` → ``é``), word by word.

    Only words that carry the telltale byte pairs go to ``ftfy.fix_encoding``,
    which then decides; typographic quotes and dashes that are meant stay.

    >>> [(e.start, e.end, e.after) for e in fix_mojibake("the Ã©migrÃ© press").edits]
    [(4, 12, 'émigré')]
    >>> fix_mojibake("the émigré press, Café’s").edits
    ()
    >>> [e.after for e in fix_mojibake("donâ€™t").edits]
    ['don’t']
    """
    if not _MOJIBAKE_HINT.search(text):
        return Changes()
    import ftfy

    edits = []
    for chunk in _CHUNK.finditer(text):
        word = chunk.group()
        if _MOJIBAKE_HINT.search(word):
            fixed = ftfy.fix_encoding(word)
            if fixed != word:
                edits.append(
                    Edit(
                        chunk.start(),
                        chunk.end(),
                        fixed,
                        "mojibake",
                        "UTF-8 text decoded as Windows-1252",
                        0.95,
                    )
                )
    return Changes(tuple(edits))


def expand_ligature_glyphs(text: str, context: TextContext | None = None) -> Changes:
    """Write ligature code points out as letters (``ﬁ`` → ``fi``), so that words can be found.

    >>> [(e.start, e.after) for e in expand_ligature_glyphs("o\\ufb03cial").edits]
    [(1, 'ffi')]
    """
    return Changes(
        tuple(
            Edit(
                m.start(),
                m.end(),
                LIGATURE_GLYPHS[m.group()],
                "ligature",
                "ligature code point written out",
                1.0,
            )
            for m in LIGATURE_GLYPH_RE.finditer(text)
        )
    )
