/*
 * cmd_plan.c - `nps-stat plan --baseline P,A,D --mde D`: how many answers
 * does a survey or a pilot need, or what can a given number detect?
 *
 * Options in (the baseline from the command line or from data), one call
 * of the plan analysis (nps_plan_run), and the result handed to the
 * presentation step (plan_view.c).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "load.h"
#include "plan_view.h"
#include "present.h"
#include "render.h"

static void print_help(void) {
  printf(
      "Usage: nps-stat plan (--baseline P,A,D | --from FILE)\n"
      "                     (--mde D | --n N[,N2] | --margin E | --expected "
      "P,A,D)\n"
      "                     [OPTIONS]\n"
      "\n"
      "How many answers does a survey or a pilot need? From a baseline\n"
      "distribution of promoters, passives and detractors: the answers per\n"
      "arm to detect a change of D points (--mde), the change N answers per\n"
      "arm can detect (--n), or the answers for an interval of +-E points\n"
      "around one NPS (--margin). The output shows the inputs, the formula\n"
      "and a small table of sizes by difference and differences by size.\n"
      "Sizes are for a z test of the difference (normal approximation); "
      "the\npower compare's default permutation test reaches at them is "
      "measured\nin docs/methods.md (\"Planning\").\n"
      "\n"
      "  --baseline P,A,D     promoter, passive and detractor shares in "
      "percent\n"
      "                       (summing to 100), or counts (whole numbers)\n"
      "  --from FILE          the baseline from data (the input options "
      "apply)\n"
      "  --mde D              answers per arm to detect a change of D points\n"
      "  --n N[,N2]           the difference detectable with N answers per "
      "arm\n"
      "                       (N and N2 for unequal arms)\n"
      "  --margin E           answers for an interval of +-E points around "
      "one NPS\n"
      "                       (level 1 - alpha)\n"
      "  --expected P,A,D     the pilot's expected distribution: the second "
      "arm's\n"
      "                       spread comes from it and it implies the "
      "difference\n"
      "                       (without it the baseline is shifted by D as "
      "--shift\n"
      "                       says)\n"
      "  --shift S            where the change comes from without "
      "--expected:\n"
      "                       any (default: the source that needs the most\n"
      "                       answers, so the power holds whichever it is),\n"
      "                       detractors (detractors become promoters), "
      "passives\n"
      "                       (passives become promoters), both (half of "
      "the\n"
      "                       change from each); a fall mirrors them\n"
      "  --power X            the power to reach, 0 < X < 1 (default 0.8)\n"
      "  --alpha X            the significance level, 0 < X < 1 (default "
      "0.05)\n"
      "  --alternative A      two-sided (default), greater (the second arm "
      "rises),\n"
      "                       less (it falls)\n"
      "  --ratio R            unequal arms: n2 = R n1 (default 1)\n"
      "  --paired             the same respondents answer twice; needs\n"
      "  --correlation R      the correlation of their two answers, -1..1\n"
      "                       (variance of a difference V1 + V2 - 2 R "
      "sqrt(V1 V2))\n"
      "\nInput options (with --from): --score, --delimiter, --skip-rows,\n"
      "--na-values, --skip-invalid, --score-labels, --where, --exclude,\n"
      "--input, as for summary (nps-stat summary --help).\n"
      "\nOutput options:\n"
      "  --format F           table (default), csv, json, markdown\n"
      "  --output FILE        write results to FILE (written whole or not at "
      "all)\n"
      "  --plot FILE.gp       also write a gnuplot script: power against the\n"
      "                       answers per arm for 5, 10, 20 points and the "
      "plan\n"
      "  --render FMT         run gnuplot on it: png (default), svg, pdf\n"
      "%s"
      "  --quiet              no notes or warnings on stderr\n"
      "\nExamples:\n"
      "  nps-stat plan --baseline 45,30,25 --mde 5\n"
      "  nps-stat plan --baseline 45,30,25 --mde 5 --shift detractors\n"
      "  nps-stat plan --baseline 45,30,25 --n 400\n"
      "  nps-stat plan --baseline 45,30,25 --n 400,600\n"
      "  nps-stat plan --baseline 45,30,25 --margin 5\n"
      "  nps-stat plan --baseline 45,30,25 --expected 50,30,20 --ratio 2\n"
      "  nps-stat plan --baseline 45,30,25 --mde 5 --paired --correlation "
      "0.6\n"
      "  nps-stat plan --from responses.csv --where channel=web --mde 10 "
      "--plot plan.gp\n",
      CLI_CHART_HELP);
}

enum {
  OPT_BASELINE = 512,
  OPT_FROM,
  OPT_MDE,
  OPT_N,
  OPT_MARGIN,
  OPT_EXPECTED,
  OPT_POWER,
  OPT_ALPHA,
  OPT_ALTERNATIVE,
  OPT_RATIO,
  OPT_PAIRED,
  OPT_CORRELATION,
  OPT_SHIFT
};

typedef struct plan_cmd {
  plan_view v;
  cli_common *c;
  nps_plan_options o;
  const char *baseline_arg, *expected_arg, *n_arg;
  int modes; /* --mde, --n, --margin given */
  int ratio_given, correlation_given, n_two, shift_given;
} plan_cmd;

