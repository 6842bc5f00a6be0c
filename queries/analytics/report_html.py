"""A self-contained HTML cycle report (inline SVG, no scripts, every value escaped), with the
NRO overview when given: the Kennisrotonde's referrals and the programmes' outputs."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, PackageLoader, select_autoescape

from kennisgraaf.links import safe_href
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics.cycle import BreakItem, Distribution, QuestionStages
from kennisgraaf.queries.analytics.nro_overview import NroOverview


def render_report(
    funnel: dict[str, dict[str, int]],
    lead_times: dict[str, Distribution | None],
    stalled: list[QuestionStages],
    never_shared: list[BreakItem],
    never_used: list[BreakItem],
    generated: dt.datetime,
    nro: NroOverview | None = None,
) -> str:
    env = Environment(
        loader=PackageLoader("kennisgraaf.queries.analytics", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    env.filters["safe_href"] = safe_href  # IRIs come from loaded data
    return env.get_template("report.html.j2").render(
        funnel=funnel,
        stages=stage_names(),
        lead_times=lead_times,
        stalled=stalled,
        never_shared=never_shared,
        never_used=never_used,
        generated=generated.strftime("%Y-%m-%d %H:%M UTC"),
        nro=nro,
    )
