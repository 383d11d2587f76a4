from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Persons: children, young people and adults."""

    name = "hub.people"
    label = "people"

    def ready(self) -> None:
        from . import access, work  # noqa: F401 (scope rules; 'my work' section)