/* Parses a number with an end-pointer check. */
static int parse_num(const char *s, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || !isfinite(v))
    return -1;
  *out = v;
  return 0;
}

static int bad_number(const plan_cmd *cmd, const char *flag, const char *arg,
                      const char *want) {
  return cli_usage_error(cmd->c->command, "%s wants %s, not '%s'", flag, want,
                         arg);
}

/* P,A,D: percent when they sum to 100 (+-0.5), else counts when whole. */
static int parse_shares(const plan_cmd *cmd, const char *flag, const char *arg,
                        nps_shares *s, plan_given *given, double *n) {
  double x[3];
  const char *p = arg;
  for (int i = 0; i < 3; i++) {
    const char *comma = i < 2 ? strchr(p, ',') : p + strlen(p);
    char buf[64];
    size_t len = comma ? (size_t)(comma - p) : 0;
    if (!comma || len == 0 || len >= sizeof buf)
      return bad_number(cmd, flag, arg, "three numbers P,A,D such as 45,30,25");
    memcpy(buf, p, len);
    buf[len] = '\0';
    if (parse_num(buf, &x[i]) || strchr(buf, ','))
      return bad_number(cmd, flag, arg, "three numbers P,A,D such as 45,30,25");
    if (x[i] < 0)
      return cli_usage_error(cmd->c->command,
                             "%s %s: shares and counts cannot be negative",
                             flag, arg);
    p = comma + 1;
  }
  double sum = x[0] + x[1] + x[2];
  int whole = x[0] == floor(x[0]) && x[1] == floor(x[1]) && x[2] == floor(x[2]);
  if (fabs(sum - 100.0) <= 0.5) {
    *given = PLAN_GIVEN_PERCENT;
  } else if (whole && sum > 0) {
    *given = PLAN_GIVEN_COUNTS;
  } else {
    return cli_usage_error(cmd->c->command,
                           "%s %s: percentages must sum to 100 (these sum to "
                           "%g), and counts must be whole numbers",
                           flag, arg, sum);
  }
  *s = (nps_shares){x[0], x[1], x[2]};
  *n = sum;
  return 0;
}

/* A difference or margin in points, 0 < x < 200. */
static int parse_points(const plan_cmd *cmd, const char *flag, const char *arg,
                        double *out) {
  double v;
  if (parse_num(arg, &v))
    return bad_number(cmd, flag, arg, "a number of points such as 5");
  if (!(v > 0 && v < 200))
    return cli_usage_error(cmd->c->command,
                           "%s must be above 0 and below 200 points (NPS "
                           "runs from -100 to 100), not '%s'",
                           flag, arg);
  *out = v / 100.0;
  return 0;
}

