"""Whole-pipeline invariants over generated pages: nothing lost, JSON rebuilds, repair is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emendo.exporters.json import document_to_dict, rebuild_from_json
from emendo.model import rebuild_pages
from emendo.pipeline import repair_pages, repair_text
from emendo.readers import pages_from_texts

WORDS = st.sampled_from(
    "the of and to in a was that he it with for as on by at from his an were which had this "
    "treaty army minister officers condence dicult aairs inuence eld ght re our at "
    "Japanese-Polish Russo- self- pre- Muk- den Pravda newspaperPravdato ³ ² ⁴ 12 1904–05 "
    "“quoted” (aside) ; , . : Ë 129 émigré Toky ̄ ̄o Free download pdf "
    "e\x0bect o\x0ece \x0crst re\x0dected Sche\x0ber di˙erent ˛elds "
    "ﬁ rst o ﬃ ce signi ﬁ cant fi ve sta ﬀ".split(" ")
)


@st.composite
def damaged_pages(draw: st.DrawFn) -> list[str]:
    pages = []
    for _ in range(draw(st.integers(1, 3))):
        lines = [
            " ".join(draw(st.lists(WORDS, min_size=1, max_size=14))) for _ in range(draw(st.integers(1, 12)))
        ]
        separator = draw(st.sampled_from(["\n", "\n\n\n", "\r\n"]))
        text = separator.join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))
        pages.append(text)
    return pages


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pages())
def test_nothing_is_lost(pages: list[str]) -> None:
    document = repair_pages(pages_from_texts(pages))
    assert rebuild_pages(document) == pages
    assert rebuild_from_json(document_to_dict(document)) == pages


CLEAN = st.lists(
    st.sampled_from(
        "The minister wrote to the ambassador that the treaty of 1905 could not stand. "
        "Nobody in the capital expected war, and the officers of the fleet were confident. "
        "In the summer the first reports of unrest reached the government, which did nothing.".split(". ")
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=30, deadline=None)
@given(CLEAN)
def test_repairing_an_edition_again_changes_nothing(sentences: list[str]) -> None:
    text = ". ".join(sentences) + "."
    once = repair_text(text)
    twice = repair_text("\n\n".join(block.text for block in once.blocks))
    assert [b.text for b in twice.blocks] == [b.text for b in once.blocks]
    assert [r.kind for r in twice.repairs() if r.before.strip() or r.after.strip()] == []
