from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Areas, agencies, teams, users and their roles."""

    name = "hub.organisations"
    label = "organisations"

    def ready(self) -> None:
        from . import roles  # noqa: F401 (registers roles.yaml)
