"""Context for this app's tabs on the dossier page (see ilot.dossiers.views.TAB_PROVIDERS)."""