static int parse_sizes(plan_cmd *cmd, const char *arg) {
  nps_plan_options *o = &cmd->o;
  char *end;
  errno = 0;
  o->n1 = strtod(arg, &end);
  o->n2 = 0;
  if (!errno && *end == ',') {
    const char *second = end + 1;
    o->n2 = strtod(second, &end);
    cmd->n_two = 1;
  }
  if (errno || end == arg || *end || !isfinite(o->n1) || !(o->n1 > 0) ||
      (cmd->n_two && !(o->n2 > 0 && isfinite(o->n2))))
    return bad_number(cmd, "--n", arg,
                      "answers per arm above 0, such as 400 or 400,600");
  return 0;
}

static int parse_unit(plan_cmd *cmd, const char *flag, const char *arg,
                      double *out) {
  if (parse_num(arg, out) || !(*out > 0 && *out < 1))
    return bad_number(cmd, flag, arg, "a number between 0 and 1");
  return 0;
}

/* --shift any|detractors|passives|both. */
static int parse_shift(plan_cmd *cmd, const char *arg) {
  static const nps_shift_source sources[] = {
      NPS_SHIFT_ANY, NPS_SHIFT_DETRACTORS, NPS_SHIFT_PASSIVES, NPS_SHIFT_BOTH};
  cmd->shift_given = 1;
  for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
    if (strcmp(arg, plan_shift_name(sources[i])) == 0) {
      cmd->o.shift = sources[i];
      return 0;
    }
  return cli_usage_error(cmd->c->command,
                         "--shift must be any, detractors, passives or both, "
                         "not '%s'",
                         arg);
}

static int set_mode(plan_cmd *cmd, nps_plan_mode mode) {
  cmd->o.mode = mode;
  cmd->modes++;
  return 0;
}

static int mode_option(plan_cmd *cmd, int opt, const char *arg) {
  nps_plan_options *o = &cmd->o;
  int rc;
  switch (opt) {
  case OPT_MDE:
    rc = parse_points(cmd, "--mde", arg, &o->diff);
    return rc ? rc : set_mode(cmd, NPS_PLAN_SIZE);
  case OPT_N:
    rc = parse_sizes(cmd, arg);
    return rc ? rc : set_mode(cmd, NPS_PLAN_DETECTABLE);
  case OPT_MARGIN:
    rc = parse_points(cmd, "--margin", arg, &o->margin);
    return rc ? rc : set_mode(cmd, NPS_PLAN_MARGIN);
  default:
    return -1;
  }
}

static int plan_option(void *ctx, int opt, const char *arg) {
  plan_cmd *cmd = ctx;
  nps_plan_options *o = &cmd->o;
  switch (opt) {
  case OPT_BASELINE:
    cmd->baseline_arg = arg;
    return 0;
  case OPT_FROM:
    cmd->v.from = arg;
    return 0;
  case OPT_EXPECTED:
    cmd->expected_arg = arg;
    return 0;
  case OPT_POWER:
    return parse_unit(cmd, "--power", arg, &o->power);
  case OPT_ALPHA:
    return parse_unit(cmd, "--alpha", arg, &o->alpha);
  case OPT_ALTERNATIVE:
    if (nps_alternative_parse(arg, &o->alternative) == NPS_OK)
      return 0;
    return cli_usage_error(cmd->c->command,
                           "--alternative must be two-sided, greater or less, "
                           "not '%s'",
                           arg);
  case OPT_RATIO:
    cmd->ratio_given = 1;
    if (parse_num(arg, &o->ratio) || !(o->ratio > 0))
      return bad_number(cmd, "--ratio", arg, "a number above 0 (n2 = R n1)");
    return 0;
  case OPT_PAIRED:
    o->paired = 1;
    return 0;
  case OPT_SHIFT:
    return parse_shift(cmd, arg);
  case OPT_CORRELATION:
    cmd->correlation_given = 1;
    if (parse_num(arg, &o->correlation) ||
        !(o->correlation >= -1 && o->correlation <= 1))
      return bad_number(cmd, "--correlation", arg, "a number from -1 to 1");
    return 0;
  default:
    return mode_option(cmd, opt, arg);
  }
}

