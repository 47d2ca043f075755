/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rng.h - a small seeded random generator, so every run can be replayed. */
#ifndef RAPPORT_RNG_H
#define RAPPORT_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t state; /* splitmix64 */
};

void rng_init(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
size_t rng_below(struct rng *r, size_t n);
/* Shuffles v[0..n) in place (Fisher-Yates). */
void rng_shuffle(struct rng *r, size_t *v, size_t n);

#endif
