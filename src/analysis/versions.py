"""The packages whose versions every colophon (notebook and index page) reports."""

PACKAGES = (
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "frictionless",
    "papermill",
    "nbconvert",
    "snakemake",
)
