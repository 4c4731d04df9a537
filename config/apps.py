from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package as an app, for what belongs to no app: its system checks."""

    name = "config"
    label = "project"
    verbose_name = "AI register"

    def ready(self) -> None:
        from config import checks  # noqa: F401 — registers the project's system checks
