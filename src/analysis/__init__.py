"""zorgpilots shared analysis package."""

import pandas as _pd

# pandas 3 stores strings with pyarrow whenever pyarrow is installed (it is, for the columnar
# reader of large files); keep pandas' own string storage everywhere else, so missing text and
# string operations behave the same with or without pyarrow (analysis.columnar uses pyarrow
# explicitly where it is faster).
_pd.set_option("mode.string_storage", "python")
