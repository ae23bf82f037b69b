"""Readers: turn files, folders and standard input into pages."""

from emendo.readers.text import ReaderConfig, iter_pages, pages_from_texts

__all__ = ["ReaderConfig", "iter_pages", "pages_from_texts"]
