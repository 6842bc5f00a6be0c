"""A question's page in Dutch as a laptop (1366 px) and a phone (390 px) lay it out, in real
headless Chromium driven over the DevTools protocol: nothing is wider than the screen (the page
does not hide what overflows), the trace reads top to bottom on the phone, and a screenshot of
each width is kept under artifacts/ (git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.api.i18n import translate
from tests.browser.devtools import DevTools
from tests.browser.test_chromium import ARTIFACTS, server  # noqa: F401 (the module's fixture)

QUESTION = "/id/question/q01?lang=nl"
PHONE, LAPTOP = 390, 1366


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    tools = DevTools(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield tools
    finally:
        tools.close()


def shot(browser: DevTools, session: str, width: int) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"question-nl-{width}px.png"
    path.unlink(missing_ok=True)
    browser.screenshot(session, path)
    print(f"screenshot: {path}")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == width  # the PNG header's width
    assert len(data) > 20_000  # a drawn page, not a blank one
    return path


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_question_page_in_dutch_fits_the_screen(
    server: str,  # noqa: F811
    browser: DevTools,
    width: int,
) -> None:
    session = browser.open(server + QUESTION, width=width, height=844, mobile=width == PHONE)
    assert browser.evaluate(session, "document.documentElement.lang") == "nl"
    heading = browser.evaluate(session, "document.querySelector('section.trace h2').textContent")
    assert (
        heading
        == translate("nl", "Trace through the knowledge cycle")
        != "Trace through the knowledge cycle"
    )
    # An honest measure: neither the page nor its body clips what is too wide.
    assert browser.evaluate(
        session,
        "[document.documentElement, document.body].map(e => getComputedStyle(e).overflowX)",
    ) == ["visible", "visible"]
    assert browser.evaluate(session, "document.scrollingElement.scrollWidth") <= width
    assert browser.evaluate(session, "document.scrollingElement.clientWidth") == width
    shot(browser, session, width)


def test_the_trace_reads_top_to_bottom_on_a_phone(
    server: str,  # noqa: F811
    browser: DevTools,
) -> None:
    session = browser.open(server + QUESTION, width=PHONE, height=844, mobile=True)
    # The five stages one under another, each as wide as the screen allows, in legible type.
    boxes = browser.evaluate(
        session,
        "[...document.querySelectorAll('ol.trace-list > li')].map(li => {"
        " const r = li.getBoundingClientRect();"
        " return [r.left, r.right, r.top, parseFloat(getComputedStyle(li).fontSize)]; })",
    )
    assert len(boxes) == 5
    assert all(left >= 0 and right <= PHONE for left, right, _, _ in boxes)
    tops = [top for _, _, top, _ in boxes]
    assert tops == sorted(tops) and len(set(tops)) == 5
    assert min(size for *_, size in boxes) >= 14
    # The drawing keeps its legible size and scrolls sideways inside its own frame.
    frame = browser.evaluate(
        session,
        "(f => [f.clientWidth, f.scrollWidth])(document.querySelector('.trace-figure'))",
    )
    assert frame[0] <= PHONE < frame[1]
