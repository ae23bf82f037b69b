"""The whole repair, from pages to a document: read, lay out, repair words.

The command line, the batch engines and the web reader all call these two
functions; nothing else knows the order of the stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from emendo.layout import LayoutConfig, analyse_layout
from emendo.model import Document, Page
from emendo.readers import ReaderConfig, pages_from_texts
from emendo.words import WordsConfig, learn_profile, repair_words


@dataclass(frozen=True)
class PipelineConfig:
    """One config per layer, gathered; every field has a documented default."""

    reader: ReaderConfig = field(default_factory=ReaderConfig)
    layout: LayoutConfig = field(default_factory=LayoutConfig)
    words: WordsConfig = field(default_factory=WordsConfig)


def repair_pages(pages: Sequence[Page], config: PipelineConfig | None = None) -> Document:
    """Repair the pages of one document into an edition.

    The document's vocabulary and damage profile are learned once, over all
    pages, before any page is repaired, so that every page is judged alike.
    """
    config = config or PipelineConfig()
    profile = learn_profile(pages, config.words)
    document = analyse_layout(list(pages), config.layout, profile.hyphen_judge(), profile.printed_length)
    return repair_words(document, profile, config.words)


def repair_text(text: str, config: PipelineConfig | None = None) -> Document:
    """Repair page text held in memory; form feeds separate pages.

    >>> repair_text("A short page of text.").blocks[0].text
    'A short page of text.'
    """
    from emendo.readers.text import split_pages

    return repair_pages(pages_from_texts(split_pages(text)), config)
