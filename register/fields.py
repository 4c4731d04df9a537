"""Model fields of the register."""

from __future__ import annotations

from typing import Any

from django.core import validators
from django.db import models

# Paragraphs people write: a few pages at most.
LONG_TEXT = 10_000
# What a citizen reads first, a few sentences (the summary of a record, an address).
SHORT_TEXT = 2_000


class BoundedTextField(models.TextField):
    """Text of several lines with a maximum length that holds everywhere: forms (Django's own
    ``max_length``), services (``full_clean``: a validator, as on ``CharField``) and the
    database (the column is ``varchar(max_length)``). A plain ``TextField`` checks its
    ``max_length`` in forms only."""

    def __init__(self, *args: Any, max_length: int = LONG_TEXT, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(validators.MaxLengthValidator(self.max_length))

    def db_type(self, connection: Any) -> str:
        return f"varchar({int(self.max_length)})"
