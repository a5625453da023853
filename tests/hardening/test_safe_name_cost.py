"""``safe_name`` on digit-heavy names (issue 8 leftover): the validators it loads are the project's
plain ones, never Presidio, and the masking stays what tests/hardening/test_leak_names.py asserts."""

from __future__ import annotations

import subprocess
import sys


def test_digit_heavy_names_are_masked_without_presidio():
    code = (
        "import sys\n"
        "from compliance.redact import safe_name\n"
        "names = ['col_13812345678', '11010519491231002X.csv', 'id_110101199003074514', 'E12345678']\n"
        "masked = [safe_name(n) for n in names]\n"
        "assert all(m != n for m, n in zip(masked, names)), masked\n"
        "assert '13812345678' not in masked[0] and '19491231' not in masked[1], masked\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('presidio', 'spacy'))}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]", result.stdout
