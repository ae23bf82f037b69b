"""Exporters: the edition as JSON, Markdown, plain text, TEI, CSL-JSON and BibTeX."""
