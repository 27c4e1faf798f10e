"""Running the application: users and their logins (``users``, ``user_changes``,
``login_throttle``), ``parameters``, the database ``connection`` and the shared server's
set-up (``server_setup``)."""
