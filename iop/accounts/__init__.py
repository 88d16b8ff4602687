"""Accounts, a Django app (label "accounts"): the User model (AUTH_USER_MODEL), AccountEvent
and EnrolmentCode (`models`; their tables kept their partnerships_* names); staff's pages for
representatives' accounts (invite, deactivate and reactivate, reset the second factor;
`services`, `views`, `forms`, namespace "accounts"), the signed-in person's own account pages under
/konto/ (`urls`: second factor and password), and the admin of users, groups and devices."""
