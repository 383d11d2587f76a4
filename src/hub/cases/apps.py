from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Cases, their teams, safety plans, actions and the person's voice."""

    name = "hub.cases"
    label = "cases"

    def ready(self) -> None:
        from . import access, practice, work  # noqa: F401 (registered on import)
        from .services import links  # noqa: F401 (subjects move with a person merge)
