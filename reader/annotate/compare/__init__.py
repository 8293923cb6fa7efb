"""What did the translation change: discrepancies between aligned paragraphs
(`compare_documents`) and spans projected across an aligned translation (`projection`)."""

from reader.annotate.compare.discrepancies import Comparison, Discrepancy, Excerpt, compare_documents

__all__ = ["Comparison", "Discrepancy", "Excerpt", "compare_documents"]
