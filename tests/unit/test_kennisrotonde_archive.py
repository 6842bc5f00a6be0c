"""The generated Kennisrotonde archive: the same for the same seed, its defects where it says,
and its JSON Lines and CSV forms read alike (the Neo4j load: tests/integration)."""

from __future__ import annotations

from pathlib import Path

from kennisgraaf.loaders.kennisrotonde import record_triples
from kennisgraaf.loaders.record_conversion import RecordRefusal
from tests.kennisrotonde_archive import DEFECT_KINDS, defect_plan, generate


def test_the_plan_is_fixed_by_the_seed_and_takes_the_share_asked() -> None:
    plan = defect_plan(200, seed=12, share=0.05)
    assert plan == defect_plan(200, seed=12, share=0.05) != defect_plan(200, seed=13, share=0.05)
    assert len(plan) == 10 and sorted(plan.values()) == sorted(DEFECT_KINDS * 2)
    assert generate(50, seed=3).records == generate(50, seed=3).records


def test_the_declared_defects_are_what_the_loader_refuses_in_both_formats(tmp_path: Path) -> None:
    archive = generate(200, seed=12, share=0.05)
    read = {}
    for suffix, first_line in ((".jsonl", 1), (".csv", 2)):
        converted = list(record_triples(archive.write(tmp_path / f"archive{suffix}")))
        refused = [c for c in converted if isinstance(c, RecordRefusal)]
        assert [(r.record, r.line) for r in refused] == [
            (p, p + first_line - 1) for p in archive.quarantined
        ]
        read[suffix] = {t for c in converted if not isinstance(c, RecordRefusal) for t in c}
    assert read[".jsonl"] == read[".csv"]
    assert len(archive.quarantined) == 8  # 10 defects, 2 of them unknown tags
