/*
 * cmd_pilot.c - `nps-stat pilot`: did the pilot's NPS move more than the
 * control's? A difference in differences of four samples: control and
 * pilot, each before and after.
 *
 * Four files (control before, control after, pilot before, pilot after),
 * or one file with an arm and a period column. This file parses the
 * options, loads the four cells into tables, calls the analysis
 * (nps_did_run) and hands the result to the presentation step
 * (pilot_view.c, pilot_chart.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "load.h"
#include "output.h"
#include "pilot_view.h"
#include "present.h"
#include "render.h"

enum { OPT_ARM = 700, OPT_ARMS, OPT_PERIOD, OPT_PERIODS, OPT_FAIL_IF };

/* Most distinct values of an arm or period column listed in a message. */
#define PILOT_MAX_VALUES 12

typedef struct pilot_cmd {
  pilot_view v;
  cli_common *c;
  nps_did_options analysis;
  const char *arms[2], *periods[2]; /* --arms, --periods; NULL: found */
  char *owned[4];
} pilot_cmd;

static void print_help(void) {
  printf("Usage: nps-stat pilot CONTROL_BEFORE CONTROL_AFTER PILOT_BEFORE "
         "PILOT_AFTER [OPTIONS]\n"
         "       nps-stat pilot FILE --arm COL --period COL [OPTIONS]\n"
         "\n"
         "Did the pilot's NPS move more than the control's? A difference in\n"
         "differences: (pilot after - pilot before) - (control after - "
         "control before).\nPrints the four cells (n, shares, NPS, interval), "
         "each arm's change with its\ninterval and p, the DiD by a Wald z test "
         "with its interval and by a\nbootstrap with its percentile interval "
         "and p, and a verdict that says\n'significant' only when all four "
         "agree. Cells below --min-n (default 30)\nare shown, marked, and the "
         "DiD is then not tested. DiD assumes parallel\ntrends: without the "
         "change the pilot would have moved as the control did.\n"
         "\n"
         "Pilot options:\n"
         "  --arm COL            one file: COL says which arm a row is in\n"
         "  --arms C,P           the control and pilot values of --arm\n"
         "                       (default: its only two values, 'control' "
         "first,\n                       else in natural order)\n"
         "  --period COL         one file: COL says when a row was answered\n"
         "  --periods B,A        the before and after values of --period\n"
         "                       (default: its only two values, before/after "
         "or\n                       pre/post understood, else natural "
         "order)\n"
         "  --fail-if C          exit 1 when the DiD is 'significant' either "
         "way,\n"
         "                       or a significant 'drop' (pilot below "
         "control)\n"
         "\nThe --plot chart: the four NPS with intervals, a before -> after "
         "line\nfor each arm, and the DiD with its interval and p in the "
         "title.\n"
         "\n%s"
         "\nExamples:\n"
         "  nps-stat pilot ctl_before.csv ctl_after.csv pilot_before.csv "
         "pilot_after.csv\n"
         "  nps-stat pilot docs/examples/pilot.csv --arm arm --period wave\n"
         "  nps-stat pilot waves.csv --arm group --arms holdout,test --period "
         "month --periods 2025-03,2025-05\n"
         "  nps-stat pilot counts.csv --input counts --arm arm --period wave "
         "--format json\n"
         "  nps-stat pilot survey.csv --arm arm --period wave --fail-if drop "
         "--quiet\n",
         cli_common_help);
}

/* Splits "A,B" into two pieces owned by the command. */
static int split_pair(pilot_cmd *cmd, int slot, const char *opt,
                      const char *arg, const char *out[2]) {
  const char *comma = strchr(arg, ',');
  if (!comma || comma == arg || !comma[1] || strchr(comma + 1, ','))
    return cli_usage_error(cmd->c->command, "%s wants two values A,B, not '%s'",
                           opt, arg);
  free(cmd->owned[slot]);
  free(cmd->owned[slot + 1]);
  cmd->owned[slot] = strndup(arg, (size_t)(comma - arg));
  cmd->owned[slot + 1] = strdup(comma + 1);
  if (!cmd->owned[slot] || !cmd->owned[slot + 1])
    return cli_out_of_memory();
  out[0] = cmd->owned[slot];
  out[1] = cmd->owned[slot + 1];
  if (strcmp(out[0], out[1]) == 0)
    return cli_usage_error(cmd->c->command, "%s names the same value twice",
                           opt);
  return 0;
}

