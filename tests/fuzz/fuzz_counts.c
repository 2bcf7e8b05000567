/*
 * fuzz_counts.c - libFuzzer harness: arbitrary bytes through nps_csvin_read
 * as counts input (long, wide or trinomial form, as the CLI's --input
 * counts). The first byte picks the options (delimiter, skipping invalid
 * rows, group columns, a named score column, a group limit, a skipped row);
 * the rest is the file. Checks as in fuzz_common.h.
 */
#include "fuzz_common.h"

static const char *const by_one[] = {"channel"};
static const char *const by_two[] = {"channel", "month"};
static const char *const by_g[] = {"g"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  unsigned b = data[0];
  static const char delims[] = {0, ',', ';', '\t'};
  nps_csvin_options opt = {0};
  opt.input = NPS_INPUT_COUNTS;
  opt.delimiter = delims[b & 3];
  opt.skip_invalid = (b >> 2) & 1;
  switch ((b >> 3) & 3) {
  case 1:
    opt.group_columns = by_one, opt.n_group_columns = 1;
    break;
  case 2:
    opt.group_columns = by_two, opt.n_group_columns = 2;
    break;
  case 3:
    opt.group_columns = by_g, opt.n_group_columns = 1;
    break;
  }
  if ((b >> 5) & 1)
    opt.score_column = "score";
  size_t max_groups = (b >> 6) & 1 ? 3 : 0;
  opt.skip_rows = (b >> 7) & 1;

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
    FUZZ_CHECK(rep.counts_form[0] != '\0');
  }
  nps_table_free(t);
  return 0;
}
