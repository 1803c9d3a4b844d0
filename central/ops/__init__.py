"""Operations of the central: backups and restore (``backup``), retention of personal data
(``retention``) and the command line that runs them (``cli``). See docs/central-operations.md."""
