from register.models.details import (
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Risk,
    Supplier,
)
from register.models.mail import EmailKind, EmailStatus, OutgoingEmail, Profile
from register.models.organisations import Membership, Organisation, Region
from register.models.public import PublicRecord
from register.models.systems import (
    PUBLIC_ID_PREFIX,
    ActRole,
    AISystem,
    ApplicationArea,
    Channel,
    DecisionRole,
    IdentifierSequence,
    Phase,
    PolicyArea,
    RiskClass,
    Status,
    Technique,
    Withholding,
)
from register.models.trail import HistoryContext, UserGroup
from register.models.versions import ImmutableError, PublishedVersion

__all__ = [
    "PUBLIC_ID_PREFIX",
    "AISystem",
    "ActRole",
    "ApplicationArea",
    "Channel",
    "DataSource",
    "DecisionRole",
    "EmailKind",
    "EmailStatus",
    "HistoryContext",
    "HumanOversight",
    "IdentifierSequence",
    "ImmutableError",
    "ImpactAssessment",
    "LegalBasis",
    "Membership",
    "Organisation",
    "OutgoingEmail",
    "Phase",
    "PolicyArea",
    "Profile",
    "PublicRecord",
    "PublishedVersion",
    "Region",
    "Risk",
    "RiskClass",
    "Status",
    "Supplier",
    "Technique",
    "UserGroup",
    "Withholding",
]
