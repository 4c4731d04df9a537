"""The API's models, each piece in a module of its own."""

from api.tokens.models import ApiToken, TokenScope  # noqa: F401
