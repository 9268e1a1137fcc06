"""The house rules that hold the code together, checked on every run.

- Dependencies point one way, content ← assessments ← certify: the import-linter contract in
  pyproject.toml (`lint-imports` runs it by hand).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_a_lower_app_never_imports_a_higher_one():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        pytest.fail(f"The import contract is broken:\n{result.stdout}{result.stderr}", pytrace=False)
