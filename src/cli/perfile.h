/*
 * perfile.h - per-file reader options --a-X and --b-X (perfile.c).
 */
#ifndef NPS_CLI_PERFILE_H
#define NPS_CLI_PERFILE_H

#include <stddef.h>

#include "nps/nps.h"

#include "common.h"

/* Two inputs exported differently (compare A.csv B.csv): each reader option
 * --X of cli_reader_option also has the forms --a-X and --b-X, for the first
 * or the second input only. Their option ids are CLI_PERFILE_A + OPT_X and
 * CLI_PERFILE_B + OPT_X. */
#define CLI_PERFILE_A 1000
#define CLI_PERFILE_B 2000

#define CLI_PERFILE_PAIR(name, has_arg, id)                                    \
  {"a-" name, has_arg, 0, CLI_PERFILE_A + (id)}, {                             \
    "b-" name, has_arg, 0, CLI_PERFILE_B + (id)                                \
  }

#define CLI_PERFILE_OPTIONS                                                    \
  CLI_PERFILE_PAIR("score", 1, OPT_SCORE),                                     \
      CLI_PERFILE_PAIR("delimiter", 1, OPT_DELIMITER),                         \
      CLI_PERFILE_PAIR("skip-rows", 1, OPT_SKIP_ROWS),                         \
      CLI_PERFILE_PAIR("na-values", 1, OPT_NA_VALUES),                         \
      CLI_PERFILE_PAIR("skip-invalid", 0, OPT_SKIP_INVALID),                   \
      CLI_PERFILE_PAIR("score-labels", 0, OPT_SCORE_LABELS),                   \
      CLI_PERFILE_PAIR("input", 1, OPT_INPUT),                                 \
      CLI_PERFILE_PAIR("where", 1, OPT_WHERE),                                 \
      CLI_PERFILE_PAIR("exclude", 1, OPT_EXCLUDE)

/* The per-file options given. Each input's own options are parsed by
 * cli_reader_option into a cli_common of their own (over[i], whose messages
 * name --a-X or --b-X); the reader options of input i are built from the
 * shared ones and those (cli_perfile_csv), never by copying a cli_common,
 * whose csv points into its own arrays. */
typedef struct cli_perfile {
  cli_common over[2];
  unsigned given[2]; /* bit OPT_X - OPT_SCORE for each option given */
  int first;         /* id of the first per-file option given; 0: none */
  nps_csvin_filter filters[2][2 * CLI_MAX_LIST]; /* merged filter lists */
} cli_perfile;

void cli_perfile_init(cli_perfile *p, const char *command);
void cli_perfile_free(cli_perfile *p);

/* Applies --a-X or --b-X (opt as above). Returns 0, EXIT_USAGE or EXIT_IO
 * after a message, or -1 when opt is not a per-file option. */
int cli_perfile_option(cli_perfile *p, int opt, const char *arg);

/* Whether input i (0 or 1) has its own value of the reader option opt. */
int cli_perfile_given(const cli_perfile *p, int i, int opt);

/* "--b-skip-rows": the flag of a per-file option id. */
void cli_perfile_flag(char *buf, size_t size, int id);

/* The reader options of input i: shared, with every option input i has its
 * own value of replaced by it. The filters of --where (--exclude) are
 * replaced as one list by --a-where / --b-where (--a-exclude, --b-exclude);
 * the other kind stays shared. out points into shared's arrays and p's; keep
 * both alive while out is used. */
void cli_perfile_csv(cli_perfile *p, const nps_csvin_options *shared, int i,
                     nps_csvin_options *out);

#endif
