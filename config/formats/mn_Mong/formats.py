# The one Mongolian (traditional script) date format used everywhere on the site.
# "2025 ᠣᠨ ᠤ 5 ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 13": year, genitive; month, genitive; day. Suffixes are joined
# with U+202F NARROW NO-BREAK SPACE as Mongolian orthography requires. Month names are
# numbers so that Django never falls back to its Cyrillic "mn" month names.
DATE_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ᠎ᠠ\u202fᠶᠢᠨ j"
DATE_WITH_WEEKDAY_FORMAT = DATE_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ᠎ᠠ\u202fᠶᠢᠨ j H:i"
YEAR_MONTH_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ᠎ᠠ"
MONTH_DAY_FORMAT = "n ᠰᠠᠷ᠎ᠠ\u202fᠶᠢᠨ j"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
