"""The audit report as PDF: the HTML report laid out by WeasyPrint (extra ``report``).

WeasyPrint renders the very HTML and print CSS of the HTML report (one layout, two formats), embeds
the fonts it uses and draws the inline SVG charts as vectors. It needs Pango (Debian ``libpango-1.0-0``,
``libpangoft2-1.0-0``) and, for Chinese, a CJK font such as Debian's ``fonts-noto-cjk``. Nothing is
fetched: the URL fetcher refuses every URL, and the HTML references none.
"""

from __future__ import annotations

from ..errors import UsageError
from .html_format import render_html
from .model import AuditReport


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the report fetches nothing ({url[:40]})")


def render_pdf(report: AuditReport) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: the Pango libraries are missing
        raise UsageError(
            "--format pdf needs WeasyPrint and Pango: pip install 'dataflow-compliance[report]' "
            f"and the system package libpango-1.0-0 ({type(err).__name__})"
        ) from None
    document = weasyprint.HTML(string=render_html(report), url_fetcher=_no_fetch, base_url=".")
    return document.write_pdf()
