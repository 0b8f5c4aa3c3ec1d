/* core/date.c — calendar arithmetic on day numbers (days since 1970-01-01), ISO and
 * long formats, and the date in Europe/London computed from the UK summer-time rule.
 * Pure functions: the caller passes the instant; nothing here reads a clock. */
#include "core/date.h"
#include <stdio.h>
#include <string.h>

static const char *const MONTHS[] = {"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"};

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : len[m - 1];
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
day_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (day_t)(era * 146097 + doe - 719468);
}

void date_to_ymd(day_t z, int *y, int *m, int *d)
{
	int zz = z + 719468;
	int era = (zz >= 0 ? zz : zz - 146096) / 146097;
	int doe = zz - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

bool date_parse(const char *s, day_t *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return false;
	if (out)
		*out = date_from_ymd(y, m, d);
	return true;
}

void date_iso(day_t d, char out[11])
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	if (y < 0 || y > 9999) {
		strcpy(out, "0000-00-00");
		return;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, dd);
}

/* Appends v in decimal at p; the end. */
static char *put_int(char *p, int v)
{
	char t[12], *q = t + sizeof t;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do
		*--q = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--q = '-';
	size_t k = (size_t)(t + sizeof t - q);
	memcpy(p, q, k);
	return p + k;
}

void date_long(day_t d, char *out, size_t n)
{
	/* pages call this for every date they show: no printf. Formatted whole, then cut to
	 * n as snprintf would. */
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	char t[40];
	char *p = put_int(t, dd);
	*p++ = ' ';
	size_t k = strlen(MONTHS[m - 1]);
	memcpy(p, MONTHS[m - 1], k);
	p += k;
	*p++ = ' ';
	p = put_int(p, y);
	if (!n)
		return;
	k = (size_t)(p - t) < n - 1 ? (size_t)(p - t) : n - 1;
	memcpy(out, t, k);
	out[k] = 0;
}

int date_weekday(day_t d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)((d + 3) % 7);
	return w < 0 ? w + 7 : w;
}

/* The last Sunday of a month, as a day number. */
static day_t last_sunday(int y, int m)
{
	day_t last = date_from_ymd(y, m, date_days_in_month(y, m));
	return last - (date_weekday(last) + 1) % 7;
}

bool date_london_is_bst(time_t utc)
{
	int64_t t = (int64_t)utc;
	int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int y, m, d;
	date_to_ymd((day_t)day, &y, &m, &d);
	/* BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
	 * Sunday of October (Summer Time Order 2002). */
	int64_t start = (int64_t)last_sunday(y, 3) * 86400 + 3600;
	int64_t end = (int64_t)last_sunday(y, 10) * 86400 + 3600;
	return t >= start && t < end;
}

day_t date_london_today(time_t utc)
{
	int64_t t = (int64_t)utc + (date_london_is_bst(utc) ? 3600 : 0);
	return (day_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

int date_age(day_t birth, day_t on)
{
	if (on < birth)
		return -1;
	int by, bm, bd, oy, om, od;
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	int age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--;
	return age;
}
