"""System checks of the project's own settings (``manage.py check --deploy`` in CI and before
each release)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"
# The key that settings fall back to in debug mode (config/settings.py).
DEBUG_KEY = "insecure-development-key-only-for-debug-mode"


def example_secret_key(path: Path = ENV_EXAMPLE) -> str | None:
    """The placeholder SECRET_KEY of ``.env.example`` (``None`` if the file is not there, as
    in the production image)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        name, sep, value = line.partition("=")
        if sep and name.strip() == "SECRET_KEY":
            return value.strip()
    return None


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key_is_not_a_placeholder(app_configs: Any = None, **kwargs: Any) -> list:
    """config.E001: the SECRET_KEY is the example's, a "change-me" value or the debug key."""
    key = settings.SECRET_KEY
    placeholders = {DEBUG_KEY, example_secret_key()} - {None, ""}
    if key in placeholders or key.lower().startswith("change-me"):
        return [
            checks.Error(
                "SECRET_KEY is a published placeholder (from .env.example or the debug default).",
                hint=(
                    "Set SECRET_KEY to a new random value, e.g. the output of python -c "
                    "'import secrets; print(secrets.token_urlsafe(50))'."
                ),
                id="config.E001",
            )
        ]
    return []
