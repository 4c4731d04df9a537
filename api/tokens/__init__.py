"""Personal API tokens: an agency's person acting for one of their organisations through the
draft API (``api/views/drafts.py``), with a scope and an expiry, revocable in the workspace."""
