"""Use cases of the queue and the ports they need (Unit of Work, Notifier, Clock)."""