static int pilot_option(void *ctx, int opt, const char *arg) {
  pilot_cmd *cmd = ctx;
  switch (opt) {
  case OPT_ARM:
    cmd->v.arm_column = arg;
    return 0;
  case OPT_ARMS:
    return split_pair(cmd, 0, "--arms", arg, cmd->arms);
  case OPT_PERIOD:
    cmd->v.period_column = arg;
    return 0;
  case OPT_PERIODS:
    return split_pair(cmd, 2, "--periods", arg, cmd->periods);
  case OPT_FAIL_IF:
    if (strcmp(arg, "significant") == 0)
      cmd->v.fail_if = PILOT_FAIL_SIGNIFICANT;
    else if (strcmp(arg, "drop") == 0)
      cmd->v.fail_if = PILOT_FAIL_DROP;
    else
      return cli_usage_error(cmd->c->command,
                             "--fail-if must be significant or drop, not '%s'",
                             arg);
    return 0;
  default:
    return -1;
  }
}

static int check_args(pilot_cmd *cmd, int nfiles) {
  const char *name = cmd->c->command;
  int cols = (cmd->v.arm_column != NULL) + (cmd->v.period_column != NULL);
  if (nfiles == 0)
    return cli_usage_error(name, "missing input files");
  if (cols == 1)
    return cli_usage_error(name, "one input file needs both --arm COL and "
                                 "--period COL");
  if (cols == 2 && nfiles != 1)
    return cli_usage_error(name,
                           "--arm and --period take one input file, "
                           "not %d",
                           nfiles);
  if (cols == 0 && nfiles != NPS_DID_CELLS)
    return cli_usage_error(name,
                           "four input files expected (control before, "
                           "control after, pilot before, pilot after), or "
                           "one with --arm COL --period COL; got %d",
                           nfiles);
  if (cmd->arms[0] && !cmd->v.arm_column)
    return cli_usage_error(name, "--arms needs --arm COL");
  if (cmd->periods[0] && !cmd->v.period_column)
    return cli_usage_error(name, "--periods needs --period COL");
  if (cols == 2 && strcmp(cmd->v.arm_column, cmd->v.period_column) == 0)
    return cli_usage_error(name, "--arm and --period name the same column");
  return cli_plot_check(cmd->c) ? EXIT_USAGE : 0;
}

static int parse_args(int argc, char **argv, pilot_cmd *cmd) {
  static const struct option options[] = {{"arm", 1, 0, OPT_ARM},
                                          {"arms", 1, 0, OPT_ARMS},
                                          {"period", 1, 0, OPT_PERIOD},
                                          {"periods", 1, 0, OPT_PERIODS},
                                          {"fail-if", 1, 0, OPT_FAIL_IF},
                                          CLI_COMMON_OPTIONS,
                                          {0, 0, 0, 0}};
  int rc = cli_parse_options(argc, argv, options, cmd->c, print_help,
                             pilot_option, cmd);
  if (rc)
    return rc;
  int nfiles = argc - optind;
  if ((rc = check_args(cmd, nfiles)))
    return rc;
  cmd->v.one_file = nfiles == 1;
  for (int i = 0; i < nfiles; i++)
    cmd->v.path[i] = argv[optind + i];
  return cli_stdin_once(cmd->c->command, argv + optind, nfiles);
}

/* ---- loading ---- */

static int status_exit(nps_status st) {
  return st == NPS_ENOMEM ? EXIT_IO : EXIT_DATA;
}

static int load_files(pilot_cmd *cmd, nps_table *t[NPS_DID_CELLS]) {
  static const char *const arm[2] = {"control", "pilot"};
  static const char *const period[2] = {"before", "after"};
  for (int i = 0; i < NPS_DID_CELLS; i++) {
    nps_csvin_report r;
    int rc = cli_load(cmd->c, cmd->v.path[i], t[i], i ? &r : &cmd->v.report);
    if (rc)
      return rc;
    if (i && !cmd->c->csv.score_column &&
        strcmp(r.score_column, cmd->v.report.score_column) != 0) {
      cli_error("%s and %s: different score columns were detected ('%s' and "
                "'%s'); name the one to use with --score",
                cmd->v.path[0], cmd->v.path[i], cmd->v.report.score_column,
                r.score_column);
      return EXIT_DATA;
    }
  }
  for (int i = 0; i < 2; i++) {
    cmd->v.arm[i] = arm[i];
    cmd->v.period[i] = period[i];
  }
  return EXIT_OK;
}

