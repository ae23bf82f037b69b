"""Parse one reference string into CSL-JSON fields, the cited locator and labelled spans.

The caller hands over one reference with any signal phrase ("See", "Cf.")
already removed.  A trained CRF (python-crfsuite, the ``crf`` extra) labels
its tokens; when the extra or the model is missing, rules written for
Chicago notes do, and nothing is raised.  The labels then become a CSL item
(:mod:`emendo.apparatus.parser.csl`).

>>> ref = parse_reference("Ann Lee, Rivers of Iron (Oxford: Clarendon Press, 1990), 12.")
>>> ref.item["title"], ref.item["issued"], ref.locator, ref.short_form
('Rivers of Iron', {'date-parts': [[1990]]}, '12', False)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emendo.apparatus.parser.crf import BUNDLED_MODEL, load_tagger, tag_tokens
from emendo.apparatus.parser.csl import abbreviation_defined, build_reference
from emendo.apparatus.parser.fields import group_fields
from emendo.apparatus.parser.rules import rule_labels
from emendo.apparatus.parser.tokens import Token, tokenize
from emendo.errors import InputError


@dataclass(frozen=True)
class ParsedReference:
    """One parsed reference.

    ``item`` holds CSL-JSON variables (no ``id``): ``type``, ``author`` /
    ``editor`` / ``translator`` as ``{"family", "given"}`` or
    ``{"literal"}``, ``title``, ``container-title``, ``volume``, ``issue``,
    ``issued`` (``{"date-parts": [[y, m, d]]}``), ``publisher``,
    ``publisher-place``, ``page`` (an article's range), ``archive``,
    ``archive-place``, ``archive_location`` (the shelf mark),
    ``archive_collection``, ``edition``, ``collection-title``, ``note``,
    ``URL`` and so on.  ``locator`` is the cited pages (``"32, 119–20,
    122"``), which CSL keeps with the citation rather than the item.
    ``spans`` are ``(label, start, end)`` character spans of ``text`` for
    markup such as TEI ``<bibl>``; labels are the parser's (``author``,
    ``title``, ``container-title``, ``date``, ``locator``, ``archive``,
    ``archive_location``, ``hereafter``, ``ibid``, ...).  ``short_form`` is
    True for ``Ibid.``, ``Idem``, ``op. cit.`` and author/short-title
    references that point back to a fuller one.
    """

    text: str
    item: dict[str, Any]
    locator: str | None
    spans: tuple[tuple[str, int, int], ...]
    short_form: bool

    @property
    def hereafter(self) -> str | None:
        """The abbreviation this reference defines (``CAW`` from ``(hereafter CAW)``), if any."""
        for label, start, end in self.spans:
            if label == "hereafter":
                return abbreviation_defined(self.text[start:end]) or None
        return None


@dataclass(frozen=True)
class ReferenceParserConfig:
    """How references are labelled.

    ``use_model`` False forces the rules (tests, or a caller that wants no
    statistical model); ``model_path`` names another trained model.
    """

    model_path: Path = BUNDLED_MODEL
    use_model: bool = True


DEFAULT_CONFIG = ReferenceParserConfig()


def parse_reference(text: str, config: ReferenceParserConfig = DEFAULT_CONFIG) -> ParsedReference:
    """Parse one reference (signal phrase removed) into CSL fields, locator and spans.

    Raises :class:`InputError` only when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise InputError(
            f"a reference to parse must be text, not {type(text).__name__}; pass the note's string"
        )
    tokens = tokenize(text)
    fields = group_fields(tokens, label_tokens(tokens, config))
    parsed = build_reference(text, tokens, fields)
    spans = tuple((field.label, field.start, field.end) for field in fields)
    return ParsedReference(text, parsed.item, parsed.locator, spans, parsed.short_form)


def label_tokens(tokens: list[Token], config: ReferenceParserConfig = DEFAULT_CONFIG) -> list[str]:
    """One label per token: by the CRF when it can run, else by rule."""
    tagger = load_tagger(config.model_path) if config.use_model else None
    if tagger is None:
        return rule_labels(tokens)
    return tag_tokens(tagger, tokens)
