/*
 * fuzz_competitors.c - libFuzzer harness: arbitrary bytes through
 * nps_competitors_read (the benchmark's competitors file). The first byte
 * picks the options (delimiter, skipping invalid rows, how distribution
 * cells are read); the rest is the file. Beyond the sanitizers it checks
 * what benchmark.h promises: a failed read has a clean message and a line
 * unless the failure is not tied to one; a successful read holds rows
 * with a non-empty UTF-8 name, an NPS in -1..1, counts that sum to n,
 * shares that sum to 1, and industry percentiles in -1..1.
 */
#include <math.h>

#include "fuzz_common.h"
#include "nps/benchmark.h"

static void check_row(const nps_competitor *r) {
  FUZZ_CHECK(r->name && r->name_len == strlen(r->name) && r->name_len > 0);
  FUZZ_CHECK(fuzz_utf8_valid(r->name, r->name_len));
  FUZZ_CHECK(r->has_nps && r->nps >= -1 && r->nps <= 1);
  /* after the header; a CR-only record end inside a file of LF lines
   * keeps a row on the header's physical line */
  FUZZ_CHECK(r->line >= 1);
  if (r->has_counts) {
    FUZZ_CHECK(r->has_n && r->n > 0);
    FUZZ_CHECK(nps_counts_total(&r->counts) == r->n);
  }
  if (r->has_dist) {
    double s = r->shares.promoters + r->shares.passives + r->shares.detractors;
    FUZZ_CHECK(fabs(s - 1) < 1e-9);
    FUZZ_CHECK(fabs(r->shares.promoters - r->shares.detractors - r->nps) <
               1e-9);
  }
  for (int j = 0; j < NPS_CONTEXT_N; j++)
    FUZZ_CHECK(!r->context[j] ||
               fuzz_utf8_valid(r->context[j], strlen(r->context[j])));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  unsigned b = data[0];
  static const char delims[] = {0, ',', ';', '\t'};
  static const nps_shares_mode modes[] = {
      NPS_SHARES_AUTO, NPS_SHARES_AUTO, NPS_SHARES_PERCENT, NPS_SHARES_COUNTS};
  nps_competitors_options opt = {delims[b & 3], modes[(b >> 3) & 3],
                                 (b >> 2) & 1};
  FILE *in = fuzz_open(data + 1, size - 1);
  if (!in)
    return 0;
  nps_competitors *c = NULL;
  nps_csvin_error err;
  nps_status st = nps_competitors_read(in, &opt, &c, &err);
  fclose(in);
  fuzz_check_text(err.message, sizeof err.message);
  if (st != NPS_OK) {
    FUZZ_CHECK(c == NULL);
    FUZZ_CHECK(err.message[0] != '\0');
    return 0;
  }
  FUZZ_CHECK(c != NULL);
  FUZZ_CHECK(c->shares == NPS_SHARES_PERCENT || c->shares == NPS_SHARES_COUNTS);
  for (size_t i = 0; i < c->n_rows; i++)
    check_row(&c->rows[i]);
  for (int i = 0; i < NPS_BENCHMARK_BANDS; i++)
    FUZZ_CHECK(isnan(c->band[i]) || (c->band[i] >= -1 && c->band[i] <= 1));
  if (c->invalid) {
    fuzz_check_text(c->first_invalid.message, sizeof c->first_invalid.message);
    FUZZ_CHECK(c->first_invalid.line > 0);
  }
  nps_competitors_free(c);
  return 0;
}
