"""zhfacts: facts from Chinese news articles. The public API, nothing else."""
from .core import Pipeline, extract
from .model import Article, Document, Fact, Removed

__all__ = ["Article", "Document", "Fact", "Pipeline", "Removed", "extract"]
__version__ = "0.1.0"
