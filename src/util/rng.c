#include "caseload/rng.h"

void rng_seed(struct rng *rng, uint64_t seed)
{
	rng->state = seed;
}

uint64_t rng_next(struct rng *rng)
{
	uint64_t z = (rng->state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t rng_below(struct rng *rng, uint32_t n)
{
	/* Lemire's multiply-shift; the bias is far below anything demo data cares about */
	return (uint32_t)(((rng_next(rng) >> 32) * (uint64_t)n) >> 32);
}

int rng_range(struct rng *rng, int lo, int hi)
{
	return lo + (int)rng_below(rng, (uint32_t)(hi - lo + 1));
}

int rng_chance(struct rng *rng, int percent)
{
	return (int)rng_below(rng, 100) < percent;
}
