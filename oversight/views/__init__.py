"""The regulator's workspace, a module per page group: ``overview`` (the overview, the list of a
selection, its exports), ``requests`` (regulators' requests on a record), ``reports`` (a
system's audit report and the page that verifies one)."""
