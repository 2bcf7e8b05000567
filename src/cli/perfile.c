/*
 * perfile.c - per-file reader options: --a-X and --b-X set the reader option
 * --X for the first or the second input only (compare A.csv B.csv, when the
 * two were exported differently).
 *
 * The values are parsed by the same handler as the plain options
 * (cli_reader_option), into one cli_common per input, so a value is checked
 * and phrased the same way whatever its form; this file only records which
 * options each input has of its own and lays them over the shared ones.
 */
#include <string.h>

#include "common.h"
#include "perfile.h"

/* The flag name of a reader option; NULL for any other option. */
static const char *reader_name(int opt) {
  switch (opt) {
  case OPT_SCORE:
    return "score";
  case OPT_DELIMITER:
    return "delimiter";
  case OPT_SKIP_ROWS:
    return "skip-rows";
  case OPT_NA_VALUES:
    return "na-values";
  case OPT_SKIP_INVALID:
    return "skip-invalid";
  case OPT_SCORE_LABELS:
    return "score-labels";
  case OPT_INPUT:
    return "input";
  case OPT_WHERE:
    return "where";
  case OPT_EXCLUDE:
    return "exclude";
  default:
    return NULL;
  }
}

/* Splits a per-file id into the input (0, 1) and the plain option id;
 * returns -1 when id is not a per-file option. */
static int split_id(int id, int *opt) {
  int i = id >= CLI_PERFILE_B ? 1 : 0;
  *opt = id - (i ? CLI_PERFILE_B : CLI_PERFILE_A);
  return id >= CLI_PERFILE_A && reader_name(*opt) ? i : -1;
}

void cli_perfile_init(cli_perfile *p, const char *command) {
  memset(p->given, 0, sizeof p->given);
  p->first = 0;
  for (int i = 0; i < 2; i++) {
    cli_common_init(&p->over[i], command);
    p->over[i].prefix = i ? "b-" : "a-";
  }
}

void cli_perfile_free(cli_perfile *p) {
  cli_common_free(&p->over[0]);
  cli_common_free(&p->over[1]);
}

void cli_perfile_flag(char *buf, size_t size, int id) {
  int opt, i = split_id(id, &opt);
  if (i < 0)
    buf[0] = '\0';
  else
    snprintf(buf, size, "--%c-%s", i ? 'b' : 'a', reader_name(opt));
}

int cli_perfile_option(cli_perfile *p, int opt, const char *arg) {
  int plain, i = split_id(opt, &plain);
  if (i < 0)
    return -1;
  int rc = cli_reader_option(&p->over[i], plain, arg);
  if (rc)
    return rc;
  p->given[i] |= 1u << (plain - OPT_SCORE);
  if (!p->first)
    p->first = opt;
  return 0;
}

int cli_perfile_given(const cli_perfile *p, int i, int opt) {
  return (p->given[i] >> (opt - OPT_SCORE)) & 1u;
}

/* The filters of input i: the shared ones of each kind (keep, drop) that
 * the input has none of its own of, then its own. */
static void merge_filters(cli_perfile *p, const nps_csvin_options *shared,
                          int i, nps_csvin_options *out) {
  int own_where = cli_perfile_given(p, i, OPT_WHERE);
  int own_exclude = cli_perfile_given(p, i, OPT_EXCLUDE);
  if (!own_where && !own_exclude)
    return;
  size_t n = 0;
  for (size_t k = 0; k < shared->n_filters; k++) {
    const nps_csvin_filter *f = &shared->filters[k];
    if (f->exclude ? !own_exclude : !own_where)
      p->filters[i][n++] = *f;
  }
  const nps_csvin_options *own = &p->over[i].csv;
  for (size_t k = 0; k < own->n_filters; k++)
    p->filters[i][n++] = own->filters[k];
  out->filters = p->filters[i];
  out->n_filters = n;
}

void cli_perfile_csv(cli_perfile *p, const nps_csvin_options *shared, int i,
                     nps_csvin_options *out) {
  const nps_csvin_options *own = &p->over[i].csv;
  *out = *shared;
  if (cli_perfile_given(p, i, OPT_SCORE))
    out->score_column = own->score_column;
  if (cli_perfile_given(p, i, OPT_DELIMITER))
    out->delimiter = own->delimiter;
  if (cli_perfile_given(p, i, OPT_SKIP_ROWS))
    out->skip_rows = own->skip_rows;
  if (cli_perfile_given(p, i, OPT_NA_VALUES)) {
    out->na_values = own->na_values;
    out->n_na_values = own->n_na_values;
  }
  if (cli_perfile_given(p, i, OPT_SKIP_INVALID))
    out->skip_invalid = 1;
  if (cli_perfile_given(p, i, OPT_SCORE_LABELS))
    out->score_labels = 1;
  if (cli_perfile_given(p, i, OPT_INPUT))
    out->input = own->input;
  merge_filters(p, shared, i, out);
}
