/* core/date.h — calendar dates as ipsdesk stores them (ISO YYYY-MM-DD) and shows them
 * ("22 November 2026"), and "today" in Europe/London. Pure functions, no I/O, no TZ
 * database: the UK rule (BST from 01:00 UTC on the last Sunday of March to 01:00 UTC
 * on the last Sunday of October) is computed here. */
#ifndef IPS_DATE_H
#define IPS_DATE_H
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Days since 1970-01-01 (negative before). A plain integer so that subtraction gives
 * calendar days. */
typedef int32_t day_t;

/* Parses exactly "YYYY-MM-DD" naming a real day of the Gregorian calendar (years
 * 0001-9999: the interchange accepts any real date; forms judge plausibility). */
bool date_parse(const char *s, day_t *out);
/* Writes "YYYY-MM-DD" and a NUL into out (11 bytes). */
void date_iso(day_t d, char out[11]);
/* Writes "22 November 2026" into out (at least 20 bytes). */
void date_long(day_t d, char *out, size_t n);
day_t date_from_ymd(int y, int m, int d);
void date_to_ymd(day_t d, int *y, int *m, int *dd);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(day_t d);
/* True when the UK observes British Summer Time at this UTC instant. */
bool date_london_is_bst(time_t utc);
/* The calendar date in Europe/London at this UTC instant. */
day_t date_london_today(time_t utc);
/* Whole years between birth and on (age on that day); -1 if on is before birth. */
int date_age(day_t birth, day_t on);

#endif
