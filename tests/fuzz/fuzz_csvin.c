/*
 * fuzz_csvin.c - libFuzzer harness: arbitrary bytes through nps_csvin_read
 * as raw responses. The first byte picks the options (delimiter, skipping
 * invalid rows, labelled scores, group columns and a group limit, NA values
 * and a filter, a named score column with a skipped row and a small field
 * limit); the rest is the file. Besides the sanitizers' checks, every read
 * must keep the promises checked in fuzz_common.h, and a successful read
 * must account for each data record once.
 */
#include "fuzz_common.h"

static const char *const by_one[] = {"region"};
static const char *const by_two[] = {"region", "channel"};
static const char *const by_channel[] = {"channel"};
static const char *const na_custom[] = {"NA", "5", "x", "-"};
static const char *const preview[] = {"Survey Preview"};
static const nps_csvin_filter not_preview[] = {{"Status", preview, 1, 1}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  unsigned b = data[0];
  static const char delims[] = {0, ',', ';', '\t'};
  nps_csvin_options opt = {0};
  size_t max_groups = 0;
  opt.delimiter = delims[b & 3];
  opt.skip_invalid = (b >> 2) & 1;
  opt.score_labels = (b >> 3) & 1;
  switch ((b >> 4) & 3) {
  case 1:
    opt.group_columns = by_one, opt.n_group_columns = 1;
    break;
  case 2:
    opt.group_columns = by_two, opt.n_group_columns = 2;
    break;
  case 3:
    opt.group_columns = by_channel, opt.n_group_columns = 1;
    max_groups = 3;
    break;
  }
  if ((b >> 6) & 1) {
    opt.na_values = na_custom;
    opt.n_na_values = sizeof na_custom / sizeof na_custom[0];
    opt.filters = not_preview;
    opt.n_filters = 1;
    /* one group column, as a paired compare reads its id */
    opt.unique_keys = opt.n_group_columns == 1 && max_groups == 0;
  }
  if ((b >> 7) & 1) {
    opt.score_column = "score";
    opt.skip_rows = 1;
    opt.max_field = 256;
  }

  FILE *in = fuzz_open(data + 1, size - 1);
  nps_table *t = nps_table_new(max_groups);
  if (!in || !t) {
    if (in)
      fclose(in);
    nps_table_free(t);
    return 0;
  }
  nps_csvin_report rep;
  nps_csvin_error err;
  nps_status st = nps_csvin_read(in, &opt, t, &rep, &err);
  fclose(in);
  fuzz_check_messages(st, &rep, &err);
  if (st == NPS_OK) {
    fuzz_check_table(t, opt.n_group_columns, &rep);
    FUZZ_CHECK(rep.responses + rep.missing + rep.filtered + rep.invalid ==
               rep.records);
    FUZZ_CHECK(opt.skip_invalid || rep.invalid == 0);
    for (size_t i = 0; opt.unique_keys && i < nps_table_size(t); i++) {
      const nps_group *g = nps_table_group(t, i);
      FUZZ_CHECK(g->key_len == 0 || nps_hist_total(&g->hist) + g->missing <= 1);
    }
  }
  nps_table_free(t);
  return 0;
}
