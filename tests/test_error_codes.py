"""The README's table of error codes and errors.py say the same: every code with its HTTP
status, in both directions."""

from __future__ import annotations

import re
from pathlib import Path

from crm_graphql import errors

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `([A-Z_]+)` \| (\d{3}|—) \|", re.MULTILINE)


def _readme_table() -> dict[str, int | None]:
    section = README.read_text().split("## Errors", 1)[1].split("\n## ", 1)[0]
    return {code: None if status == "—" else int(status) for code, status in ROW.findall(section)}


def _classes() -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    pending = [errors.ApiError]
    while pending:
        cls = pending.pop()
        found[cls.code] = cls.status
        pending.extend(cls.__subclasses__())
    return found


def test_every_code_in_the_readme_is_raised_by_the_code_with_its_status():
    table = _readme_table()
    assert len(table) >= 10
    assert table == _classes()


def test_codes_lists_every_class():
    assert errors.codes() == set(_readme_table())
