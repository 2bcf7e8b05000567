/*
 * cli.h - what every part of the nps-stat command-line tool shares: the
 * exit status codes, and the entry point with one function per subcommand
 * (the command table is in cli.c, each command in cmd_<name>.c).
 *
 * The tool uses only the public library API (include/nps); everything in
 * src/cli is presentation: parsing arguments, naming files in messages,
 * formatting. Each module's functions are declared in the header of the
 * same name (common.h for common.c, ...).
 */
#ifndef NPS_CLI_H
#define NPS_CLI_H

/* Exit status (docs/cli.md, "Exit status"). */
enum {
  EXIT_OK = 0,
  EXIT_CONDITION = 1, /* a --fail-if condition was met */
  EXIT_USAGE = 2,
  EXIT_DATA = 3,
  EXIT_IO = 4,
  EXIT_RENDER = 5
};

int nps_cli_main(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_segments(int argc, char **argv);
int cmd_pilot(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_benchmark(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
