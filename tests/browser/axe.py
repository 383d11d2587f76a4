"""Accessibility checks with axe-core (shipped inside the axe-playwright-python package)."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_accessible(page: Any) -> None:
    """No axe-core violations on the page as it is now (WCAG 2.x A and AA rules and more)."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()
