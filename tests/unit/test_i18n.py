"""The pages' Dutch catalogue: it holds every text the code and templates mark (and no other),
each translated, using no placeholder its English does not give; the templates draw Dutch from
it."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from kennisgraaf.api.html import Site, render
from kennisgraaf.api.i18n import read_catalogue, translate
from kennisgraaf.api.views import REUSED_PROPERTIES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def marked_texts() -> set[str]:
    """What `make messages` extracts, with the same mapping and keywords."""
    with (ROOT / "api" / "locale" / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)  # type: ignore[no-untyped-call]
    keywords = {**DEFAULT_KEYWORDS, "translate": (2,), "N_": None}
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map, keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def forms(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, tuple | list) else [str(value or "")]


def test_the_catalogue_holds_every_marked_text_and_no_other() -> None:
    catalogue = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_catalogue("nl") if m.id}
    marked = marked_texts()
    assert len(marked) > 100
    assert sorted(marked - catalogue) == []  # run `make messages` and translate
    assert sorted(catalogue - marked) == []


def test_every_text_is_translated_with_its_placeholders() -> None:
    for message in read_catalogue("nl"):
        if not message.id:
            continue
        ids = forms(message.id)
        strings = forms(message.string)
        assert all(strings) and not message.fuzzy, message.id
        for text in strings:
            # a translation may leave one out (English's "a"/"an"), never bring a new one
            assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(ids[0])), message.id
            assert PLACEHOLDER.findall(text) or not PLACEHOLDER.findall(ids[0]), message.id


def test_a_page_is_drawn_from_the_catalogue() -> None:
    site = Site("https://w3id.org/kennisgraaf/")
    for lang in ("nl", "en"):
        body = render(
            "not_found.html", site=site, lang=lang, title="x", iri="https://example.org/x"
        ).body
        html = bytes(body).decode()
        assert f'<html lang="{lang}">' in html
        heading = translate(lang, "Not found")
        assert f"<h1>{heading}</h1>" in html
    assert translate("nl", "Not found") != "Not found"
    assert translate("en", "Not found") == "Not found"


def test_reused_properties_read_in_english_as_their_local_names() -> None:
    for iri, label in REUSED_PROPERTIES.items():
        local = re.split(r"[#/]", iri)[-1]
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()
        assert label == words, iri
        assert translate("nl", label) != label, iri
