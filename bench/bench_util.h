/*
 * bench_util.h - the small helpers every benchmark program shares: clocks,
 * the median of a sample of timings, and checked number parsing for
 * options. Header-only (static inline), for the programs in bench/.
 */
#ifndef NPS_BENCH_UTIL_H
#define NPS_BENCH_UTIL_H

#include <errno.h>
#include <stdlib.h>
#include <time.h>

/* The time of clock in seconds (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID). */
static inline double bench_seconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Wall-clock time in seconds. */
static inline double bench_now(void) {
  return bench_seconds(CLOCK_MONOTONIC);
}

static inline int bench_compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The median of x[0..n), n > 0; sorts x. */
static inline double bench_median(double *x, size_t n) {
  qsort(x, n, sizeof *x, bench_compare_doubles);
  return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

/* Parses s as a number in [lo, hi]; 0, or -1 when it is not one. */
static inline int bench_parse_number(const char *s, double lo, double hi,
                                     double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || !(v >= lo && v <= hi))
    return -1;
  *out = v;
  return 0;
}

#endif
