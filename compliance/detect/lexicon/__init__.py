"""Name and address lexicons: value evidence for ``PERSON`` and ``LOCATION`` without an NER model.

Each check takes one cell value and returns a bool; the detect stage applies them to a column's
distinct values and combines the share accepted with header signals. The word lists are shipped
in this package (``*.txt``, sources and licences in README.md) and loaded once per process.
"""

from __future__ import annotations

from .addresses import is_address
from .names import is_chinese_name, is_latin_name

__all__ = ["is_address", "is_chinese_name", "is_latin_name"]
