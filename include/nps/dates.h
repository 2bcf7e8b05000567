/*
 * dates.h - calendar dates and the periods of a trend: parsing date cells,
 * bucketing them into days, ISO weeks, months, quarters or years, and
 * period labels.
 *
 * A date cell is read as written, never guessed:
 *   - ISO 8601 by default: YYYY-MM-DD, or a date-time
 *     YYYY-MM-DD(T| )HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM|+HHMM|+HH]. The date
 *     of a date-time is the local date as written; the offset is checked
 *     and otherwise ignored (2025-03-31T23:30-05:00 is 31 March, though it
 *     is 1 April in UTC), so a period holds the answers of its local days.
 *   - a format (nps_date_parse with format != NULL) of strptime-like
 *     specifiers %d %m %Y %y %H %M %S and %% with literal text between
 *     them, e.g. "%d.%m.%Y" or "%m/%d/%Y %H:%M". %d, %m and %Y or %y are
 *     required. Numbers take one or two digits (%Y: four); %y maps 69..99
 *     to 1969..1999 and 00..68 to 2000..2068 (POSIX strptime).
 *   - a period label, the form nps_period_label writes: 2025-W09 (ISO
 *     week), 2025-03 (month), 2025-Q1 (quarter), 2025 (year). A label
 *     stands for its period; it can be bucketed into that period or a
 *     coarser one that contains it whole (a month into its quarter or
 *     year, a quarter into its year; a week only into weeks).
 * Surrounding spaces are ignored. Years run from 1 to 9999.
 *
 * Dates are day numbers: days since 1970-01-01 in the proleptic Gregorian
 * calendar. A period is an index: consecutive periods differ by one, so
 * the gaps of a series are the missing indexes.
 */
#ifndef NPS_DATES_H
#define NPS_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nps_period {
  NPS_PERIOD_DAY,
  NPS_PERIOD_WEEK, /* ISO 8601 week, Monday to Sunday, in its week-year */
  NPS_PERIOD_MONTH,
  NPS_PERIOD_QUARTER,
  NPS_PERIOD_YEAR
} nps_period;

/* Longest label nps_period_label writes, with its NUL ("2025-03-31"). */
#define NPS_PERIOD_LABEL_SIZE 16

/* Parses "day", "week", "month", "quarter", "year". NPS_EINVAL otherwise. */
NPS_API nps_status nps_period_parse(const char *name, nps_period *out);

/* The name nps_period_parse accepts. */
NPS_API const char *nps_period_name(nps_period p);

/* Periods per year, for slopes per year: 365.2425, 365.2425 / 7, 12, 4,
 * 1 (the mean Gregorian year). */
NPS_API double nps_period_per_year(nps_period p);

/* Checks a --date-format style format: the specifiers above, %d %m and a
 * year present once each. NPS_OK or NPS_EINVAL. */
NPS_API nps_status nps_date_format_check(const char *format);

/* The day number of year-month-day; NPS_EINVAL when it is not a date
 * (2023-02-29) or the year is outside 1..9999. */
NPS_API nps_status nps_date_from_ymd(int year, int month, int day,
                                     int64_t *out);

/* The year, month and day of day number days. */
NPS_API void nps_date_to_ymd(int64_t days, int *year, int *month, int *day);

/* Parses a date cell of len bytes (not necessarily NUL-terminated) as an
 * ISO 8601 date or date-time (format NULL) or with format, into a day
 * number. NPS_OK; NPS_EEMPTY for a blank cell; NPS_EINVAL when the cell is
 * not a date of that form, or format is invalid. */
NPS_API nps_status nps_date_parse(const char *s, size_t len, const char *format,
                                  int64_t *out);

/* The period index of day number days. */
NPS_API int64_t nps_period_of(nps_period p, int64_t days);

/* The first day of period index i. */
NPS_API int64_t nps_period_first_day(nps_period p, int64_t index);

/* The label of period index i: 2025-03-31, 2025-W14, 2025-03, 2025-Q1,
 * 2025. buf holds at least NPS_PERIOD_LABEL_SIZE bytes. */
NPS_API void nps_period_label(nps_period p, int64_t index, char *buf,
                              size_t size);

/* Buckets a cell into a period of p: a date (as nps_date_parse with
 * format), else a period label of p or of a finer period that p contains
 * whole (see above). *index receives the period, *first (may be NULL) the
 * day the cell stands for: the date, or a label's first day. NPS_OK;
 * NPS_EEMPTY for a blank cell; NPS_EINVAL when the cell is neither, or is a
 * label that p cannot hold whole (2025-03 by day, 2025-W09 by month). */
NPS_API nps_status nps_period_bucket(const char *s, size_t len,
                                     const char *format, nps_period p,
                                     int64_t *index, int64_t *first);

#ifdef __cplusplus
}
#endif
#endif
