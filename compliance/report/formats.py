"""Report format names → renderer modules (kept import-free so the CLI starts fast)."""

#: a new format is one module with ``render(report, stream, options)`` plus one line here
FORMATS = {
    "text": "text_format",
    "json": "json_format",
    "markdown": "markdown_format",
    "sarif": "sarif_format",
    "junit": "junit_format",
}
