"""The `kennisgraaf` command line: the roof that imports every room; nothing imports it."""

from kennisgraaf.cli.commands import app, main

__all__ = ["app", "main"]
