"""The pages that gather several apps, each composed in one module that lists its sections in
the order it shows them: the partnership page (partnership.py), its history timeline
(history.py), Kommande and the calendar feed (deadlines.py), the NGO portal's home (portal.py).

They live in the project package because they read every app: partnerships is the base;
governance and reporting build on it (governance may also import reporting, never the other way
round); only the project package imports all three.
"""
