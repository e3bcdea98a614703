"""zorgpilots shared analysis package."""
