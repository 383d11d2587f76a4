from django.apps import AppConfig


class MissingConfig(AppConfig):
    """Missing episodes, return home interviews, placements and Philomena profiles."""

    name = "hub.missing"
    label = "missing"

    def ready(self) -> None:
        from hub.alerts.concern import register_concern
        from hub.alerts.practice import register_deadline_event

        from . import access, practice, work  # noqa: F401 (registered on import)
        from .selectors import missing_concern

        register_concern(missing_concern)
        register_deadline_event("child_returned", "A missing child is found or comes back")
        register_deadline_event(
            "return_interview_done", "A return home interview is done or declined"
        )
