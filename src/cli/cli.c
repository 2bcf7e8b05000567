/*
 * cli.c - the nps-stat entry point: the subcommand table, top-level help
 * and version. Each subcommand lives in cmd_<name>.c.
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "common.h"
#include "complete.h"
#include "outfile.h"

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
    {"summary", cmd_summary, "NPS with a confidence interval, per group"},
    {"compare", cmd_compare,
     "did NPS change? two samples: before/after, control/pilot"},
    {"segments", cmd_segments,
     "which segments differ? omnibus, each vs the rest, pairs"},
    {"trend", cmd_trend, "NPS over time: periods, changes, slope, control"},
    {"pilot", cmd_pilot,
     "did the pilot move NPS more than control? difference in differences"},
    {"plan", cmd_plan, "how many answers? sample size, detectable change"},
    {"benchmark", cmd_benchmark,
     "us vs competitors: comparisons, rank interval, industry band"},
    {"sql", cmd_sql, "the GROUP BY that makes counts input in a database"},
    {"report", cmd_report,
     "one HTML page: headline, segments, trend, methods, provenance"},
};

static void print_help(void) {
  printf("Usage: nps-stat COMMAND [OPTIONS] FILE...\n"
         "\n"
         "NPS without illusions: Net Promoter Score from survey exports, with "
         "n,\nconfidence interval and method beside every number.\n"
         "\n"
         "Commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    printf("  %-10s %s\n", commands[i].name, commands[i].summary);
  printf("\n"
         "Examples:\n"
         "  nps-stat summary responses.csv --by channel\n"
         "  nps-stat summary qualtrics.csv --skip-rows 2 --score Q1 "
         "--exclude 'Status=Survey Preview'\n"
         "  nps-stat compare before.csv after.csv\n"
         "  nps-stat trend responses.csv --date date --period month\n"
         "  nps-stat pilot pilot.csv --arm arm --period wave\n"
         "  nps-stat benchmark responses.csv --competitors competitors.csv\n"
         "  nps-stat plan --baseline 45,30,25 --mde 5\n"
         "  nps-stat report responses.csv --by channel --date date -o "
         "report.html\n"
         "  nps-stat sql --dialect duckdb --table responses --score score "
         "--by channel\n"
         "\n"
         "Run 'nps-stat help COMMAND' or 'nps-stat COMMAND --help' for a "
         "command's\noptions and examples; 'man nps-stat-COMMAND' for its "
         "manual page.\n"
         "Exit status: 0 success, 1 a --fail-if condition met, 2 usage "
         "error,\n3 input data error, 4 I/O error, 5 chart rendering "
         "failed.\n");
}

static const command *find(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(name, commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

/* `nps-stat help [COMMAND]`: the general help, or the command's own. */
static int help(int argc, char **argv) {
  if (argc == 2) {
    print_help();
    return EXIT_OK;
  }
  const command *cmd = argc == 3 ? find(argv[2]) : NULL;
  if (!cmd) {
    if (argc == 3)
      cli_error("help: unknown command '%s'", argv[2]);
    else
      cli_error("help: one command expected");
    fputs("Commands:", stderr);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      fprintf(stderr, " %s", commands[i].name);
    fputs("\nTry 'nps-stat --help'.\n", stderr);
    return EXIT_USAGE;
  }
  char *args[] = {(char *)cmd->name, "--help", NULL};
  return cmd->run(2, args);
}

/* `--complete options CMD`: the command's option table, printed by its
 * own parser. */
static int complete_options(const char *name) {
  const command *cmd = find(name);
  if (!cmd)
    return EXIT_USAGE;
  char *args[] = {(char *)cmd->name, NULL};
  cli_listing_options = 1;
  int rc = cmd->run(1, args);
  cli_listing_options = 0;
  return rc;
}

int nps_cli_main(int argc, char **argv) {
  /* The library reports GSL failures as statuses; never abort. */
  gsl_set_error_handler_off();
  cli_std_fds();
  if (argc < 2) {
    fprintf(stderr, "nps-stat: missing command\n"
                    "Try 'nps-stat --help'.\n");
    return EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
    print_help();
    return EXIT_OK;
  }
  if (strcmp(name, "help") == 0)
    return help(argc, argv);
  if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
    printf("nps-stat %s\n", nps_version());
    return EXIT_OK;
  }
  if (strcmp(name, "--complete") == 0 && argc == 3 &&
      strcmp(argv[2], "commands") == 0) {
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      printf("%s\n", commands[i].name);
    return EXIT_OK;
  }
  if (strcmp(name, "--complete") == 0)
    return cli_complete(argc - 1, argv + 1, complete_options);
  const command *cmd = find(name);
  if (cmd)
    return cmd->run(argc - 1, argv + 1);
  cli_error("unknown command '%s'", name);
  fputs("Try 'nps-stat --help'.\n", stderr);
  return EXIT_USAGE;
}
