"""Loads the demo register (``register.yaml``): organisations, users for every role, and AI
systems taken through the real services (create, classify, submit, return, publish, withdraw).

Loading is idempotent: organisations are matched by short code, users by username and systems by
(organisation, slug), so a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction

from compliance.services import classification_apply
from demo.feedback import load_feedback
from register import schema
from register.i18n import CONTENT_LANGUAGES, column
from register.models import AISystem, Membership, Organisation, Status
from register.permissions import REGULATOR_GROUP
from register.services.organisations import membership_grant, organisation_upsert
from register.services.publication import (
    system_publish,
    system_return,
    system_submit,
    system_withdraw,
)
from register.services.records import PART_MODELS, system_create, system_update
from register.workflow import confirmation_names

DATA_FILE = Path(__file__).with_name("register.yaml")
DEMO_PASSWORD = "register-demo-2026"  # noqa: S105 — printed and documented on purpose


@dataclass
class DemoResult:
    organisations_created: int = 0
    systems_created: int = 0
    users: list[tuple[str, str]] = field(default_factory=list)  # (username, role description)
    # Short code → (English name, usernames of its editors and approvers).
    accounts: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # records the workflow did not let through


def _expand(values: dict[str, Any]) -> dict[str, Any]:
    """``{"name": {"kk": …, "ru": …, "en": …}}`` → ``{"name_kk": …, "name_ru": …, …}``."""
    expanded: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict) and set(value) <= set(CONTENT_LANGUAGES):
            for code in CONTENT_LANGUAGES:
                expanded[column(key, code)] = value.get(code, "")
        else:
            expanded[key] = value
    return expanded


def _user(
    username: str, *, email: str, password: str | None = DEMO_PASSWORD, **flags: Any
) -> AbstractBaseUser:
    """The user called ``username``, created if missing (``password=None``: with no usable
    password)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, email=email, password=password, **flags)
    return user


def _staff(
    result: DemoResult, organisations: dict[str, Organisation], *, demo_mode: bool
) -> dict[str, dict]:
    # Outside demo mode the published password would open the whole site: the administrator
    # gets none, and whoever runs the command sets one (manage.py changepassword admin).
    admin = _user(
        "admin",
        email="admin@example.gov.kz",
        password=DEMO_PASSWORD if demo_mode else None,
        is_staff=True,
        is_superuser=True,
    )
    result.users.append(("admin", "site administrator"))
    regulator = _user("regulator", email="regulator@example.gov.kz")
    regulator.groups.add(Group.objects.get_or_create(name=REGULATOR_GROUP)[0])
    result.users.append(("regulator", "regulator (reads every organisation)"))
    staff: dict[str, dict] = {}
    for code, organisation in organisations.items():
        people = {}
        for role in (Membership.Role.EDITOR, Membership.Role.APPROVER):
            username = f"{code}-{role}"
            user = _user(username, email=f"{username}@example.gov.kz")
            membership_grant(actor=admin, user=user, organisation=organisation, role=role)
            people[role] = user
            result.users.append((username, f"{role} at {code}"))
        result.accounts[code] = (
            organisation.name_en or code,
            [u.get_username() for u in people.values()],
        )
        staff[code] = people
    # A second approver at the ministry, so the four-eyes rule can be tried with demo accounts.
    second = _user("mdai-approver2", email="mdai-approver2@example.gov.kz")
    membership_grant(
        actor=admin, user=second, organisation=organisations["mdai"], role=Membership.Role.APPROVER
    )
    result.users.append(("mdai-approver2", "approver at mdai"))
    result.accounts["mdai"][1].append("mdai-approver2")
    return staff


def _take_through_workflow(
    system: AISystem, status: str, editor: AbstractBaseUser, approver: AbstractBaseUser
) -> None:
    if status == Status.DRAFT:
        return
    system = system_submit(system=system, actor=editor)
    if status == Status.RETURNED:
        system_return(
            system=system,
            actor=approver,
            comment="Please describe how people can appeal in Kazakh as well.",
        )
    elif status in (Status.PUBLISHED, Status.WITHDRAWN):
        system_publish(system=system, actor=approver, confirmed=confirmation_names("publish"))
        if status == Status.WITHDRAWN:
            system_withdraw(system=system, actor=approver)


@transaction.atomic
def load_demo(path: Path = DATA_FILE, *, demo_mode: bool = True) -> DemoResult:
    """Load the demo register from ``path``. ``demo_mode=False`` (an installation that is not
    a demonstration, loaded with ``seed_demo --force``) creates the site administrator without
    a password."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = DemoResult()
    organisations: dict[str, Organisation] = {}
    for entry in data["organisations"]:
        entry = dict(entry)
        code = entry.pop("short_code")
        parent = entry.pop("parent", None)
        fields = _expand(entry)
        fields["parent"] = organisations[parent] if parent else None
        organisations[code], created = organisation_upsert(actor=None, short_code=code, data=fields)
        result.organisations_created += created

    staff = _staff(result, organisations, demo_mode=demo_mode)
    existing = set(AISystem.objects.values_list("organisation__short_code", "slug"))
    for entry in data["systems"]:
        code, key = entry["organisation"], entry["key"]
        if (code, key) in existing:
            continue
        people = staff[code]
        editor, approver = people[Membership.Role.EDITOR], people[Membership.Role.APPROVER]
        fields = {**_expand(entry["fields"]), "slug": key}
        # What the public may see is the approver's decision, taken after the editor writes;
        # the role is the questionnaire's answer, which a new record starts from.
        decided_by_approver = schema.reserved_fields(None) - schema.questionnaire_fields()
        reserved = {k: fields.pop(k) for k in decided_by_approver if k in fields}
        system = system_create(
            organisation=organisations[code],
            actor=editor,
            data=fields,
            oversight=_expand(entry["oversight"]) if entry.get("oversight") else None,
            parts={name: [_expand(row) for row in entry.get(name) or []] for name in PART_MODELS},
        )
        if reserved:
            system = system_update(
                system=system, actor=approver, data=reserved, expected_revision=system.revision
            )
        if entry.get("classification"):
            classification_apply(system=system, actor=editor, answers=entry["classification"])
        try:
            _take_through_workflow(system, entry.get("status", Status.DRAFT), editor, approver)
        except ValidationError as error:
            # The workflow's own gates apply to demo records too; report, do not force.
            system.refresh_from_db()
            result.notes.append(
                f"{system.public_id} {key}: stays {system.status}: {' '.join(error.messages)}"
            )
        result.systems_created += 1
    load_feedback()
    return result