/* The combinations that make no plan. */
static int check_combinations(const plan_cmd *cmd) {
  const char *cm = cmd->c->command;
  const nps_plan_options *o = &cmd->o;
  if (!cmd->baseline_arg == !cmd->v.from)
    return cli_usage_error(cm, cmd->baseline_arg
                                   ? "--baseline and --from: give one of them"
                                   : "--baseline P,A,D or --from FILE is "
                                     "required");
  if (cmd->modes > 1)
    return cli_usage_error(cm, "--mde, --n and --margin ask different "
                               "questions: give one of them");
  if (cmd->modes == 0 && !cmd->expected_arg)
    return cli_usage_error(cm, "say what to plan: --mde D (answers to detect "
                               "D points), --n N (what N answers detect) or "
                               "--margin E (answers for +-E points)");
  if (cmd->expected_arg && cmd->modes && o->mode == NPS_PLAN_SIZE)
    return cli_usage_error(cm, "--expected implies the difference: give "
                               "--mde or --expected, not both");
  if (cmd->expected_arg && o->mode == NPS_PLAN_MARGIN && cmd->modes)
    return cli_usage_error(cm, "--margin plans one sample: --expected does "
                               "not apply");
  if (cmd->shift_given && cmd->expected_arg)
    return cli_usage_error(cm, "--shift says how the baseline moves without "
                               "--expected: give one of them");
  if (cmd->shift_given && cmd->modes && o->mode == NPS_PLAN_MARGIN)
    return cli_usage_error(cm, "--margin plans one sample: --shift does not "
                               "apply");
  if (o->paired && !cmd->correlation_given)
    return cli_usage_error(cm, "--paired needs --correlation R, the "
                               "correlation of a respondent's two answers");
  if (cmd->correlation_given && !o->paired)
    return cli_usage_error(cm, "--correlation applies to --paired only");
  if (o->paired && (cmd->ratio_given || cmd->n_two))
    return cli_usage_error(cm, "--paired: the same respondents answer twice, "
                               "so there is one size (no --ratio, one --n)");
  if (cmd->ratio_given && cmd->n_two)
    return cli_usage_error(cm, "--n N,N2 gives both arms: drop --ratio");
  return 0;
}

