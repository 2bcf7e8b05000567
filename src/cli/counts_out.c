/*
 * counts_out.c - `--format counts`: the group histograms a command read,
 * written in the long counts layout that `--input counts` reads back
 * (csvin.h): the group columns, then `score` and `count`, one row per
 * group and score with answers, and one row with an empty score for a
 * group's missing answers. Summarising shards to counts and reading all
 * the counts files as one data set gives what one run over all the raw
 * rows gives (docs/scale.md, "Shards").
 *
 * Cells are RFC 4180: quoted when they hold a delimiter, a quote, a line
 * end or surrounding blanks, with no spreadsheet guard (unlike --format
 * csv), so that every group value reads back byte for byte.
 */
#include <string.h>
#include <strings.h>

#include "common.h"
#include "counts_out.h"
#include "outfile.h"

int cli_counts_command(const char *command) {
  return strcmp(command, "summary") == 0 || strcmp(command, "segments") == 0 ||
         strcmp(command, "trend") == 0;
}

/* The names the reader takes for the score and count columns of the long
 * layout: a group column so named would be read as one of them. */
static int reserved(const char *name) {
  static const char *const names[] = {"score",     "count", "n",
                                      "responses", "freq",  "frequency"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcasecmp(name, names[i]) == 0)
      return 1;
  return 0;
}

int cli_counts_check(const cli_common *c, const char *other_chart) {
  if (c->plot || other_chart)
    return cli_usage_error(c->command,
                           "--format counts writes the histograms only: no "
                           "chart goes with it");
  for (size_t i = 0; i < c->csv.n_group_columns; i++)
    if (reserved(c->csv.group_columns[i]))
      return cli_usage_error(c->command,
                             "--format counts: a group column named '%s' "
                             "would read back as the score or count column",
                             c->csv.group_columns[i]);
  return 0;
}

/* One cell, quoted when the reader would not give it back as written. */
static void put_cell(FILE *fp, const char *s, size_t len) {
  int quote = len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
                      s[len - 1] == '\t');
  for (size_t i = 0; i < len && !quote; i++)
    quote = strchr(",;|\t\"\r\n", s[i]) && s[i] != '\0';
  if (len >= 4 && memcmp(s, "sep=", 4) == 0)
    quote = 1;
  if (!quote) {
    fwrite(s, 1, len, fp);
    return;
  }
  fputc('"', fp);
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '"')
      fputc('"', fp);
    fputc(s[i], fp);
  }
  fputc('"', fp);
}

static void put_key(FILE *fp, const nps_group *g, size_t ncols) {
  for (size_t k = 0; k < ncols; k++) {
    const char *part;
    size_t len;
    nps_key_part(g->key, g->key_len, k, &part, &len);
    put_cell(fp, part, len);
    fputc(',', fp);
  }
}

static void put_rows(FILE *fp, const nps_group *g, size_t ncols) {
  int any = 0;
  for (int s = 0; s < NPS_NSCORES; s++) {
    if (!g->hist.count[s])
      continue;
    put_key(fp, g, ncols);
    fprintf(fp, "%d,%llu\n", s, (unsigned long long)g->hist.count[s]);
    any = 1;
  }
  /* A group with no answer at all keeps its row, with 0 missing. */
  if (g->missing || !any) {
    put_key(fp, g, ncols);
    fprintf(fp, ",%llu\n", (unsigned long long)g->missing);
  }
}

int cli_counts_write(const cli_common *c, const nps_table *t) {
  cli_out out;
  int rc = cli_out_open(&out, c->output);
  if (rc)
    return rc;
  size_t ncols = c->csv.n_group_columns;
  for (size_t k = 0; k < ncols; k++) {
    const char *name = c->csv.group_columns[k];
    put_cell(out.fp, name, strlen(name));
    fputc(',', out.fp);
  }
  fputs("score,count\n", out.fp);
  for (size_t i = 0; i < nps_table_size(t); i++)
    put_rows(out.fp, nps_table_group(t, i), ncols);
  return cli_out_close(&out, 1);
}
