"""Pipeline glue: the run configuration, parameter checks, notebook execution and rendering."""
