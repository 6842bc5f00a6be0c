"""Cycle analytics that need no graph: stalled questions counted from any day."""

from __future__ import annotations

import datetime as dt

from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics.cycle import QuestionStages, Stalled, stalled


def _articulated(day: dt.date) -> QuestionStages:
    dates: dict[str, dt.date | None] = dict.fromkeys(stage_names())
    dates["articulation"] = day
    return QuestionStages("q", "open", dates, (), (), (), ())


def test_a_cutoff_before_year_one_finds_nothing_stalled() -> None:
    # `today` and `days` come from the query string: a cutoff before 0001-01-01 is no error.
    row = _articulated(dt.date(1, 1, 1))
    assert stalled([row], 10, today=dt.date(1, 1, 5)) == []
    assert Stalled.of([row], 10, dt.date(1, 1, 5)).items == []
    assert stalled([row], 1, today=dt.date(1, 1, 5)) == [row]
    assert [i.days_open for i in Stalled.of([row], 1, dt.date(1, 1, 5)).items] == [4]
