from api.imports.models import ImportJob  # noqa: F401
