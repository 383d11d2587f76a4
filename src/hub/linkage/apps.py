from django.apps import AppConfig


class LinkageConfig(AppConfig):
    """Record linkage across agencies: source records, runs, the review queue, `hub link`."""

    name = "hub.linkage"
    label = "linkage"

    def ready(self) -> None:
        from hub.people.record_links import RecordLink, register_record_link
        from hub.people.services.merge import PersonReference, register_person_reference
        from hub.platform.access import Permission

        from . import access, definitions  # noqa: F401 (registered on import)
        from .models import RecordJoin

        # A merge of two persons moves their agency records' joins; an unmerge moves them back.
        register_person_reference(PersonReference(RecordJoin, "person"))
        register_record_link(
            RecordLink("Agency records", "linkage:person-records", Permission.LINKAGE_REVIEW)
        )
