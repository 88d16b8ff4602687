"""Bringing an agreement in from its document: `extract` reads the text out of the uploaded
file, `sections` finds the agreement's headings, `propose` reads what the data model holds from
the text, each proposal with the passage it came from. Nothing here writes: the services
(`partnerships.services.imports`) create what the handläggare accepted."""
