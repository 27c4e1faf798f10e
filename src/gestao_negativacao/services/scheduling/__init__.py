"""Automation (issue 8): schedules, their runs, the lease that keeps one runner per
schedule, the jobs (inclusion 44, removal 43, the legal removals, ERP synchronisation) and
the e-mail summary."""
