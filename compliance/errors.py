"""One exception hierarchy for the whole tool.

Every error a user can cause (a bad policy pack, an unreadable dataset, a wrong option) is a
``ComplianceError``; the CLI boundary turns it into one line on stderr and exit code 2. Messages
must never contain raw personal values: name the file, the location and the problem only.
"""

from __future__ import annotations


class ComplianceError(Exception):
    """Base class: a user-facing error that maps to exit code 2."""

    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source and not self.message.startswith(self.source):
            return f"{self.source}: {self.message}"
        return self.message


class UsageError(ComplianceError):
    """Wrong command-line usage or an unknown name (pack, format, rule)."""


class ConfigError(ComplianceError):
    """A configuration file (policy pack, manifest, project file, waiver) is invalid."""

    def __init__(self, message: str, *, source: str | None = None, errors: list[str] | None = None) -> None:
        super().__init__(message, source=source)
        #: every problem found, each already formatted as ``file:line: json.path: message``
        self.errors = errors or [str(self)]


class PolicyError(ConfigError):
    """A policy pack cannot be loaded: YAML, schema, extends or semantic problems."""


class ManifestError(ConfigError):
    """An asset manifest or project file is invalid."""


class InputError(ComplianceError):
    """A dataset cannot be read: missing, corrupt, wrong encoding, ragged, oversized field."""


class OutputError(ComplianceError):
    """A result cannot be written: a directory or missing folder given as ``-o``, a full disk, a closed
    stdout, or ``-o`` naming a file the run reads."""
