from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """Exploitation screening: tools and the threshold document as definitions, our engine."""

    name = "hub.screening"
    label = "screening"

    def ready(self) -> None:
        from hub.alerts.practice import register_deadline_event

        from . import access, thresholds, tools, work  # noqa: F401 (registered on import)

        register_deadline_event("screening_confirmed", "A screening is confirmed")
