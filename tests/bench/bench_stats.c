#include "bench_stats.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/strbuf.h"

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void samples_add(struct samples *s, double value)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = value;
}

static int samples_compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double samples_quantile(const struct samples *s, double q)
{
	if (s->n == 0)
		return 0;
	double *sorted = xmalloc(s->n * sizeof *sorted);
	memcpy(sorted, s->v, s->n * sizeof *sorted);
	qsort(sorted, s->n, sizeof *sorted, samples_compare);
	size_t rank = (size_t)(q * (double)s->n + 0.999999);
	double value = sorted[rank == 0 ? 0 : rank - 1];
	free(sorted);
	return value;
}

void samples_free(struct samples *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}
