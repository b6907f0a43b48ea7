#ifndef CASELOAD_BENCH_STATS_H
#define CASELOAD_BENCH_STATS_H
/* Timing and statistics shared by the benchmark's figures. */
#include <stddef.h>

/* Monotonic milliseconds. */
double bench_now_ms(void);

/* A growing list of measurements in milliseconds. */
struct samples {
	double *v;
	size_t n, cap;
};
void samples_add(struct samples *s, double value);
/* The q-quantile by the nearest-rank rule (q = 0.5: the median); 0 when empty. */
double samples_quantile(const struct samples *s, double q);
void samples_free(struct samples *s);

#endif
