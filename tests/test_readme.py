"""Every Python snippet of the README runs as written (so the README cannot rot)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
SNIPPETS = re.findall(r"```python\n(.*?)```", README, re.S)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet-{i}" for i in range(len(SNIPPETS))])
def test_readme_snippet_runs(snippet: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """On a machine with no AWS configuration at all (and no network, from conftest)."""
    import os

    import boto3

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # the README's tip for attach
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    exec(compile(snippet, "README.md", "exec"), {})


def test_quickstart_example_is_the_readme_quick_start() -> None:
    example = (ROOT / "examples" / "quickstart.py").read_text()
    assert SNIPPETS[0] in example


def test_readme_has_the_two_setup_commands_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert len(commands) == 2
    install, test = commands
    assert install in ci
    assert test in ci


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet-{i}" for i in range(len(SNIPPETS))])
def test_readme_snippets_use_what_they_assign(snippet: str) -> None:
    import ast

    tree = ast.parse(snippet)
    names = [n for n in ast.walk(tree) if isinstance(n, ast.Name)]
    assigned = {n.id for n in names if isinstance(n.ctx, ast.Store)}
    used = {n.id for n in names if isinstance(n.ctx, ast.Load)}
    assert assigned <= used, f"assigned but never used: {sorted(assigned - used)}"
