"""The house rules that hold the code together, checked on every run.

- Dependencies point one way, content ← assessments ← certify: the import-linter contract in
  pyproject.toml (`lint-imports` runs it by hand).
- A module past 500 lines becomes a package that re-exports its public names (migrations aside).
- Modules use each other's public names only: no `from x import _name` between the project's modules.
- content and assessments (code and templates) neither load certify's template tags nor name its URLs:
  where their pages show something of certify's, they offer a slot (a hook) that certify fills.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("certify", "assessments", "content", "bench")
MAX_MODULE_LINES = 500
LOWER_APPS = ("content", "assessments")
CERTIFY_URL_NAME = re.compile(r"""['"]certify:|certify_admin:""")
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_module(node: ast.ImportFrom, path: Path) -> str:
    """The absolute name of the module `from ... import` reads from."""
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def test_a_lower_app_never_imports_a_higher_one():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        pytest.fail(f"The import contract is broken:\n{result.stdout}{result.stderr}", pytrace=False)


def test_no_module_is_over_500_lines():
    too_long = []
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not too_long, "Make these packages that re-export their public names:\n" + "\n".join(too_long)


def test_no_module_imports_another_modules_private_names():
    private = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _imported_module(node, path)
            if source.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    private.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {source} import {alias.name}")
    assert not private, "Import public names only (or make the name public):\n" + "\n".join(private)


def _certify_tag_libraries():
    return {path.stem for path in (ROOT / "certify" / "templatetags").glob("*.py") if path.stem != "__init__"}


def test_content_and_assessments_templates_load_no_certify_tags_and_name_no_certify_urls():
    libraries = _certify_tag_libraries()
    assert "tips" in libraries  # the scan looks for something that exists
    found = []
    for app in LOWER_APPS:
        for path in sorted((ROOT / "templates" / app).rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), start=1):
                for load in TEMPLATE_LOAD.finditer(line):
                    names = load.group(1).split()
                    # {% load a b %} loads libraries a and b; {% load x y from lib %} loads from lib.
                    loaded = names[-1:] if "from" in names else names
                    for library in sorted(set(loaded) & libraries):
                        found.append(f"{path.relative_to(ROOT)}:{number}: loads certify's {library} tags")
                if CERTIFY_URL_NAME.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: names a certify URL: {line.strip()}")
    assert not found, "Offer a slot that certify fills instead:\n" + "\n".join(found)


def test_content_and_assessments_code_names_no_certify_urls():
    found = []
    for app in LOWER_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if CERTIFY_URL_NAME.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "A lower app names certify's URLs; offer a slot that certify fills instead:\n" + "\n".join(found)
