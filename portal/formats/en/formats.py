"""English dates for the portal's English pages: day first, as in Denmark, never "11/23/2026",
and one form on every page, long and short alike, as the Danish pages do ("8 Dec 2026" and
"8 Dec 2026, 01:20"; QA: a request page showed "8 December 2026, 01:20" beside "since 8 Dec
2026")."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
