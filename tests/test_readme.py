"""README.md: its first screen is true and it links nowhere outside the repository.

* The first screen opens with the two fresh-machine commands (install + scan a shipped example;
  install + run the tests), as ``.ci/run`` runs the second.
* Each ``console`` block of the first screen (scan a file, check a flow with a manifest, gate in CI)
  is run again through the installed ``compliance`` command in a copy of ``examples/``; its output
  must be the one printed in the README (trailing spaces aside) and its exit code the one the text
  around it states. ``UPDATE_GOLDEN=1`` writes the real output into README.md instead (review the diff).
* No link leaves the repository: markdown links and images point at files of the repository, and the
  only web address written anywhere is the project's own repository URL (``url`` in setup.cfg),
  needed to install it.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = README.split("\n---\n", 1)[0]
INSTALL_AND_SCAN = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && compliance scan examples/datasets/customers.csv"
)
INSTALL_AND_TEST = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && "
    "pip install --no-deps 'pycanon>=1.3' && pytest"
)
CONSOLE = re.compile(r"```console\n(.*?)\n```", re.S)
EXPECTED_EXIT = [0, 1, 0]  # the gate block echoes the scan's exit code itself ("exit code 1")


def repository_url() -> str:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    return parser["metadata"]["url"]


def test_first_screen_starts_with_the_two_fresh_machine_commands() -> None:
    blocks = re.findall(r"```\n(.*?)\n```", FIRST_SCREEN, re.S)
    assert blocks[:2] == [INSTALL_AND_SCAN, INSTALL_AND_TEST]
    assert FIRST_SCREEN.index(INSTALL_AND_SCAN) < FIRST_SCREEN.index("```console")
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in ci_run and '".[test]"' in ci_run


def test_first_screen_shows_the_three_things_a_user_does() -> None:
    text = FIRST_SCREEN
    assert [text.index(t) for t in ("**Scan a file**", "**Check a flow with a manifest**", "**Gate in CI**")] == sorted(
        text.index(t) for t in ("**Scan a file**", "**Check a flow with a manifest**", "**Gate in CI**")
    )
    assert len(CONSOLE.findall(text)) == 3


@pytest.mark.parametrize("index", range(3))
def test_first_screen_outputs_are_real(index: int, tmp_path: Path) -> None:
    block = CONSOLE.findall(FIRST_SCREEN)[index]
    command, _, shown = block.partition("\n")
    assert command.startswith("$ ")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run(
        ["bash", "-c", command[2:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    output = "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines()).strip("\n")
    if os.environ.get("UPDATE_GOLDEN") == "1" and output != shown:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        readme.write_text(text.replace(f"{command}\n{shown}\n```", f"{command}\n{output}\n```", 1), encoding="utf-8")
        shown = output
    assert output == shown, f"README block {index + 1} is stale; a real run prints:\n{output}"
    assert done.returncode == EXPECTED_EXIT[index]


def test_no_link_leaves_the_repository() -> None:
    own = repository_url()
    addresses = re.findall(r"(?:https?|ftp)://[^\s)\"'`<>]+", README)  # database URLs are examples, not links
    assert addresses, "the install instructions name the repository"
    assert all(address.startswith(own) for address in addresses), [a for a in addresses if not a.startswith(own)]
    assert "www." not in README.replace(own, "")
    targets = re.findall(r"\]\(([^)\s]+)\)", README) + re.findall(r"(?:src|href)=\"([^\"]+)\"", README)
    for target in targets:
        path = target.split("#", 1)[0]
        if path:
            assert (ROOT / path).exists(), target
