"""Writes to the partnership register, one module per subject. Every function runs in one
transaction and records who made the change and why in the history.

- organisations: the organisations in the register
- agreements: a partnership's agreement text, goals, clauses and participations
- annexes: bilagor, their commitments and compensation rows
- committee: committee cases, decisions and delegations
- parties: parties joining and leaving (notices)
- extensions: the agreement period running on and out
- amendments: amendments and the signatures that put them in force
- money: payments, repayment claims and co-financing under a bilaga
"""


def apply_fields(obj, fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj
