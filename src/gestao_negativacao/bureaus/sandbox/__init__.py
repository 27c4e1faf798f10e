"""The sandbox bureau (DESIGN §6): one local HTTP server speaking each integrator's
protocol, keeping what it received, answering duplicates as the bureau does, and injecting
latency and faults on request. The homologation environment for integrators without one,
the demo, and the target of the tests and benchmarks."""

from gestao_negativacao.bureaus.sandbox.server import SandboxServer, running_sandbox

__all__ = ["SandboxServer", "running_sandbox"]
