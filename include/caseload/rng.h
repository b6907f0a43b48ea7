#ifndef CASELOAD_RNG_H
#define CASELOAD_RNG_H
/* A small seeded generator (splitmix64) so demo data is reproducible from its seed. */
#include <stdint.h>

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *rng, uint64_t seed);
uint64_t rng_next(struct rng *rng);
/* Uniform in [0, n); n > 0. */
uint32_t rng_below(struct rng *rng, uint32_t n);
/* Uniform in [lo, hi]. */
int rng_range(struct rng *rng, int lo, int hi);
/* True with probability percent/100. */
int rng_chance(struct rng *rng, int percent);

#endif
