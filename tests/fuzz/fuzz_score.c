/*
 * fuzz_score.c - libFuzzer harness for nps_csvin_parse_score. The first
 * byte's low bit turns labelled scores on; the rest is the cell. The answer
 * is compared with a second, independently written reading of the rule in
 * include/nps/csvin.h: spaces (blanks) around the cell, then an integer
 * 0..10 with optional leading zeros, an optional fraction of zeros only
 * (".0", ".00"), and with labels any text after a space; a blank cell is
 * NPS_EEMPTY, anything else NPS_ESCORE.
 */
#include "fuzz_common.h"

static int blank(unsigned char c) {
  return c == ' ' || c == '\t';
}

/* The rule, as a scan: returns the status and sets *score. */
static nps_status reference(const unsigned char *s, size_t n, int labels,
                            int *score) {
  size_t lo = 0, hi = n;
  while (lo < hi && blank(s[lo]))
    lo++;
  while (hi > lo && blank(s[hi - 1]))
    hi--;
  if (lo == hi)
    return NPS_EEMPTY;
  size_t i = lo;
  while (i < hi && s[i] == '0')
    i++;
  size_t sig = i; /* first significant digit */
  while (i < hi && s[i] >= '0' && s[i] <= '9')
    i++;
  if (i == lo)
    return NPS_ESCORE; /* no digit at all */
  size_t ndig = i - sig;
  if (ndig > 2)
    return NPS_ESCORE;
  int v = 0;
  for (size_t k = sig; k < i; k++)
    v = 10 * v + (s[k] - '0');
  if (v > 10)
    return NPS_ESCORE;
  if (i < hi && s[i] == '.') {
    size_t z = i + 1;
    while (z < hi && s[z] == '0')
      z++;
    if (z == i + 1)
      return NPS_ESCORE; /* "9." or "9.5" */
    i = z;
  }
  if (i < hi && !(labels && s[i] == ' '))
    return NPS_ESCORE;
  *score = v;
  return NPS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  int labels = data[0] & 1;
  const char *cell = (const char *)data + 1;
  size_t len = size - 1;
  int got = -1, want = -1;
  nps_status st = nps_csvin_parse_score(cell, len, labels, &got);
  nps_status ref = reference(data + 1, len, labels, &want);
  FUZZ_CHECK(st == ref);
  if (st == NPS_OK) {
    FUZZ_CHECK(got == want);
    FUZZ_CHECK(got >= 0 && got <= 10);
  }
  return 0;
}
