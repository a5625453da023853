"""Report format names → renderer modules (kept import-free so the CLI starts fast)."""

#: a new format is one module with ``render(report, stream, options)`` plus one line here
FORMATS = {
    "text": "text_format",
    "json": "json_format",
    "markdown": "markdown_format",
    "sarif": "sarif_format",
    "junit": "junit_format",
}

#: file name endings → format, longest first (``-o report.sarif``); ``.sarif.json`` is SARIF, not JSON
EXTENSIONS = {
    ".sarif.json": "sarif",
    ".sarif": "sarif",
    ".json": "json",
    ".xml": "junit",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}

#: what a file of each format may be called besides its own ending: SARIF is JSON
ALSO_WRITTEN_AS = {"sarif": {"json"}}


def format_of(path: str) -> str | None:
    """The format a file name's ending says (case-insensitive), ``None`` when it says none."""
    name = path.lower()
    return next((fmt for end, fmt in EXTENSIONS.items() if name.endswith(end) and len(name) > len(end)), None)
