"""Sphinx configuration of the zorgpilots site (built by analysis.report.site; never executes)."""

project = "zorgpilots"
author = "zorgpilots contributors"
copyright = "zorgpilots contributors; code MIT, text CC BY 4.0"
extensions = ["myst_nb"]
language = "en"
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]

# the pipeline already executed every notebook (reports/executed): never re-execute
nb_execution_mode = "off"
nb_remove_code_source = True
nb_remove_code_outputs = False
nb_merge_streams = True
nb_render_markdown_format = "myst"
myst_enable_extensions = ["dollarmath", "deflist"]

html_theme = "furo"
html_title = "zorgpilots: reproduced evaluations"
html_static_path = ["_static"]
html_css_files = ["zorg.css"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
html_theme_options = {"navigation_with_keys": True}
