"""What the bureaus need before anything is sent (DESIGN §7): ``integrations`` (address,
environment, companies, the bureau's own code lists), ``operators`` and their secrets in
this workstation's keyring (``credentials``)."""
