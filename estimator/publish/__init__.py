"""Publishing: the label outside the app (a static site of cards a newsroom can host anywhere).

``options`` reads which options and comparisons to publish (validated exactly like the app's links);
``static_site`` writes the pages, cards and records. Pure library: no Streamlit, no network.

    >>> from estimator.publish import export_site
    >>> summary = export_site("site")  # each task's typical option and the classic comparisons
"""

from .options import Comparison, Option, default_entries, read_options_file
from .static_site import ExportSummary, export_site

__all__ = ["Comparison", "ExportSummary", "Option", "default_entries", "export_site", "read_options_file"]
