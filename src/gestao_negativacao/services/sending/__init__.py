"""The sending pipeline (DESIGN §5): choosing integration and operator, the send queue,
the worker, outcomes. Built in steps; see each module."""
