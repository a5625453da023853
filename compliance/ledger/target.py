"""Where a scan's records go and who ran it: ``--ledger``/``COMPLIANCE_LEDGER``/the default, ``--actor``.

Ledger target, first found:
  1. ``--ledger PATH|URL``;
  2. the environment variable ``COMPLIANCE_LEDGER`` (a path or a SQLAlchemy URL);
  3. ``.compliance/ledger.db`` beside the project file (``compliance.yaml``) in use, or in the current
     directory when it holds one;
  4. ``.compliance/ledger.db`` in the current directory (a scan of paths without a project: where a
     data officer runs their scans is where their history is).

Actor, first found: ``--actor``, ``COMPLIANCE_ACTOR``, the CI's own variable (GitHub ``GITHUB_ACTOR``,
GitLab ``GITLAB_USER_LOGIN``, Jenkins ``BUILD_USER_ID`` (build-user-vars plugin), Azure Pipelines
``BUILD_REQUESTEDFOR``, CircleCI ``CIRCLE_USERNAME``, Buildkite ``BUILDKITE_BUILD_CREATOR``), then the
operating-system user; null when none is known.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

ENV_LEDGER = "COMPLIANCE_LEDGER"
DEFAULT_LEDGER = os.path.join(".compliance", "ledger.db")
PROJECT_FILE = "compliance.yaml"
ACTOR_VARIABLES = (
    "COMPLIANCE_ACTOR",
    "GITHUB_ACTOR",
    "GITLAB_USER_LOGIN",
    "BUILD_USER_ID",
    "BUILD_REQUESTEDFOR",
    "CIRCLE_USERNAME",
    "BUILDKITE_BUILD_CREATOR",
)


def ledger_target(option: str | None, project_file: str | None = None, cwd: str | None = None) -> str:
    """The ledger a command uses (see the module docstring for the order)."""
    if option:
        return option
    from_env = os.environ.get(ENV_LEDGER, "").strip()
    if from_env:
        return from_env
    here = Path(cwd or os.getcwd())
    if project_file is None and (here / PROJECT_FILE).is_file():
        project_file = str(here / PROJECT_FILE)
    folder = Path(project_file).parent if project_file else here
    target = folder / DEFAULT_LEDGER
    try:
        return os.path.relpath(target)
    except ValueError:  # another drive
        return str(target)


def ledger_file(target: str) -> str | None:
    """The SQLite file a ledger target names (a path or ``sqlite:///PATH``), None for a server URL."""
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :]
    return None if "://" in target or target in ("", ":memory:") else target


def scan_actor(option: str | None) -> str | None:
    if option and option.strip():
        return option.strip()
    for name in ACTOR_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        return None
