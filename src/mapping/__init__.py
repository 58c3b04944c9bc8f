"""The October 1950 Telegram Map: the geographic directives of one telegram, drawn offline."""

__version__ = "0.1.0"
