"""Rendering HTML: one autoescaping Jinja environment, links from IRIs to local pages, and
headers that keep data from ever running as script."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from kennisgraaf.api.i18n import LANGUAGES, SOURCE_LANGUAGE, translations
from kennisgraaf.api.labels import ONTOLOGY_IRI
from kennisgraaf.api.security_headers import PAGE_CSP
from kennisgraaf.api.uploads import preferred_language
from kennisgraaf.graph.naming import KG
from kennisgraaf.links import safe_href as safe_href  # the link rule, shared with the report

CSP = PAGE_CSP
# The ontology documentation is also written as a standalone file, so it carries its own <style>
# element; it still loads and runs nothing.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


# Persistent-identifier services redirect their whole path to the publisher's server, which then
# sees only what follows the registered prefix.
REDIRECTORS = frozenset({"w3id.org", "purl.org", "purl.archive.org"})


def base_path(base_iri: str) -> str:
    """The URL path the app serves the base IRI's namespace under: the base's own path
    (`https://data.nro.nl/kg/` → `/kg`), or the root behind a redirector such as w3id.org."""
    parts = urlsplit(base_iri)
    if (parts.hostname or "").lower() in REDIRECTORS:
        return ""
    return parts.path.rstrip("/")


class Site:
    """Where things are: the base IRI, the path the app serves it under, and local links."""

    def __init__(self, base_iri: str, prefix: str | None = None) -> None:
        self.base_iri = base_iri
        self.prefix = base_path(base_iri) if prefix is None else prefix

    def path(self, local: str) -> str:
        return self.prefix + local

    def href(self, iri: str) -> str | None:
        """A link for an IRI: local pages for what this app serves, the IRI itself for other
        web resources, None for anything a browser should not follow (javascript:, data:…)."""
        # The model's terms first: the default base IRI is their namespace's parent.
        if iri.startswith(KG):
            return self.path("/def#kg-" + _safe(iri[len(KG) :]))
        if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "/"):
            return self.path("/def" + _safe(iri[len(ONTOLOGY_IRI) :]))
        if iri.startswith(self.base_iri):
            # One leading slash: "//host/…" would lead off this site.
            local = _safe(iri[len(self.base_iri) :])
            stripped = local.lstrip("/")
            return self.path("/" + "%2F" * (len(local) - len(stripped)) + stripped)
        return safe_href(iri)


def _safe(path: str) -> str:
    # Keep IRI characters readable; encode only what cannot stand in a URL path.
    return quote(path, safe="/:@!$&'()*+,;=-._~%#?")


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str = SOURCE_LANGUAGE) -> Environment:
    """The templates with the interface text in `lang` (Jinja's i18n extension over the
    language's gettext catalogue); one environment per language, so renders never share one."""
    env = Environment(
        loader=PackageLoader("kennisgraaf.api", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # a message's line breaks and indents are layout
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def render(
    template: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    csp: str = CSP,
    **context: Any,
) -> HTMLResponse:
    lang = context.get("lang", SOURCE_LANGUAGE)
    env = environment(lang if lang in LANGUAGES else SOURCE_LANGUAGE)
    html = env.get_template(template).render(**context)
    return page(html, status, headers, csp)


def page(
    html: str, status: int = 200, headers: dict[str, str] | None = None, csp: str = CSP
) -> HTMLResponse:
    all_headers = {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        **(headers or {}),
    }
    return HTMLResponse(html, status_code=status, headers=all_headers)


def page_lang(request: Request) -> str:
    """'nl' or 'en': `?lang=`, else the first of the two in Accept-Language by weight."""
    asked = request.query_params.get("lang", "").lower()
    if asked in ("nl", "en"):
        return asked
    return preferred_language(request)
