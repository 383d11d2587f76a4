from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Cases, their teams, safety plans, actions and the person's voice."""

    name = "hub.cases"
    label = "cases"

    def ready(self) -> None:
        from hub.alerts.concern import register_concern
        from hub.alerts.practice import register_deadline_event
        from hub.screening.thresholds import threshold_document

        from . import access, practice, work  # noqa: F401 (registered on import)
        from .selectors import open_case_concern
        from .services import links  # noqa: F401 (subjects move with a person merge)

        register_concern(open_case_concern)

        register_deadline_event("plan_saved", "A case's safety plan is saved")
        for level in threshold_document().levels:  # the review's timescale follows the risk
            register_deadline_event(f"plan_saved_{level.id}", f"A plan is saved at {level.title}")
