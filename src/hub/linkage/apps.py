from django.apps import AppConfig


class LinkageConfig(AppConfig):
    """Record linkage across agencies: normalisers, the model, `hub link`. No models yet."""

    name = "hub.linkage"
    label = "linkage"

    def ready(self) -> None:
        from . import definitions  # noqa: F401 (registered on import)
