"""The CLI's --kind help names every input kind the loaders know (loaders/sources.KINDS)."""

from __future__ import annotations

from kennisgraaf.cli.commands_data import KIND_HELP
from kennisgraaf.loaders.sources import KINDS


def test_the_kind_help_names_every_kind() -> None:
    named = KIND_HELP.split(" (")[0].split(" | ")
    assert named == [kind.name for kind in KINDS]
