"""The demonstration register: the demo data set (``register.yaml``) with users for every role,
and synthetic records in bulk for load tests. It sits above the records and the rule engine and
writes through their services, as an agency would."""
