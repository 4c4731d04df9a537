"""How dates read in each interface language (``FORMAT_MODULE_PATH``). Only the display formats
are set here; what is not set (input formats, number separators) comes from Django's own module
for the language, or its defaults. Templates use the named formats (``|date:"SHORT_DATE_FORMAT"``),
never a pattern of their own, so that a date follows the page's language.

The month names these formats use are in the register's catalogue (``register/django_messages``,
contexts "alt. month" and "abbrev. month"): Kazakh in lower case as inside a date, Russian
abbreviations as Russian writes them («дек.», «мая», «сент.»).
"""
