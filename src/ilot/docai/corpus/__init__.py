"""Synthetic training corpus for document classification (issue 4).

`generate_corpus(out_dir, per_class=N, seed=S)` writes N documents of each of the 49
categories of taxonomy.yaml, in mixed formats (born-digital PDF, DOCX, XLSX and scans), and
a `labels.tsv` listing them.
"""

from .generate import COLUMNS, categories, generate_corpus

__all__ = ["COLUMNS", "categories", "generate_corpus"]
