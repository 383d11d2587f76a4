from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Multi-agency meetings: strategy discussions, MACE panels, conferences."""

    name = "hub.meetings"
    label = "meetings"

    def ready(self) -> None:
        from hub.alerts.practice import register_deadline_event

        from . import access, practice, work  # noqa: F401 (registered on import)
        from .practice import meeting_types

        register_deadline_event("follow_up_held", "A meeting that follows another is held")
        for meeting_type in meeting_types().types:
            register_deadline_event(f"{meeting_type.code}_held", f"A {meeting_type.title} is held")
