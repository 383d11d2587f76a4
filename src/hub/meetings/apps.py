from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Multi-agency meetings: strategy discussions, MACE panels, conferences."""

    name = "hub.meetings"
    label = "meetings"

    def ready(self) -> None:
        from . import access, practice, work  # noqa: F401 (registered on import)
