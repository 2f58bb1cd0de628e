"""Every write to the ledger goes through these functions: permission, validation, change
record and save, in that order, in one transaction."""
