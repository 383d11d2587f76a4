from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """The front door: referrals from any agency, and the hub's triage of them."""

    name = "hub.referrals"
    label = "referrals"

    def ready(self) -> None:
        from . import access, practice, work  # noqa: F401 (registered on import)
        from .services import links  # noqa: F401 (subjects move with a person merge)
