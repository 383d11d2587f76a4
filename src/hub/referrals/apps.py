from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """The front door: referrals from any agency, and the hub's triage of them."""

    name = "hub.referrals"
    label = "referrals"

    def ready(self) -> None:
        from hub.alerts.practice import register_deadline_event

        from . import access, practice, work  # noqa: F401 (registered on import)
        from .services import links  # noqa: F401 (subjects move with a person merge)

        register_deadline_event("referral_received", "A referral arrives at a hub")
        register_deadline_event("referral_decided", "Every person on a referral has a decision")
