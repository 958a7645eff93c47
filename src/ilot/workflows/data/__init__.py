"""Data files shipped with the workflow engines (taxonomy copy, default template)."""
