"""The npm tools the tests read outputs back with (tests/node_modules, installed by scripts/node-packages), and
html-validate run over pages with the tests' rules."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.show import REPO

CLIENTS = REPO / "tests" / "clients"
NODE_MODULES = REPO / "tests" / "node_modules"


def npm_bin(name: str) -> str:
    path = NODE_MODULES / ".bin" / name
    assert path.exists(), f"{path} is missing: scripts/node-packages installs the tests' npm packages"
    return str(path)


def html_validate(pages: list[Path], report: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    """html-validate's recommended rules (tests/clients/htmlvalidate.json) over the pages: its run, and each problem
    as "file:line: rule: message". The JSON goes to the report file: piped, node exits before writing all of a long
    report."""
    done = subprocess.run([npm_bin("html-validate"), "--config", str(CLIENTS / "htmlvalidate.json"),
                           "--formatter", f"json={report}", *map(str, pages)], capture_output=True, text=True)
    problems = [f"{r['filePath']}:{m['line']}: {m['ruleId']}: {m['message']}"
                for r in json.loads(report.read_text(encoding="utf-8")) for m in r["messages"]]
    return done, problems
