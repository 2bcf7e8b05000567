/*
 * complete.h - the hidden `nps-stat --complete` mode behind the shell
 * completions (complete.c).
 */
#ifndef NPS_CLI_COMPLETE_H
#define NPS_CLI_COMPLETE_H

/* The hidden `nps-stat --complete` mode (complete.c). While
 * cli_listing_options is set, cli_parse_options prints the command's long
 * options (cli_print_options: --name, with '=' when it takes an argument)
 * instead of parsing, and returns -1 as after --help. cli_complete runs
 * `--complete options CMD` through options(CMD) and `--complete columns
 * FILE [DELIMITER]` itself. */
extern int cli_listing_options;
void cli_print_options(const struct option *options);
int cli_complete(int argc, char **argv, int (*options)(const char *command));

#endif
