"""Reporting: the index page with its scoreboard and colophon, failure summaries."""
