from __future__ import annotations

import pytest

from register.models import AISystem
from tests.factories import complete_system
from tests.oversight.report_support import KAZAKH_NAME


@pytest.fixture
def reported_system(agency, editor, publish) -> AISystem:
    """A record of the agency, published once, with a Kazakh name and open findings."""
    system = publish(complete_system(agency, editor, name_kk=KAZAKH_NAME))
    return AISystem.objects.select_related("organisation").get(pk=system.pk)
