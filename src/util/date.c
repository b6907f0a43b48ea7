#include "caseload/date.h"

#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date. */
date_t date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(date_t d, int *year, int *month, int *day)
{
	int z = d + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int m = mp + (mp < 10 ? 3 : -9);
	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = doy - (153 * mp + 2) / 5 + 1;
}

static int date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

bool date_valid_ymd(int year, int month, int day)
{
	return year >= 1800 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

static bool date_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool date_parse(const char *s, date_t *out)
{
	int y, m, d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!date_digits(s, 4, &y) || !date_digits(s + 5, 2, &m) || !date_digits(s + 8, 2, &d))
		return false;
	if (!date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

char *date_format(date_t d, char buf[DATE_TEXT_SIZE])
{
	if (d == DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	/* the bounds keep the text exactly ten characters */
	y = y < 0 ? 0 : y % 10000;
	buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10), buf[4] = '-';
	buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10), buf[7] = '-';
	buf[8] = (char)('0' + day / 10), buf[9] = (char)('0' + day % 10), buf[10] = '\0';
	return buf;
}

int date_age_years(date_t birth, date_t on)
{
	int by, bm, bd, oy, om, od;
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	int age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--;
	return age;
}

int date_weekday(date_t d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	int w = (d + 3) % 7;
	return w < 0 ? w + 7 : w;
}
