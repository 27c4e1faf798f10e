"""Bureau adapters behind one interface, the error taxonomy and the sandbox (DESIGN §6)."""
