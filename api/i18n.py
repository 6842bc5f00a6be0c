"""The pages' languages: English in the code and templates (the message ids), Dutch from the
gettext catalogue `locale/nl/LC_MESSAGES/pages.po`, compiled to the MO format the first time a
Dutch page is drawn (no compiled file is kept in the repository or written into the package).

Templates mark text with `_()` or `{% trans %}` (Jinja's i18n extension); Python code marks
text with `translate(lang, "…")`, or with `N_("…")` where it is kept for later and translated
when shown. `make messages` extracts every marked text into the catalogue (api/locale/babel.cfg)."""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib import resources
from io import BytesIO

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kennisgraaf.errors import KennisgraafError

LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "en"  # the language of the message ids
DOMAIN = "pages"


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Marks a text for the catalogue without translating it here."""
    return message


def catalogue_path(lang: str) -> str:
    return f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    """The language's .po file as Babel reads it; a file that cannot be read is an error
    naming it."""
    po = resources.files("kennisgraaf.api").joinpath(catalogue_path(lang))
    try:
        with po.open("rb") as f:
            return read_po(f, locale=lang, domain=DOMAIN)
    except (OSError, ValueError) as e:
        raise KennisgraafError(f"api/{catalogue_path(lang)}: cannot read the catalogue: {e}") from e


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; the source language and unknown ones translate
    nothing."""
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return gettext.NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, read_catalogue(lang), use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translate(lang: str, message: str) -> str:
    return translations(lang).gettext(message)
