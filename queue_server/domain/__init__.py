"""The queue domain in plain Python: states, numbering, priority order, estimates."""
