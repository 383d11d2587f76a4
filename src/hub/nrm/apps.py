from django.apps import AppConfig


class NrmConfig(AppConfig):
    """National Referral Mechanism referrals, decisions and anonymous Duty to Notify records."""

    name = "hub.nrm"
    label = "nrm"

    def ready(self) -> None:
        from hub.alerts.practice import register_deadline_event

        from . import access, practice, work  # noqa: F401 (registered on import)

        register_deadline_event("nrm_submitted", "An NRM referral is submitted")
        register_deadline_event("nrm_rg_decided", "A reasonable grounds decision is recorded")
        register_deadline_event(
            "nrm_rg_positive", "A positive reasonable grounds decision starts the recovery period"
        )
        register_deadline_event("nrm_cg_decided", "A conclusive grounds decision is recorded")
