#include "caseload/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void clock_init_fixed(struct clock *clock, time_t at)
{
	clock->is_fixed = true;
	clock->fixed = at;
}

/* Exactly two decimal digits. */
static bool clock_two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

bool clock_init_from_env(struct clock *clock)
{
	clock->is_fixed = false;
	clock->fixed = 0;
	const char *env = getenv("CASELOAD_NOW");
	if (!env || !*env)
		return true;
	/* exactly "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ": anything else is a mistake to report */
	size_t len = strlen(env);
	if (len != 10 && len != 20)
		return false;
	char day[DATE_TEXT_SIZE];
	int hh = 12, mm = 0, ss = 0;
	date_t d;
	memcpy(day, env, 10);
	day[10] = '\0';
	if (!date_parse(day, &d))
		return false;
	if (len == 20) {
		const char *t = env + 10;
		if (t[0] != 'T' || t[3] != ':' || t[6] != ':' || t[9] != 'Z' ||
		    !clock_two_digits(t + 1, &hh) || !clock_two_digits(t + 4, &mm) ||
		    !clock_two_digits(t + 7, &ss) || hh > 23 || mm > 59 || ss > 59)
			return false;
	}
	clock->fixed = (time_t)d * 86400 + hh * 3600 + mm * 60 + ss;
	clock->is_fixed = true;
	return true;
}

time_t clock_now(const struct clock *clock)
{
	return clock->is_fixed ? clock->fixed : time(NULL);
}

date_t clock_today(const struct clock *clock)
{
	time_t now = clock_now(clock);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void clock_timestamp(const struct clock *clock, char buf[32])
{
	struct timespec ts;
	if (clock->is_fixed) {
		ts.tv_sec = clock->fixed;
		ts.tv_nsec = 0;
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
	}
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char date[DATE_TEXT_SIZE];
	date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), date);
	snprintf(buf, 32, "%sT%02d:%02d:%02d.%02dZ", date, tm.tm_hour % 24, tm.tm_min % 60,
		 tm.tm_sec % 61, (int)(ts.tv_nsec / 10000000L) % 100);
}

void clock_format(time_t t, char buf[32])
{
	struct clock fixed;
	clock_init_fixed(&fixed, t);
	clock_timestamp(&fixed, buf);
}

bool clock_parse(const char *text, time_t *out)
{
	char day[DATE_TEXT_SIZE];
	int hh, mm, ss;
	date_t d;
	if (strlen(text) < 20 || text[10] != 'T')
		return false;
	memcpy(day, text, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || sscanf(text + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3)
		return false;
	*out = (time_t)d * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}
