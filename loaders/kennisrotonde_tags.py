"""Free tags of Kennisrotonde records as open keywords, mapped to the curated themes where a
mapping is known.

A tag that is a theme's notation or label is that theme (kg:theme). Any other tag becomes a
keyword of the open scheme (``id/keyword/{slug}``): with a known mapping (:data:`TAG_THEMES`) it
is labelled (skos:prefLabel) and matched to its theme (skos:broadMatch or skos:closeMatch, and
the question gets the theme too); without one it keeps the source's text as skos:altLabel and no
preferred label yet, so the gate reports it as a Warning (an unknown tag, kept) — never a
Violation. A curator who labels the keyword later ends the warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kennisgraaf import identifiers
from kennisgraaf.loaders.record_conversion import RdfTriple
from kennisgraaf.ontology.concepts import concept_schemes

THEME = Namespace("https://w3id.org/kennisgraaf/def/theme/")
KEYWORDS = URIRef("https://w3id.org/kennisgraaf/def/keyword")

# Tags the Kennisrotonde uses often, grouped by the theme they fall under (broad: a narrower
# subject) or match (close: about the same subject).
_TAGS_BY_THEME: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # theme: (broad, close)
    "inclusive-education": (("gedrag",), ("passend onderwijs",)),
    "curriculum-and-pedagogy": (("lezen", "schrijven", "feedback"), ("rekenen", "didactiek")),
    "ict-personalised-learning": (("digitale middelen",), ()),
    "teacher-shortage": ((), ("lerarentekort",)),
    "equal-opportunities": ((), ("kansengelijkheid",)),
    "citizenship": ((), ("burgerschap",)),
    "professional-development": ((), ("professionalisering",)),
}
TAG_THEMES: dict[str, tuple[URIRef, URIRef]] = {  # tag: (skos:broadMatch or closeMatch, theme)
    tag: (match, THEME[theme])
    for theme, groups in _TAGS_BY_THEME.items()
    for match, tags in zip((SKOS.broadMatch, SKOS.closeMatch), groups, strict=True)
    for tag in tags
}


@dataclass(frozen=True)
class Tag:
    text: str
    theme: URIRef | None  # the curated theme it is or maps to
    keyword: bool  # kept as a keyword of the open scheme (a theme's own code is not)
    match: URIRef | None = None  # skos:broadMatch or skos:closeMatch, for a mapped keyword


def tag_of(given: str) -> Tag:
    """What one tag (or a value of ``themes``) is: a theme, a mapped keyword or an unknown one."""
    theme = concept_schemes()["theme"].lookup(given)
    if theme is not None:
        return Tag(given, theme, keyword=False)
    key = " ".join(given.casefold().split())
    mapped = TAG_THEMES.get(key)
    if mapped is not None:  # the table's spelling, so every record labels the keyword alike
        return Tag(key, mapped[1], keyword=True, match=mapped[0])
    return Tag(given, None, keyword=True)


def keyword_iri(tag: Tag, base: str) -> URIRef:
    return identifiers.mint_iri("keyword", identifiers.slugify(tag.text), base)


def keyword_triples(tag: Tag, base: str, lang: str) -> Iterator[RdfTriple]:
    keyword = keyword_iri(tag, base)
    yield keyword, RDF.type, SKOS.Concept
    yield keyword, SKOS.inScheme, KEYWORDS
    if tag.theme is None or tag.match is None:
        # Unknown: the text is kept, the missing preferred label is the gate's Warning.
        yield keyword, SKOS.altLabel, Literal(tag.text, lang=lang)
        return
    yield keyword, SKOS.prefLabel, Literal(tag.text, lang="nl")  # the table is Dutch
    yield keyword, tag.match, tag.theme
