/*
 * counts_out.h - `--format counts`: the histograms read, written in the
 * long counts layout (counts_out.c).
 */
#ifndef NPS_CLI_COUNTS_OUT_H
#define NPS_CLI_COUNTS_OUT_H

#include "nps/nps.h"

#include "common.h"

/* Nonzero for the commands that write --format counts: summary, segments,
 * trend. */
int cli_counts_command(const char *command);

/* Usage checks for --format counts: no chart (--plot, or other_chart, a
 * command's own chart flag when given), and no group column named like
 * the score or count column of the long layout. 0 or EXIT_USAGE. */
int cli_counts_check(const cli_common *c, const char *other_chart);

/* Writes t to --output (or stdout, committed whole) in the long counts
 * layout: a header of the group columns of c->csv, "score", "count"; for
 * each group in table order a row per score with answers, then one with
 * an empty score and its missing answers (when it has some, or no answer
 * at all). Returns EXIT_OK or EXIT_IO after a message. */
int cli_counts_write(const cli_common *c, const nps_table *t);

#endif
