"""Accounts: staff's pages for representatives' accounts (invite, deactivate and reactivate,
reset the second factor; `services`, `views`, `forms`) and the signed-in person's own account pages
under /konto/ (`urls`: second factor and password). The User and AccountEvent models stay in
partnerships for now."""
