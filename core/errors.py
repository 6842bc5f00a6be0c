"""The one root error type and its kinds; each kind maps to a CLI exit code and an HTTP status."""

from __future__ import annotations


class KennisgraafError(Exception):
    """Root of every error kennisgraaf raises on purpose."""

    exit_code = 1


class ConfigurationError(KennisgraafError):
    """Settings or environment are unusable (bad URI, missing Java, …)."""

    exit_code = 3


class Neo4jUnavailableError(KennisgraafError):
    """Neo4j cannot be reached or could not be started."""

    exit_code = 4


class OntologyError(KennisgraafError):
    """The ontology, vocabularies or shapes shipped with the package are unusable."""

    exit_code = 5


class ValidationError(KennisgraafError):
    """Input data failed the SHACL gate."""

    exit_code = 6


class InputError(KennisgraafError):
    """Input cannot be read: unparseable file, bad mapping, bad record."""

    exit_code = 2


class InputLimitError(InputError):
    """Input exceeds a configured bound (nesting depth, literal or line length, statement
    count, entity expansion); `setting` names the Settings field that sets the bound."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class LoadInterruptedError(KennisgraafError):
    """A load was asked to stop: its committed batches are kept and recorded, and the same
    load run again resumes after the last of them."""

    exit_code = 75  # sysexits' EX_TEMPFAIL: run it again


class LoadBusyError(KennisgraafError):
    """Another load holds the database's writer lease and did not finish within the wait."""

    exit_code = 73
