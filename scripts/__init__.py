"""Maintenance scripts run by hand (screenshots for the README)."""
