"""Tools described for other systems, in the stable JSON `hub screening describe` prints."""

from __future__ import annotations

from .thresholds import threshold_document
from .tools import ScreeningTool, screening_tools


def tools_json() -> list[dict[str, object]]:
    """Every version of every tool: id, version, title (oldest version first)."""
    return [{"id": t.id, "version": t.version, "title": t.title} for t in screening_tools()]


def describe_json(tool: ScreeningTool) -> dict[str, object]:
    """A tool's sections, indicators, answer windows, grades (lowest first) and the
    circumstances the threshold document reads."""
    return {
        "tool": tool.id,
        "version": tool.version,
        "title": tool.title,
        "applies_to": str(tool.applies_to),
        "exploitation_types": list(tool.exploitation_types),
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "indicators": [
                    {
                        "id": indicator.id,
                        "text": indicator.text,
                        "class": str(indicator.indicator_class),
                        "exploitation_types": list(indicator.types),
                        "weight": dict(indicator.weights),
                    }
                    for indicator in section.indicators
                ],
            }
            for section in tool.sections
        ],
        "windows": [window.id for window in tool.windows],
        "grades": tool.grade_ids(),
        "circumstances": [c.id for c in threshold_document().circumstances],
    }
