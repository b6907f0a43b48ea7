#ifndef CASELOAD_DATE_H
#define CASELOAD_DATE_H
/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), so that
 * date rules are plain integer arithmetic. DATE_NONE marks an absent date. */
#include <stdbool.h>
#include <stdint.h>

typedef int32_t date_t;
#define DATE_NONE INT32_MIN
#define DATE_TEXT_SIZE 11 /* "YYYY-MM-DD" and its NUL */

date_t date_from_ymd(int year, int month, int day);
void date_to_ymd(date_t d, int *year, int *month, int *day);
bool date_valid_ymd(int year, int month, int day);

/* Parses exactly "YYYY-MM-DD" (a real calendar day, years 1800..2999). Returns false
 * and leaves *out untouched on anything else. */
bool date_parse(const char *s, date_t *out);

/* Writes "YYYY-MM-DD", or "" for DATE_NONE, into buf (DATE_TEXT_SIZE bytes). */
char *date_format(date_t d, char buf[DATE_TEXT_SIZE]);

/* Whole years from birth to `on` (the age a person has on that day). */
int date_age_years(date_t birth, date_t on);

/* 0 = Monday .. 6 = Sunday */
int date_weekday(date_t d);

#endif
