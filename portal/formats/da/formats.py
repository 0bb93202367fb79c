"""Danish dates (issue 11, point 2): "23. nov. 2026", and "23. nov. 2026 kl. 00.17" with the
time — the hour and minute joined by a dot after "kl.", as Danish writes it. One form on
every page, long and short alike: a request page once showed "7. dec. 2026",
"7. december 2026 kl. 15.48" and "07.12.2026 kl. 15.46" side by side (QA). Templates name
these formats (``|date``, ``|date:"SHORT_DATE_FORMAT"``, ``|date:"SHORT_DATETIME_FORMAT"``)
and never write their own; code uses ``django.utils.formats.date_format``.

Django's ``N`` gives the Danish month abbreviations with their full stop ("jan.", "nov.") and
leaves the short months whole ("marts", "maj", "juni").
"""

DATE_FORMAT = "j. N Y"
SHORT_DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = r"j. N Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"j. N Y \k\l. H.i"
TIME_FORMAT = "H.i"
