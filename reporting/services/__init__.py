"""Writes to reporting, one module per subject: `periods` (templates and reporting periods),
`reports` (activity reports), `feedback` (feedback and complaints), `statements` (financial
statements, attachments, budget lines) and `compilations` (half-year reports, annual
compilations). Import from the module that holds the function."""