static int parse_args(int argc, char **argv, plan_cmd *cmd) {
  static const struct option options[] = {
      {"baseline", 1, 0, OPT_BASELINE},
      {"from", 1, 0, OPT_FROM},
      {"mde", 1, 0, OPT_MDE},
      {"n", 1, 0, OPT_N},
      {"margin", 1, 0, OPT_MARGIN},
      {"expected", 1, 0, OPT_EXPECTED},
      {"power", 1, 0, OPT_POWER},
      {"alpha", 1, 0, OPT_ALPHA},
      {"alternative", 1, 0, OPT_ALTERNATIVE},
      {"ratio", 1, 0, OPT_RATIO},
      {"paired", 0, 0, OPT_PAIRED},
      {"correlation", 1, 0, OPT_CORRELATION},
      {"shift", 1, 0, OPT_SHIFT},
      {"score", 1, 0, OPT_SCORE},
      {"delimiter", 1, 0, OPT_DELIMITER},
      {"skip-rows", 1, 0, OPT_SKIP_ROWS},
      {"na-values", 1, 0, OPT_NA_VALUES},
      {"skip-invalid", 0, 0, OPT_SKIP_INVALID},
      {"score-labels", 0, 0, OPT_SCORE_LABELS},
      {"where", 1, 0, OPT_WHERE},
      {"exclude", 1, 0, OPT_EXCLUDE},
      {"input", 1, 0, OPT_INPUT},
      {"format", 1, 0, OPT_FORMAT},
      {"output", 1, 0, OPT_OUTPUT},
      {"plot", 1, 0, OPT_PLOT},
      {"render", 1, 0, OPT_RENDER},
      CLI_CHART_OPTIONS,
      {"quiet", 0, 0, OPT_QUIET},
      {"help", 0, 0, OPT_HELP},
      {0, 0, 0, 0}};
  cli_common *c = cmd->c;
  int rc =
      cli_parse_options(argc, argv, options, c, print_help, plan_option, cmd);
  if (rc)
    return rc;
  if (optind != argc)
    return cli_usage_error(c->command,
                           "unexpected argument '%s' (the data "
                           "file goes after --from)",
                           argv[optind]);
  if ((rc = check_combinations(cmd)) != 0 || cli_plot_check(c))
    return rc ? rc : EXIT_USAGE;
  if (cmd->baseline_arg &&
      (rc = parse_shares(cmd, "--baseline", cmd->baseline_arg, &cmd->o.baseline,
                         &cmd->v.baseline_given, &cmd->v.baseline_n)) != 0)
    return rc;
  if (cmd->expected_arg) {
    cmd->o.has_expected = 1;
    if (!cmd->modes)
      cmd->o.mode = NPS_PLAN_SIZE;
    rc = parse_shares(cmd, "--expected", cmd->expected_arg, &cmd->o.expected,
                      &cmd->v.expected_given, &cmd->v.expected_n);
  }
  return rc;
}

/* The baseline from --from FILE: every answer that passes the filters. */
static int load_baseline(plan_cmd *cmd) {
  cli_common *c = cmd->c;
  nps_table *t = nps_table_new(c->max_groups);
  if (!t)
    return cli_out_of_memory();
  int rc = cli_load(c, cmd->v.from, t, &cmd->v.report);
  if (rc == EXIT_OK) {
    nps_hist h;
    uint64_t missing;
    nps_table_total(t, &h, &missing);
    nps_counts k = nps_hist_counts(&h);
    cmd->o.baseline = (nps_shares){(double)k.promoters, (double)k.passives,
                                   (double)k.detractors};
    cmd->v.baseline_given = PLAN_GIVEN_DATA;
    cmd->v.baseline_n = (double)nps_counts_total(&k);
    if (nps_counts_total(&k) == 0) {
      cli_error("%s: no responses to take the baseline from", cmd->v.from);
      rc = EXIT_DATA;
    }
  }
  nps_table_free(t);
  return rc;
}

static const char *no_spread_who(const nps_shares *s) {
  return s->promoters > 0  ? "a promoter"
         : s->passives > 0 ? "a passive"
                           : "a detractor";
}

/* The named --shift source cannot supply --mde in the tested direction(s). */
static int source_short(const plan_cmd *cmd) {
  static const char *const up[] = {"detractors to become promoters",
                                   "passives to become promoters",
                                   "passives and detractors to become "
                                   "promoters, half of the rise from each"};
  static const char *const down[] = {"promoters to become detractors",
                                     "passives to become detractors",
                                     "passives and promoters to become "
                                     "detractors, half of the fall from each"};
  const nps_plan_options *o = &cmd->o;
  int k = o->shift == NPS_SHIFT_DETRACTORS ? 0
          : o->shift == NPS_SHIFT_PASSIVES ? 1
                                           : 2;
  char rise[160] = "", fall[160] = "";
  if (o->alternative != NPS_ALT_LESS)
    snprintf(rise, sizeof rise, "too few %s for a %g-point rise", up[k],
             100 * o->diff);
  if (o->alternative != NPS_ALT_GREATER)
    snprintf(fall, sizeof fall, "%s%s for a %g-point fall",
             *rise ? ", nor " : "too few ", down[k], 100 * o->diff);
  return cli_usage_error(cmd->c->command,
                         "--mde %g --shift %s: the baseline has %s%s; "
                         "--shift any plans from the sources that can",
                         100 * o->diff, plan_shift_name(o->shift), rise, fall);
}

