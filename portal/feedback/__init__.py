"""Citizen feedback: the public form, the sender's status page, the organisation's queue, the
escalation to the regulators and the summary on the card."""
