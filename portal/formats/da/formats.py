"""Danish dates (issue 11, point 2): "23. november 2026" long, "23. nov. 2026" short, and
"23.11.2026 kl. 00.17" with the time — the hour and minute joined by a dot after "kl.", as
Danish writes it. Templates name these formats (``|date``, ``|date:"SHORT_DATE_FORMAT"``,
``|date:"SHORT_DATETIME_FORMAT"``) and never write their own; code uses
``django.utils.formats.date_format``.

Django's ``N`` gives the Danish month abbreviations with their full stop ("jan.", "nov.") and
leaves the short months whole ("marts", "maj", "juni").
"""

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H.i"
TIME_FORMAT = "H.i"
