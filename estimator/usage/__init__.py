"""A person's own AI use, read from a chatbot data export (apart from the physics in ``estimator``).

``exports.read_export`` turns the bytes of a ChatGPT or Claude export (``conversations.json``, the
zip as downloaded, or the newer split ``conversations-NNN.json`` files) into an
``ExportSummary`` of counts, dates, model names and estimated tokens, never any content.
Token estimates come from ``data/token_ratios.csv`` (``tokens.py``). Nothing here writes to disk,
logs, or imports the app.
"""

from .exports import MAX_EXPORT_BYTES, MAX_ZIP_ENTRIES, read_export
from .summary import ExportSummary, ModelMonthUsage, MonthUsage, Tokens

__all__ = ["MAX_EXPORT_BYTES", "MAX_ZIP_ENTRIES", "read_export", "ExportSummary", "ModelMonthUsage",
           "MonthUsage", "Tokens"]
