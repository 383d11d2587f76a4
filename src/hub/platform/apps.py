from django.apps import AppConfig
from django.core import checks


class PlatformConfig(AppConfig):
    """The shared kernel: access, audit, definitions, timescales, chronology and UI."""

    name = "hub.platform"
    label = "platform"

    def ready(self) -> None:
        from . import signals, timescales, work_sections  # noqa: F401 (registered on import)

        checks.register(check_definitions)


def check_definitions(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """Start-up check: every registered definition file is valid, or the app will not start."""
    from .definitions import DefinitionError, validate_all_definitions

    try:
        validate_all_definitions()
    except DefinitionError as exc:
        return [checks.Error(str(exc), id="hub.E001")]
    return []
