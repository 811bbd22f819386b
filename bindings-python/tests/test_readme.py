"""The README's Python examples, executed as written and type-checked with mypy --strict."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# README.zh-CN.md is not run: tools/check_translations.py (in .ci/run) proves its code blocks are
# byte-identical to these.


def python_blocks() -> List[str]:
    return re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.M | re.S)


def test_readme_has_examples() -> None:
    assert len(python_blocks()) >= 5


def test_readme_examples_run() -> None:
    namespace: Dict[str, Any] = {"__name__": "readme"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in python_blocks():
            exec(compile(block, str(README), "exec"), namespace)
    printed = out.getvalue()
    # Every "# comment" after a print(...) in the README shows what it prints.
    assert "rejected: signature.invalid" in printed
    assert "worker_transfer.roster 吉克样例" in printed
    assert "replay.duplicate" in printed
    assert "json.duplicate_key /a" in printed
    assert "消息的接收地区或机构不是本方（位置：/to/region）" in printed
    assert "json.not_integer /body/amount" in printed
    assert "error rule.citizen_id_checksum /body/person/citizen_id" in printed


def mypy_run(source: str, tmp_path: Path) -> Tuple[str, int]:
    api = pytest.importorskip("mypy.api")
    path = tmp_path / "readme_examples.py"
    path.write_text(source, encoding="utf-8")
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy_cache"), str(path)]
    )
    return stdout + stderr, status


def test_readme_examples_pass_mypy_strict(tmp_path: Path) -> None:
    output, status = mypy_run("\n".join(python_blocks()), tmp_path)
    assert status == 0, output


def test_mypy_flags_a_misspelt_body_field(tmp_path: Path) -> None:
    source = "\n".join(python_blocks())
    misspelt = source.replace('"workers": [{"line"', '"wokers": [{"line"', 1)
    assert misspelt != source
    output, status = mypy_run(misspelt, tmp_path)
    assert status == 1
    assert 'Extra key "wokers" for TypedDict "WorkerTransferRosterBody"' in output, output
