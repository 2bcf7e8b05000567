/*
 * fuzz_csvfast.c - libFuzzer harness: the reader's fast scan against
 * libcsv (csvfast_diff.h). The first byte picks the options (delimiter,
 * raw or counts input, skipping invalid rows, group columns by position,
 * NA values, a filter, a small field limit); the rest is the file, read
 * three ways. Any difference in status, error, report or table traps.
 */
#include "csvfast_diff.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  unsigned b = data[0];
  nps_csvin_options opt;
  csvfast_options(b, &opt);
  const char *why = csvfast_diff(data + 1, size - 1, &opt, 0, NULL);
  if (why) {
    fprintf(stderr, "fuzz_csvfast: %s (options byte 0x%02x)\n", why, b);
    abort();
  }
  return 0;
}
