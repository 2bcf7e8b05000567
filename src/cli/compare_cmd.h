/*
 * compare_cmd.h - the state of `nps-stat compare` shared by its option
 * parsing (cmd_compare.c) and its loading of the two samples
 * (compare_load.c). Private to the CLI.
 */
#ifndef NPS_CLI_COMPARE_CMD_H
#define NPS_CLI_COMPARE_CMD_H

#include "common.h"
#include "compare_view.h"
#include "perfile.h"

/* The command's state: the view it fills, and what only parsing and
 * loading need. */
typedef struct compare_cmd {
  compare_view v;
  const char *arms[2]; /* arm values, in order; NULL: the two found */
  char *label_owned[2];
  int paired;
  int test_kind;       /* --test given: 1 for independent samples, 2 paired */
  uint64_t other_arms; /* answers in arms other than the two compared */
  cli_perfile pf;      /* --a-X, --b-X: one input's own reader options */
} compare_cmd;

/* Loads both samples into t[0] and t[1], keyed alike: two files, or the
 * two arms of one file (--arm), by the respondent id (--paired), the
 * segments (--by) or the strata (--adjust-for). Returns EXIT_OK or an
 * exit status after a message. */
int compare_load(compare_cmd *cmp, nps_table *t[2]);

/* The two arms of one data set read keyed by the arm column first (all,
 * which is sorted here): with arms[0] given (--arms), checks that both are
 * values of the column; else takes its two values in byte order (owned[]
 * holds them, to free) and says so. Then splits all into t[0] and t[1]
 * and warns about the answers in other arms (*other). Messages name path
 * and column. Returns EXIT_OK or an exit status after a message. */
int compare_split_arms(cli_common *c, const char *path, const char *column,
                       nps_table *all, const char *arms[2], char *owned[2],
                       nps_table *t[2], uint64_t *other);

/* The exit status of a library failure: EXIT_IO for memory, else
 * EXIT_DATA. */
int compare_status_exit(nps_status st);

#endif
