/*
 * compare_load.c - how `nps-stat compare` reads its two samples: two files,
 * each with its own reader options (--a-X, --b-X), or the two arms of one
 * file; the score column check across files; default sample names.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "compare_cmd.h"
#include "load.h"
#include "output.h"
#include "perfile.h"

int compare_status_exit(nps_status st) {
  return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
}

/* "dir/after.csv" -> "after": the default label of a file. */
static int default_label(compare_cmd *cmp, int i) {
  const char *p = cmp->v.path[i];
  if (strcmp(p, "-") == 0) {
    cmp->v.label[i] = "stdin";
    return EXIT_OK;
  }
  const char *stem;
  size_t len = cli_file_stem(p, &stem);
  cmp->label_owned[i] = strndup(stem, len);
  if (!cmp->label_owned[i])
    return cli_out_of_memory();
  cmp->v.label[i] = cmp->label_owned[i];
  return EXIT_OK;
}

/* Two detected score columns must agree unless a score column was named
 * (for both files or for either) or the files are read in different forms. */
static int check_score_columns(const compare_cmd *cmp,
                               const nps_csvin_options csv[2]) {
  const nps_csvin_report *rp = cmp->v.report;
  if (csv[0].score_column || csv[1].score_column ||
      csv[0].input != csv[1].input ||
      strcmp(rp[0].score_column, rp[1].score_column) == 0)
    return EXIT_OK;
  cli_error("%s and %s: different score columns were detected ('%s' and "
            "'%s'); name the one to use with --score, or each file's with "
            "--a-score and --b-score",
            cmp->v.path[0], cmp->v.path[1], rp[0].score_column,
            rp[1].score_column);
  return EXIT_DATA;
}

/* Two files: each read with its own reader options (the shared ones and its
 * --a-X / --b-X) and the --by columns (or the id) as its key. Messages about
 * a file advise its per-file flags: the plain flag would change both. */
static int load_files(compare_cmd *cmp, nps_table *t[2]) {
  cli_common *c = cmp->v.opt;
  const char *key_col[1] = {cmp->paired ? cmp->v.id_column : cmp->v.adjust_for};
  if (key_col[0]) {
    c->csv.group_columns = key_col;
    c->csv.n_group_columns = 1;
  }
  c->csv.unique_keys = cmp->paired; /* a second answer of an id: its line */
  nps_csvin_options csv[2];
  for (int i = 0; i < 2; i++) {
    cli_perfile_csv(&cmp->pf, &c->csv, i, &csv[i]);
    int rc = cli_load_with(c, &csv[i], cmp->pf.over[i].prefix, cmp->v.path[i],
                           t[i], &cmp->v.report[i]);
    if (rc)
      return rc;
    if (!cmp->v.label[i] && (rc = default_label(cmp, i)))
      return rc;
  }
  return check_score_columns(cmp, csv);
}

/* Without --arms, the arm column must hold exactly two values; they are
 * taken in byte order. */
static int find_arms(cli_common *c, const char *path, const char *column,
                     const nps_table *all, const char *arms[2],
                     char *owned[2]) {
  const char *seen[3];
  size_t len[3], k;
  nps_compare_first_parts(all, 3, seen, len, &k);
  if (k != 2) {
    cli_error("%s: column '%s' holds %s; name the two to compare with "
              "--arms A,B",
              path, column,
              k < 2 ? "fewer than two values" : "more than two values");
    return EXIT_DATA;
  }
  for (int i = 0; i < 2; i++) {
    owned[i] = strndup(seen[i], len[i]);
    if (!owned[i])
      return cli_out_of_memory();
    arms[i] = owned[i];
  }
  cli_warn(c, "%s: arms '%s' (A) and '%s' (B) of column '%s'; --arms to choose",
           path, arms[0], arms[1], column);
  return EXIT_OK;
}

/* With --arms: each value must be one of the arm column's, which the
 * message lists (up to ARMS_SHOWN of them) when it is not. */
enum { ARMS_SEEN = 256, ARMS_SHOWN = 12 };

static int check_arms(const char *path, const char *column,
                      const nps_table *all, const char *const arms[2]) {
  const char *seen[ARMS_SEEN + 1];
  size_t len[ARMS_SEEN + 1], k;
  nps_compare_first_parts(all, ARMS_SEEN + 1, seen, len, &k);
  for (int a = 0; a < 2 && k <= ARMS_SEEN; a++) {
    size_t want = strlen(arms[a]), i = 0;
    while (i < k && !(len[i] == want && memcmp(seen[i], arms[a], want) == 0))
      i++;
    if (i < k)
      continue;
    char list[1024] = "";
    for (i = 0; i < k && i < ARMS_SHOWN; i++)
      cli_append(list, sizeof list, "%s'%.*s'", i ? ", " : "", (int)len[i],
                 seen[i]);
    if (k > ARMS_SHOWN)
      cli_append(list, sizeof list, ", ... (%zu more)", k - ARMS_SHOWN);
    cli_error("%s: column '%s' has no value '%s' (--arms)%s%s", path, column,
              arms[a], k ? "; its values are: " : "", list);
    return EXIT_DATA;
  }
  return EXIT_OK;
}

int compare_split_arms(cli_common *c, const char *path, const char *column,
                       nps_table *all, const char *arms[2], char *owned[2],
                       nps_table *t[2], uint64_t *other) {
  nps_table_sort(all);
  int rc = arms[0] ? check_arms(path, column, all, arms)
                   : find_arms(c, path, column, all, arms, owned);
  if (rc != EXIT_OK)
    return rc;
  const size_t alen[2] = {strlen(arms[0]), strlen(arms[1])};
  nps_status st = nps_compare_split_arms(all, arms, alen, t, other);
  if (st != NPS_OK) {
    cli_error("%s: %s", path, nps_strerror(st));
    return compare_status_exit(st);
  }
  if (*other)
    cli_warn(c, "%s: left out %llu answers in other arms of '%s'", path,
             (unsigned long long)*other, column);
  return EXIT_OK;
}

/* One file with an arm column: read with key (arm, rest...), then split
 * into the two samples by the library. */
static int load_arms(compare_cmd *cmp, nps_table *t[2]) {
  cli_common *c = cmp->v.opt;
  const char *cols[CLI_MAX_LIST + 1];
  size_t n = 0;
  cols[n++] = cmp->v.arm_column;
  if (cmp->paired)
    cols[n++] = cmp->v.id_column;
  for (size_t i = 0; i < c->n_by; i++)
    cols[n++] = c->by[i];
  if (cmp->v.adjust_for)
    cols[n++] = cmp->v.adjust_for;
  c->csv.group_columns = cols;
  c->csv.n_group_columns = n;
  c->csv.unique_keys = cmp->paired;
  nps_table *all = nps_table_new(c->max_groups);
  if (!all)
    return cli_out_of_memory();
  int rc = cli_load(c, cmp->v.path[0], all, &cmp->v.report[0]);
  cmp->v.report[1] = cmp->v.report[0];
  if (rc == EXIT_OK)
    rc = compare_split_arms(c, cmp->v.path[0], cmp->v.arm_column, all,
                            cmp->arms, cmp->label_owned, t, &cmp->other_arms);
  nps_table_free(all);
  for (int i = 0; rc == EXIT_OK && i < 2; i++)
    if (!cmp->v.label[i])
      cmp->v.label[i] = cmp->arms[i];
  return rc;
}

int compare_load(compare_cmd *cmp, nps_table *t[2]) {
  return cmp->v.arm_column ? load_arms(cmp, t) : load_files(cmp, t);
}