/* The values of key component k ("--arm" or "--period" column col) as a
 * message: "'a', 'b', 'c'" (and how many more). */
static void list_values(char *buf, size_t size, const char **part,
                        const size_t *len, size_t n) {
  buf[0] = '\0';
  size_t shown = n > PILOT_MAX_VALUES ? PILOT_MAX_VALUES : n;
  for (size_t i = 0; i < shown; i++)
    cli_append(buf, size, "%s'%.*s'", i ? ", " : "",
               (int)(len[i] > 60 ? 60 : len[i]), part[i]);
  if (n > PILOT_MAX_VALUES)
    cli_append(buf, size, " and more");
  if (n == 0)
    cli_append(buf, size, "no values");
}

/* Checks the named values of column k against those found, or takes the
 * two found when none are named. */
static int resolve(pilot_cmd *cmd, const nps_table *all, size_t k,
                   const char *named[2], const char *out[2]) {
  const char *col = k ? cmd->v.period_column : cmd->v.arm_column;
  const char *opt = k ? "--periods" : "--arms";
  const char *part[PILOT_MAX_VALUES];
  size_t len[PILOT_MAX_VALUES], n;
  nps_did_values(all, k, PILOT_MAX_VALUES, part, len, &n);
  char found[1024];
  list_values(found, sizeof found, part, len, n);
  if (!named[0] && n != 2) {
    cli_error("%s: column '%s' holds %s: %s; name the two to use with %s",
              cmd->v.path[0], col,
              n < 2 ? "fewer than two values"
                    : "more "
                      "than two values",
              found, opt);
    return EXIT_DATA;
  }
  size_t stored = n > PILOT_MAX_VALUES ? PILOT_MAX_VALUES : n;
  for (int i = 0; named[0] && i < 2; i++) {
    size_t j = 0;
    while (j < stored && !(strlen(named[i]) == len[j] &&
                           memcmp(named[i], part[j], len[j]) == 0))
      j++;
    /* With more values than listed, an empty cell says it later. */
    if (j == stored && n <= PILOT_MAX_VALUES) {
      cli_error("%s: %s: no row has '%s' in column '%s' (values: %s)",
                cmd->v.path[0], opt, named[i], col, found);
      return EXIT_DATA;
    }
  }
  for (int i = 0; !named[0] && i < 2; i++) {
    cmd->owned[2 * k + i] = strndup(part[i], len[i]);
    if (!cmd->owned[2 * k + i])
      return cli_out_of_memory();
  }
  for (int i = 0; i < 2; i++)
    out[i] = named[0] ? named[i] : cmd->owned[2 * k + i];
  if (!named[0])
    cli_warn(cmd->c, "%s: column '%s': '%s' is %s, '%s' is %s; %s to choose",
             cmd->v.path[0], col, out[0], k ? "before" : "control", out[1],
             k ? "after" : "pilot", opt);
  return EXIT_OK;
}

static int load_one(pilot_cmd *cmd, nps_table *t[NPS_DID_CELLS]) {
  cli_common *c = cmd->c;
  const char *cols[2] = {cmd->v.arm_column, cmd->v.period_column};
  c->csv.group_columns = cols;
  c->csv.n_group_columns = 2;
  nps_table *all = nps_table_new(c->max_groups);
  if (!all)
    return cli_out_of_memory();
  int rc = cli_load(c, cmd->v.path[0], all, &cmd->v.report);
  c->csv.group_columns = NULL;
  c->csv.n_group_columns = 0;
  if (rc == EXIT_OK)
    nps_table_sort(all);
  if (rc == EXIT_OK)
    rc = resolve(cmd, all, 0, cmd->arms, cmd->v.arm);
  if (rc == EXIT_OK)
    rc = resolve(cmd, all, 1, cmd->periods, cmd->v.period);
  if (rc == EXIT_OK) {
    const size_t alen[2] = {strlen(cmd->v.arm[0]), strlen(cmd->v.arm[1])};
    const size_t plen[2] = {strlen(cmd->v.period[0]), strlen(cmd->v.period[1])};
    nps_status st = nps_did_split(all, cmd->v.arm, alen, cmd->v.period, plen, t,
                                  &cmd->v.other);
    if (st != NPS_OK) {
      cli_error("%s: %s", cmd->v.path[0], nps_strerror(st));
      rc = status_exit(st);
    }
  }
  nps_table_free(all);
  if (rc == EXIT_OK && cmd->v.other)
    cli_warn(c, "%s: left out %llu answers in other arms or periods",
             cmd->v.path[0], (unsigned long long)cmd->v.other);
  return rc;
}

