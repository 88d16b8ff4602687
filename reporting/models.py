# Report templates, activity reports, financial statements and compilations: see the reporting issue.
