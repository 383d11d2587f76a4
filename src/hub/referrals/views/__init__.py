"""Pages of the front door."""
