"""The `hub` command: Django's management commands plus the project's own."""

import os
import sys


def main() -> None:
    """Run a management command; `hub serve` and friends live in the apps' commands."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hub", *sys.argv[1:]])


if __name__ == "__main__":
    main()