static int explain(const plan_cmd *cmd, nps_plan_problem why) {
  const char *cm = cmd->c->command;
  const char *base = cmd->v.from ? cmd->v.from : cmd->baseline_arg;
  switch (why) {
  case NPS_PLAN_NO_SPREAD:
    if (cmd->v.from) {
      cli_error("%s: every answer is %s: a baseline with no spread (V = 0) "
                "gives no sample size; plan from data with more than one "
                "category, or give --baseline",
                base, no_spread_who(&cmd->o.baseline));
      return EXIT_DATA;
    }
    return cli_usage_error(cm,
                           "--baseline %s: every answer is %s, so the "
                           "baseline has no spread (V = 0) and no sample "
                           "size follows from it; give shares of at least two "
                           "categories",
                           base, no_spread_who(&cmd->o.baseline));
  case NPS_PLAN_UNREACHABLE:
    return cli_usage_error(cm,
                           "--mde %g: NPS cannot move that far from the "
                           "baseline%s",
                           100 * cmd->o.diff,
                           cmd->o.alternative == NPS_ALT_TWO_SIDED
                               ? " in either direction"
                               : " in the direction of --alternative");
  case NPS_PLAN_SOURCE_SHORT:
    return source_short(cmd);
  case NPS_PLAN_SAME_NPS:
    return cli_usage_error(cm,
                           "--expected %s has the baseline's NPS: there "
                           "is no change to detect",
                           cmd->expected_arg);
  case NPS_PLAN_WRONG_DIRECTION:
    return cli_usage_error(cm,
                           "--expected %s moves NPS against --alternative "
                           "%s",
                           cmd->expected_arg,
                           nps_alternative_name(cmd->o.alternative));
  case NPS_PLAN_BAD_POWER:
    return cli_usage_error(cm, "--power must be above the test's size alpha%s",
                           cmd->o.alternative == NPS_ALT_TWO_SIDED ? " / 2"
                                                                   : "");
  case NPS_PLAN_BAD_EXPECTED:
    return cli_usage_error(cm, "--expected %s: not a distribution",
                           cmd->expected_arg);
  default:
    return cli_usage_error(cm, "these options make no plan (%s)",
                           nps_strerror(NPS_EINVAL));
  }
}

static int run(plan_cmd *cmd) {
  cli_common *c = cmd->c;
  int rc = cmd->v.from ? load_baseline(cmd) : EXIT_OK;
  if (rc != EXIT_OK)
    return rc;
  nps_plan *res = NULL;
  nps_run_error err;
  nps_status st = nps_plan_run(&cmd->o, &res, &err);
  if (st == NPS_EINVAL)
    return explain(cmd, (nps_plan_problem)err.problem);
  if (st != NPS_OK)
    return cli_out_of_memory();
  if (cmd->v.baseline_given == PLAN_GIVEN_COUNTS)
    cli_warn(c,
             "--baseline %s does not sum to 100: read as counts (%.0f "
             "answers)",
             cmd->baseline_arg, cmd->v.baseline_n);
  cmd->v.res = res;
  cli_view v;
  plan_view_init(&cmd->v, &v);
  rc = cli_present(c, &v);
  nps_plan_free(res);
  return rc;
}

int cmd_plan(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "plan");
  plan_cmd cmd = {.v = {.opt = &c}, .c = &c};
  nps_plan_options_init(&cmd.o);
  int rc = parse_args(argc, argv, &cmd);
  if (rc == 0)
    rc = run(&cmd);
  else if (rc < 0)
    rc = EXIT_OK;
  cli_common_free(&c);
  return rc;
}
