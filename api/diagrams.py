"""Geometry of the inline SVG diagrams: a question's trace as a timeline of the five stages, and
the funnel of how far questions get. Laid out here; the templates only draw (and escape)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from kennisgraaf.api.html import Site
from kennisgraaf.api.i18n import translate
from kennisgraaf.ontology.stages import CycleStage, cycle_stages, stage_names
from kennisgraaf.queries.analytics.trace import StageActivity, Trace

WIDTH = 1100
COLUMN = 212
MARGIN = 20
AXIS_Y = 46
FIRST_ITEM_Y = 170
LINE = 17
MAX_CHARS = 30
MAX_LISTED = 3  # per kind of party or input, per activity


@dataclass(frozen=True)
class SvgText:
    x: int
    y: int
    text: str
    href: str | None = None
    css: str = ""
    title: str | None = None  # full text when `text` is shortened


@dataclass
class StageColumn:
    stage: str
    label: str  # in the page's language
    dutch: str  # the Dutch term beside an English label; empty on a Dutch page
    x: int
    status: str  # reached | skipped | not-reached
    first_date: str | None
    days: int | None
    items: list[SvgText] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    x1: int
    x2: int
    reached: bool  # the stage it leads to was reached


@dataclass
class TraceDiagram:
    width: int
    height: int
    axis_y: int
    columns: list[StageColumn]
    segments: list[Segment]
    loop_path: str | None
    raised: list[SvgText]


def shorten(text: str, limit: int = MAX_CHARS) -> tuple[str, str | None]:
    if len(text) <= limit:
        return text, None
    return text[: limit - 1].rstrip() + "…", text


def _text(x: int, y: int, text: str, href: str | None, css: str) -> SvgText:
    short, full = shorten(text)
    return SvgText(x, y, short, href, css, full)


def _activity_items(
    activity: StageActivity,
    x: int,
    y: int,
    question: str,
    site: Site,
    name: Callable[[str], str],
    lang: str,
) -> tuple[list[SvgText], int]:
    items = []
    when = activity.date.isoformat() if activity.date else translate(lang, "undated")
    items.append(SvgText(x, y, when, site.href(activity.iri), "activity"))
    y += LINE
    if activity.stage == "articulation":
        for iri in activity.informed_by[:MAX_LISTED]:
            items.append(
                _text(
                    x,
                    y,
                    translate(lang, "raised by %(name)s") % {"name": name(iri)},
                    site.href(iri),
                    "input",
                )
            )
            y += LINE
    inputs = [i for i in activity.used if i != question]
    outputs = [i for i in activity.generated if i != question]
    for form, iris, css in (
        (translate(lang, "from %(name)s"), inputs, "input"),
        ("→ %(name)s", outputs, "output"),
    ):
        for iri in iris[:MAX_LISTED]:
            items.append(_text(x, y, form % {"name": name(iri)}, site.href(iri), css))
            y += LINE
        if len(iris) > MAX_LISTED:
            more = translate(lang, "and %(n)d more") % {"n": len(iris) - MAX_LISTED}
            items.append(SvgText(x, y, more, None, css))
            y += LINE
    for parties, css, prefix in (
        (activity.people, "person", ""),
        (activity.organisations, "organisation", ""),
        (activity.networks, "network", translate(lang, "via") + " "),
    ):
        for party in parties[:MAX_LISTED]:
            label = prefix + (party.name or name(party.iri))
            items.append(_text(x, y, label, site.href(party.iri), css))
            y += LINE
    return items, y + 8


def stage_label(stage: CycleStage, lang: str) -> tuple[str, str]:
    """A stage's heading in the page's language, and its Dutch term beside an English one."""
    if lang == "nl":
        return stage.labels["nl"].capitalize(), ""
    return stage.title, stage.labels["nl"]


def trace_diagram(
    trace: Trace, site: Site, name: Callable[[str], str], lang: str = "en"
) -> TraceDiagram:
    """Five columns in cycle order; a stage without activity is drawn as skipped when a later
    stage was reached, else as not reached; questions raised by use loop back underneath."""
    furthest = stage_names().index(trace.furthest) if trace.furthest else -1
    columns = []
    bottom = FIRST_ITEM_Y
    for i, cycle_stage in enumerate(cycle_stages()):
        stage = cycle_stage.name
        x = MARGIN + COLUMN // 2 + i * COLUMN
        activities = trace.stages[stage]
        first = trace.first_date(stage)
        status = "reached" if activities else ("skipped" if i < furthest else "not-reached")
        label, dutch = stage_label(cycle_stage, lang)
        column = StageColumn(
            stage=stage,
            label=label,
            dutch=dutch,
            x=x,
            status=status,
            first_date=first.isoformat() if first else None,
            days=trace.days_to(stage) if i > 0 else None,
        )
        y = FIRST_ITEM_Y
        left = x - COLUMN // 2 + 8
        for activity in activities:
            items, y = _activity_items(activity, left, y, trace.iri, site, name, lang)
            column.items.extend(items)
        columns.append(column)
        bottom = max(bottom, y)
    loop_path = None
    raised: list[SvgText] = []
    if trace.raised_iris:
        # Around the columns, not through them: out right of use, back in left of articulation.
        loop_y = bottom + 16
        use_x, art_x = columns[-1].x, columns[0].x
        right, left = WIDTH - 10, 10
        loop_path = (
            f"M {use_x + 16} {AXIS_Y} H {right} V {loop_y} H {left} V {AXIS_Y} H {art_x - 18}"
        )
        y = loop_y + 22
        raised.append(
            SvgText(
                art_x + 14, y, translate(lang, "New questions raised by use:"), None, "raised-head"
            )
        )
        for iri in trace.raised_iris:
            y += LINE + 2
            text, full = shorten(name(iri), 110)
            raised.append(SvgText(art_x + 14, y, text, site.href(iri), "raised", full))
        bottom = y + 12
    segments = [Segment(a.x + 16, b.x - 18, b.status == "reached") for a, b in pairwise(columns)]
    return TraceDiagram(WIDTH, bottom + 10, AXIS_Y, columns, segments, loop_path, raised)


@dataclass(frozen=True)
class FunnelBar:
    stage: str
    label: str
    dutch: str
    count: int
    share: int  # percent of all questions
    y: int
    width: int


@dataclass(frozen=True)
class FunnelDiagram:
    width: int
    height: int
    bar_x: int
    bar_height: int
    total: int
    bars: list[FunnelBar]


def funnel_diagram(counts: dict[str, int], total: int, lang: str = "en") -> FunnelDiagram:
    bar_x, max_width, bar_height, step = 190, 560, 28, 40
    bars = []
    stages = cycle_stages()
    for i, stage in enumerate(stages):
        count = counts.get(stage.name, 0)
        width = round(max_width * count / total) if total else 0
        share = round(100 * count / total) if total else 0
        label, dutch = stage_label(stage, lang)
        bars.append(FunnelBar(stage.name, label, dutch, count, share, 10 + i * step, width))
    return FunnelDiagram(
        bar_x + max_width + 110, 10 + len(stages) * step, bar_x, bar_height, total, bars
    )
