"""Every environment variable settings.py reads is documented in .env.example, and no more.

The names are found by parsing weerbaar/settings.py with `ast`: the first argument of
os.getenv / os.environ.get / env_bool / env_list (and os.environ["…"]) when it is a string
constant. .env.example documents a variable with a line `NAME=value` or `# NAME=value`.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "weerbaar" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"

# Helpers in settings.py that take the variable name as their first argument.
READER_NAMES = {"getenv", "env_bool", "env_list"}
ASSIGNMENT = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=")


def _is_environ(node: ast.AST) -> bool:
    """`os.environ` or a bare `environ`."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _reader_name(func: ast.AST) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if func.attr == "get" and _is_environ(func.value):
            return "getenv"
        return func.attr
    return None


def variables_read(source: str) -> set[str]:
    """Names of environment variables a piece of settings source reads."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _reader_name(node.func) in READER_NAMES and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
    return names


def variables_documented(text: str) -> set[str]:
    """Names assigned (possibly commented out) in an .env file."""
    return {match.group(1) for line in text.splitlines() if (match := ASSIGNMENT.match(line))}


def test_parsers_find_names():
    source = (
        "import os\n"
        "A = os.getenv('ONE', 'x')\n"
        "B = env_bool('TWO', False)\n"
        "C = env_list(\"THREE\", '')\n"
        "D = os.environ.get('FOUR')\n"
        "E = os.environ['FIVE']\n"
        "F = os.getenv(name)\n"
        "G = int(os.getenv('SIX', '0'))\n"
    )
    assert variables_read(source) == {"ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX"}
    text = "# comment / uitleg\n# ONE=1\nTWO=\n  # THREE=a,b\n# not a name: lower=1\n"
    assert variables_documented(text) == {"ONE", "TWO", "THREE"}


def test_settings_reads_variables():
    read = variables_read(SETTINGS.read_text(encoding="utf-8"))
    assert {"DJANGO_SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS"} <= read


def test_every_variable_read_is_documented():
    read = variables_read(SETTINGS.read_text(encoding="utf-8"))
    documented = variables_documented(ENV_EXAMPLE.read_text(encoding="utf-8"))
    missing = sorted(read - documented)
    assert not missing, f".env.example does not document: {', '.join(missing)}"


def test_env_example_names_only_variables_settings_reads():
    read = variables_read(SETTINGS.read_text(encoding="utf-8"))
    documented = variables_documented(ENV_EXAMPLE.read_text(encoding="utf-8"))
    unknown = sorted(documented - read)
    assert not unknown, f".env.example names variables settings.py never reads: {', '.join(unknown)}"
