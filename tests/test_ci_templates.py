"""The CI templates in examples/ci run as written: their shell steps, in a fresh venv, from a local clone.

Each template's ``run:`` steps (GitHub Actions) or ``script:`` lines (GitLab CI) are executed by bash
in a copy of a shipped example repository, with a fresh virtual environment first on ``PATH``. The
one substitution is the install source: the template's ``git+https://<repository>@v<version>`` (the
``url`` of setup.cfg and the package version, checked here) becomes a ``git clone`` of this
repository's committed HEAD (so the tag need not exist yet and nothing is fetched from a forge). The
fresh venv sees the test environment's installed packages through a ``.pth`` line (not its editable
install of this project, whose ``.pth`` hooks are not processed), so pip finds the run-time
dependencies installed and downloads only the build backend (setuptools, as any ``pip install .``).
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sysconfig
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from compliance import __version__

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "examples" / "ci"
pytestmark = pytest.mark.slow


def repository_url() -> str:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    return parser["metadata"]["url"]


def install_source() -> str:
    return f'"git+{repository_url()}@v{__version__}"'


def run_steps(template: Path) -> list[str]:
    """The shell commands of a template, in order (GitHub ``run:`` steps or GitLab ``script:`` lines)."""
    document = yaml.safe_load(template.read_text(encoding="utf-8"))
    if "jobs" in document:
        return [step["run"] for job in document["jobs"].values() for step in job["steps"] if "run" in step]
    return [line for job in document.values() if isinstance(job, dict) for line in job.get("script", [])]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed to clone the repository for the CI template test")
    target = tmp_path_factory.mktemp("clone") / "dataflow-compliance"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], check=True, timeout=300)
    return target


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv") / "venv"
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    installed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "test-environment-packages.pth").write_text("\n".join(sorted(installed)) + "\n", encoding="utf-8")
    return folder


def execute(template: Path, repository: Path, clone: Path, fresh_venv: Path) -> list[subprocess.CompletedProcess]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))},
        "PATH": f"{fresh_venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "VIRTUAL_ENV": str(fresh_venv),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    done = []
    for command in run_steps(template):
        if "pip install" in command:
            assert install_source() in command, command
            command = command.replace(install_source(), f'"{clone}"')
        done.append(
            subprocess.run(
                ["bash", "-ec", command], cwd=repository, env=env, capture_output=True, text=True, timeout=900
            )
        )
        if done[-1].returncode not in (0, 1):
            break
    return done


def example_repository(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, target)
    return target


def test_templates_install_a_tag_of_the_repository() -> None:
    for template in sorted(TEMPLATES.glob("*.yml")):
        text = template.read_text(encoding="utf-8")
        assert "pip install dataflow-compliance" not in text
        assert install_source() in text, template.name
    github = (TEMPLATES / "github-actions.yml").read_text(encoding="utf-8")
    document = yaml.safe_load(github)
    assert document["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    uses = [step.get("uses", "") for step in document["jobs"]["compliance"]["steps"]]
    assert "github/codeql-action/upload-sarif@v4" in uses


@pytest.mark.parametrize("example, code", [("aggregate-export-pass", 0), ("important-data-raw-cross-border", 1)])
def test_github_template_runs_in_a_fresh_venv(tmp_path: Path, clone: Path, fresh_venv: Path, example, code) -> None:
    repository = example_repository(tmp_path, example)
    install, scan = execute(TEMPLATES / "github-actions.yml", repository, clone, fresh_venv)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    assert scan.returncode == code, scan.stdout[-2000:] + scan.stderr[-2000:]
    sarif = json.loads((repository / "compliance.sarif").read_text(encoding="utf-8"))
    driver = sarif["runs"][0]["tool"]["driver"]
    assert sarif["version"] == "2.1.0" and driver["version"] == __version__
    assert bool(sarif["runs"][0]["results"]) == bool(code)
    # the venv's own installed copy ran, not this checkout
    where = subprocess.run(
        [str(fresh_venv / "bin" / "python"), "-c", "import compliance; print(compliance.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert str(fresh_venv) in where and str(ROOT) not in where


def test_gitlab_template_runs_in_a_fresh_venv(tmp_path: Path, clone: Path, fresh_venv: Path) -> None:
    repository = example_repository(tmp_path, "important-data-raw-cross-border")
    install, scan = execute(TEMPLATES / "gitlab-ci.yml", repository, clone, fresh_venv)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
    assert scan.returncode == 1, scan.stdout[-2000:] + scan.stderr[-2000:]
    suites = ET.parse(repository / "compliance-junit.xml").getroot()
    failures = sum(int(suite.get("failures", "0")) for suite in suites.iter("testsuite"))
    assert failures >= 1
