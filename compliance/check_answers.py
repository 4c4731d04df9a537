"""The questionnaire's "check your answers" list (the GOV.UK pattern): every question of every
step with the answer given, read back through the step's own form so that the words shown are
the words the editor chose from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.questionnaire import STEPS, Step

NOT_ANSWERED = _("Not answered")
NONE_CHOSEN = _("None of these")


@dataclass(frozen=True)
class AnswerRow:
    question: Any
    answer: Any | list[Any]
    answered: bool

    @property
    def several(self) -> bool:
        return isinstance(self.answer, list)


@dataclass(frozen=True)
class StepAnswers:
    step: Step
    number: int
    rows: tuple[AnswerRow, ...]


def _row(field: forms.Field, name: str, initial: dict[str, Any]) -> AnswerRow:
    if name not in initial:
        return AnswerRow(field.label, NOT_ANSWERED, False)
    value = initial[name]
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        chosen = [labels[key] for key in value or () if key in labels]
        return AnswerRow(field.label, chosen or NONE_CHOSEN, True)
    if isinstance(field, forms.ChoiceField):
        label = dict(field.choices).get(value)
        if label is None:
            return AnswerRow(field.label, NOT_ANSWERED, False)
        return AnswerRow(field.label, label, True)
    text = str(value or "").strip()
    return AnswerRow(field.label, text or NOT_ANSWERED, bool(text))


def answers_by_step(answers: dict[str, Any], *, system: Any = None) -> list[StepAnswers]:
    """One entry per step, in order, with a row per question; nothing is saved or queried."""
    summary = []
    for number, step in enumerate(STEPS, start=1):
        initial = step.form_class.initial_from(answers, system=system)
        fields = step.form_class.base_fields
        rows = tuple(_row(field, name, initial) for name, field in fields.items())
        summary.append(StepAnswers(step, number, rows))
    return summary
