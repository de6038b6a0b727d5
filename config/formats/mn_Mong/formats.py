# The one Mongolian (traditional script) date format used everywhere on the site, as Inner
# Mongolian publications write it: "2025 ᠣᠨ ᠤ 5 ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 13" (year, genitive; month,
# genitive; day). Case suffixes are joined with U+202F NARROW NO-BREAK SPACE and the final
# vowel of ᠰᠠᠷ᠎ᠠ is separated with U+180E MONGOLIAN VOWEL SEPARATOR, as the orthography
# requires. Months are numbers, as in Chinese; templates pass dates through |tcy_digits so
# that the one- and two-digit month and day stand upright in vertical text. Weekday names
# ("l") come from our mn_Mong catalogue (ᠭᠠᠷᠠᠭ ᠤᠨ ᠬᠣᠶᠠᠷ for Tuesday), never from Django's
# Cyrillic "mn" one (see core.apps). docs/bilingual.md describes the format.
DATE_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j"
DATE_WITH_WEEKDAY_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j᠂ l"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j H:i"
YEAR_MONTH_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ\u180eᠠ"
MONTH_DAY_FORMAT = "n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
