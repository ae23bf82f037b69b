"""Layout analysis: page furniture, headings, paragraphs, block quotes and footnotes.

:func:`analyse_layout` reads the original text of each page and builds the
edition's skeleton: it fills every page's ``lines`` (its non-blank lines; a
line's ``start``/``end`` bound its visible text, without the surrounding
spaces and the terminator; ``Block.lines`` and ``Note.lines`` refer to them
as ``(page index, line number)``), ``number``, ``running_head`` and
``removed`` furniture, and returns the document's blocks and notes as
tracked text in which every line join, marker and stretch of blank space is
a repair.  The word layer edits that text next.

Every page's share of a block or note ends in a repair (the line break
after it, or an empty ``layout`` repair where the page ends without one):
the JSON edition places verbatim text by the repairs around it.

Repair kinds made here: ``line-join``, ``hyphen-join``, ``compound-hyphen``
(line ends), ``note-marker`` (a footnote marker taken out; a zero-width
``note_ref`` mark keeps its place), ``note-number`` (a note's leading number),
``spacing`` (a run of spaces inside a line, from a column-preserving
extractor, shown as one) and ``layout`` (blank space between blocks, shown
as nothing).  Reasons for
removed lines: ``running-head``, ``page-number``, ``watermark``,
``title-line``, ``repeated-line``, ``rule-line`` (a drawn rule, such as the
one above the footnotes) and ``blank-page``.
"""

from emendo.layout.analyse import analyse_layout
from emendo.layout.config import LayoutConfig
from emendo.layout.joins import CaseHyphenJudge, HyphenJudge, HyphenVerdict

__all__ = ["CaseHyphenJudge", "HyphenJudge", "HyphenVerdict", "LayoutConfig", "analyse_layout"]
