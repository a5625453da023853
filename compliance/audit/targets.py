"""How a ledger's location may be shown in a report: a URL's password never is."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..redact import safe_name


def shown_target(target: str) -> str:
    """A ledger path or SQLAlchemy URL as reports show it: password replaced by ``***``, masked."""
    if "://" not in target:
        from ..run import shown_path

        return safe_name(shown_path(target))  # relative under the working directory
    parts = urlsplit(target)
    if parts.password is not None:
        user = parts.username or ""
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        parts = parts._replace(netloc=f"{user}:***@{host}{port}")
    return safe_name(urlunsplit(parts._replace(query="")))
