from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The synthetic region generator."""

    name = "hub.demo"
    label = "demo"
