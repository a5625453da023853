"""Name and address lexicons: value evidence for ``PERSON`` and ``LOCATION`` without an NER model.

Each check takes one cell value and returns a bool; the detect stage applies them to a column's
distinct values and combines the share accepted with header signals. The word lists are shipped
in this package (``*.txt``, sources and licences in README.md) and loaded once per process.

The ``*_mask`` functions give the same answers for a whole pyarrow string array at once (a numpy
bool array, ``None`` → False), for scans that check every distinct value of large columns.
"""

from __future__ import annotations

from .address_masks import address_mask
from .addresses import is_address
from .name_masks import chinese_name_mask, given_name_mask, latin_name_mask
from .names import is_chinese_name, is_given_name, is_latin_name

__all__ = [
    "address_mask",
    "chinese_name_mask",
    "given_name_mask",
    "is_address",
    "is_chinese_name",
    "is_given_name",
    "is_latin_name",
    "latin_name_mask",
]