/* ---- the run ---- */

static int analyse(pilot_cmd *cmd, nps_table *t[NPS_DID_CELLS], nps_did **res) {
  const cli_common *c = cmd->c;
  nps_did_options *o = &cmd->analysis;
  o->ci = c->ci;
  o->level = c->level;
  o->replicates = c->boot;
  o->seed = c->seed;
  o->min_n = c->min_n;
  for (int i = 0; i < 2; i++) {
    o->arm[i] = cmd->v.arm[i];
    o->period[i] = cmd->v.period[i];
  }
  nps_status st = nps_did_run((const nps_table *const *)t, o, res, NULL);
  if (st == NPS_EEMPTY) {
    for (int i = 0; i < NPS_DID_CELLS; i++) {
      const nps_did_cell *x = &(*res)->cell[i];
      if (x->est.n)
        continue;
      cli_error("%s: no responses for %s %s%s",
                cmd->v.path[cmd->v.one_file ? 0 : i], cmd->v.arm[i / 2],
                cmd->v.period[i % 2],
                x->missing ? " (every answer is missing)" : "");
      break;
    }
    return EXIT_DATA;
  }
  if (st != NPS_OK) {
    cli_error("pilot: %s", nps_strerror(st));
    return status_exit(st);
  }
  if ((*res)->n_small)
    cli_warn(c,
             "%zu cell%s below --min-n %llu: shown, marked; the DiD is not "
             "tested",
             (*res)->n_small, (*res)->n_small == 1 ? "" : "s",
             (unsigned long long)c->min_n);
  return EXIT_OK;
}

static int run(pilot_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_table *t[NPS_DID_CELLS] = {NULL};
  nps_did *res = NULL;
  int rc = EXIT_OK;
  for (int i = 0; i < NPS_DID_CELLS; i++)
    if (!(t[i] = nps_table_new(c->max_groups)))
      rc = cli_out_of_memory();
  if (rc == EXIT_OK)
    rc = cmd->v.one_file ? load_one(cmd, t) : load_files(cmd, t);
  if (rc == EXIT_OK)
    rc = analyse(cmd, t, &res);
  cmd->v.res = res;
  if (rc == EXIT_OK) {
    cli_view v;
    pilot_view_init(&cmd->v, &v);
    rc = cli_present(c, &v);
  }
  if (rc == EXIT_OK && pilot_fails(&cmd->v)) {
    char d[32], p[32];
    cli_signed_points(d, sizeof d, res->did);
    cli_fmt_p_phrase(p, sizeof p, res->verdict.p);
    cli_warn(c, "--fail-if %s: condition met: DiD %s points, %s (Wald z)",
             cmd->v.fail_if == PILOT_FAIL_DROP ? "drop" : "significant", d, p);
    rc = EXIT_CONDITION;
  }
  nps_did_free(res);
  for (int i = 0; i < NPS_DID_CELLS; i++)
    nps_table_free(t[i]);
  return rc;
}

int cmd_pilot(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "pilot");
  pilot_cmd cmd;
  memset(&cmd, 0, sizeof cmd);
  cmd.c = &c;
  cmd.v.opt = &c;
  nps_did_options_init(&cmd.analysis);
  c.min_n = cmd.analysis.min_n;
  int rc = parse_args(argc, argv, &cmd);
  if (rc == 0)
    rc = run(&cmd);
  else if (rc < 0)
    rc = EXIT_OK;
  for (int i = 0; i < 4; i++)
    free(cmd.owned[i]);
  cli_common_free(&c);
  return rc;
}
