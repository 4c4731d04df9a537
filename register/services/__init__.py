"""Services: the only code that writes register data. Each is keyword-only, atomic, validates
with ``full_clean()``, and records the actor and action in the audit trail."""
