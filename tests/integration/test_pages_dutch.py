"""The pages in Dutch: `?lang=nl` or Accept-Language chooses, every interface text comes from the
Dutch catalogue (no English text of the catalogue is left on a Dutch page), and resources without
a name of their own are shown by a readable one, never by their key."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

from kennisgraaf.api.i18n import read_catalogue
from kennisgraaf.ontology.files import ontology_graph
from tests.integration.test_pages import pages, parse  # noqa: F401 (the module's fixture)

HTML = {"Accept": "text/html"}
PAGES = [
    "/",
    "/search",
    "/search?q=lezen",
    "/search?q=zzzzqq",
    "/id/question/q01",
    "/id/question/q09",
    "/id/study/doi/10.5555/kg-sample.s01",
    "/id/product/p01",
    "/id/person/iris-bos",
    "/id/organisation/obs-de-lindenhof",
    "/dataset",
    "/def/sector",
]
KEY = re.compile(r"^(articulation|creation|organising|sharing|use|membership)/")


class Text(HTMLParser):
    """What a reader sees: the text outside tags, and the attributes read aloud or shown."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts += [v or "" for k, v in attrs if k in ("placeholder", "aria-label", "alt")]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    found = Text()
    found.feed(html)
    return re.sub(r"\s+", " ", " ".join(found.parts))


def english_fragments() -> dict[str, str]:
    """Each catalogue text the Dutch differs from, as the pieces a page shows between its
    placeholders and tags (two words or more: a single word may be data's as well)."""
    pieces = {}
    for message in read_catalogue("nl"):
        if not message.id:
            continue
        strings = forms(message.string)
        for english in forms(message.id):
            if english in strings:
                continue
            for piece in re.split(r"%\(\w+\)[sd]|<[^>]+>", english):
                piece = piece.strip(" .:,()")
                if " " in piece:
                    pieces[piece] = english
    return pieces


def forms(value: object) -> list[str]:
    """A catalogue entry's id or translation as a list: one text, or singular and plural."""
    return [str(v) for v in value] if isinstance(value, tuple | list) else [str(value or "")]


def get(client: TestClient, path: str, **headers: str) -> str:
    response = client.get(path, headers={**HTML, **headers})
    assert response.status_code == 200, (path, response.status_code)
    text: str = response.text
    return text


@pytest.mark.parametrize("path", PAGES)
def test_a_dutch_page_has_no_english_interface_text(
    pages: TestClient,  # noqa: F811
    path: str,
) -> None:
    sep = "&" if "?" in path else "?"
    html = get(pages, path + sep + "lang=nl")
    assert '<html lang="nl">' in html
    text = visible(html)
    left = sorted(piece for piece in english_fragments() if piece in text)
    assert left == []
    english = visible(get(pages, path + sep + "lang=en"))
    assert text != english  # the same page, its interface translated


def test_accept_language_chooses_and_vary_says_so(pages: TestClient) -> None:  # noqa: F811
    response = pages.get("/id/question/q01", headers={**HTML, "Accept-Language": "en;q=0.5, nl"})
    assert '<html lang="nl">' in response.text
    assert "Spoor door de kenniscyclus" in response.text  # the catalogue's Dutch
    vary = {v.strip().lower() for v in response.headers["vary"].split(",")}
    assert {"accept", "accept-language"} <= vary
    english = pages.get("/id/question/q01?lang=en", headers={**HTML, "Accept-Language": "nl"})
    assert '<html lang="en">' in english.text
    assert "Trace through the knowledge cycle" in english.text


def test_stage_names_follow_the_page_language(pages: TestClient) -> None:  # noqa: F811
    html = get(pages, "/?lang=nl")
    rows = [line.strip() for line in html.splitlines() if line.strip().startswith("<tr><td>")]
    assert rows[0].startswith("<tr><td>Vraagarticulatie</td>")  # vocabularies.ttl's nl label
    assert "Van vraagarticulatie tot eerste benutting: 932 dagen." in get(
        pages, "/id/question/q01?lang=nl"
    )


def articulation_name(sample: Graph, lang: str) -> str:
    """What the person page should call articulation:q01, from the data and ontology files."""
    articulation = URIRef("https://w3id.org/kennisgraaf/id/articulation/q01")
    question = URIRef("https://w3id.org/kennisgraaf/id/question/q01")
    date = sample.value(articulation, URIRef("http://purl.org/dc/terms/date"))
    text = next(
        str(o)
        for o in sample.objects(question, URIRef("https://w3id.org/kennisgraaf/def#questionText"))
        if isinstance(o, Literal) and o.language == lang
    )
    cls = URIRef("https://w3id.org/kennisgraaf/def#QuestionArticulation")
    label = next(
        str(o)
        for o in ontology_graph().objects(cls, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        if isinstance(o, Literal) and o.language == lang
    )
    if len(text) > 80:
        text = text[:79].rstrip() + "…"
    return f"{label.capitalize()} {date}: {text}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_people_pages_name_activities_not_keys(
    pages: TestClient,  # noqa: F811
    ld_graph: Graph,
    lang: str,
) -> None:
    html = get(pages, f"/id/person/iris-bos?lang={lang}")
    found = parse(html)
    links = [(a["href"], a.get("title", "")) for tag, a in found.tags if tag == "a" and "href" in a]
    assert ("/id/articulation/q01", "https://w3id.org/kennisgraaf/id/articulation/q01") in links
    anchor = re.search(r'<a href="/id/articulation/q01"[^>]*>([^<]*)</a>', html)
    assert anchor is not None
    assert anchor.group(1) == articulation_name(ld_graph, lang).replace('"', "&#34;")
    shown = [t.strip() for t in found.texts.get("a", [])]
    assert [t for t in shown if KEY.match(t)] == []
