from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Deadlines raised by events, the tick that colours them, and alerts."""

    name = "hub.alerts"
    label = "alerts"

    def ready(self) -> None:
        from . import access, concern, outside, practice, tasks, work  # noqa: F401 (registered)
