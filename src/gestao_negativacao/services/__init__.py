"""Use cases. Each takes a session factory and the acting user, checks permissions here
(not only in the GUI), writes its audit entry, and returns plain data."""
