"""Queue tickets: where numbers come from and how a ticket reaches the citizen."""
