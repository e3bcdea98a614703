"""zorgpilots shared analysis package."""

from wrapt import register_post_import_hook as _when_imported


def _python_string_storage(pandas) -> None:  # noqa: ANN001 - the pandas module
    """pandas 3 stores strings with pyarrow whenever pyarrow is installed (it is, for the
    columnar reader of large files); keep pandas' own string storage everywhere else, so missing
    text and string operations behave the same with or without pyarrow (analysis.columnar uses
    pyarrow explicitly where it is faster)."""
    pandas.set_option("mode.string_storage", "python")


# Set when pandas is first imported (at once if it already is), not by importing it here: the
# pipeline's own processes (the parameter check, the notebook runner, the launcher) need no
# pandas, and importing it cost each of them 0.65 s (docs/performance.md).
_when_imported(_python_string_storage, "pandas")
