"""Links reports give: the project's home (the repository URL in the package metadata, from setup.cfg
``url``) and each built-in rule's documentation page in ``docs/rules/`` (``compliance policy docs``).
Links are written into reports, never fetched."""

from __future__ import annotations

import importlib.metadata
from functools import cache
from urllib.parse import quote

DISTRIBUTION = "dataflow-compliance"
RULE_PAGES = "docs/rules"  # compliance.policy.docs.REPOSITORY_FOLDER (not imported: it loads the packs)
BRANCH = "main"
_URL_LABELS = ("homepage", "home", "source", "repository")


@cache
def repository_url() -> str | None:
    """The project's repository URL from the installed package's metadata, ``None`` when not installed."""
    try:
        meta = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    url = meta.get("Home-page")
    if not url:
        labelled = dict(entry.partition(",")[::2] for entry in meta.get_all("Project-URL") or ())
        url = next((v for k, v in labelled.items() if k.strip().lower() in _URL_LABELS), None)
    url = (url or "").strip().rstrip("/")
    return url if url.startswith("https://") else None


@cache
def _builtin_packs() -> frozenset[str]:
    from ..resources import builtin_pack_paths

    return frozenset(builtin_pack_paths())


def rule_help_uri(rule_id: str, pack_id: str, lang: str = "en") -> str | None:
    """The rule's page in ``docs/rules/<lang>/`` when a built-in pack defines the rule, else ``None``."""
    home = repository_url()
    if home is None or pack_id not in _builtin_packs():
        return None
    lang = lang if lang in ("en", "zh") else "en"
    return f"{home}/blob/{BRANCH}/{RULE_PAGES}/{lang}/{quote(rule_id, safe='')}.md"
