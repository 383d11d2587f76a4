from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """Exploitation screening: tools and the threshold document as definitions, our engine."""

    name = "hub.screening"
    label = "screening"

    def ready(self) -> None:
        from . import access, thresholds, tools, work  # noqa: F401 (registered on import)
