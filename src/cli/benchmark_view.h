/*
 * benchmark_view.h - the presentation of `nps-stat benchmark`: its writers
 * (benchmark_view.c) and chart (benchmark_chart.c). Private to the CLI.
 */
#ifndef NPS_CLI_BENCHMARK_VIEW_H
#define NPS_CLI_BENCHMARK_VIEW_H

#include "common.h"
#include "present.h"

typedef struct benchmark_view {
  const cli_common *opt;
  const char *path;             /* our responses */
  const char *competitors_path; /* the competitors file, or NULL */
  const char *raw_path;         /* competitors' raw answers, or NULL */
  const char *raw_by;           /* their competitor column */
  nps_csvin_report report;
  const nps_competitors *comp;
  const nps_benchmark *res;
} benchmark_view;

/* The writers of b as a view, with the chart when --plot is given. */
void benchmark_view_init(const benchmark_view *b, cli_view *v);

/* "ahead of B, behind A, indistinguishable from C and D; not comparable:
 * E (different year)" into buf. */
void benchmark_verdict_text(const benchmark_view *b, char *buf, size_t size);

/* Appends the party's name to the string in buf (size bytes), control
 * characters as spaces, cut to fit: for a line of text. */
void benchmark_name_append(char *buf, size_t size,
                           const nps_benchmark_party *p);

/* The verdict of a competitor in words: "we are ahead", "we are behind",
 * "no difference", "borderline", "not comparable" (another year, region
 * or survey type); "ours" for our row. */
const char *benchmark_verdict_word(const nps_benchmark_party *p);

/* "our interval [a, b] lies between p25 (12.0) and p75 (30.0)": where our
 * interval lies among the industry percentiles (when there are any). */
void benchmark_band_text(const benchmark_view *b, char *buf, size_t size);

/* Reads the competitors file path ("-": standard input) into *comp, with
 * a message by file, line and column when it fails and a warning for
 * skipped rows (benchmark_load.c). Returns EXIT_OK, EXIT_DATA or EXIT_IO. */
int benchmark_read_file(cli_common *c, const char *path,
                        const nps_competitors_options *o,
                        nps_competitors **comp);

/* "year 2023, ours 2025; region EU, ours US" for a competitor's mismatch
 * bits into buf. */
void benchmark_mismatch_text(const nps_benchmark *b,
                             const nps_benchmark_party *p, char *buf,
                             size_t size);

/* "different year and survey type": the columns a competitor's number
 * differs from ours in, for its "not comparable" verdict. */
void benchmark_unlike_text(const nps_benchmark_party *p, char *buf,
                           size_t size);

/* Warns once per competitor that is not like for like, and once per
 * context taken from the competitors file (naming the --ours-X option
 * when name_flags is nonzero). */
void benchmark_warn_context(const cli_common *c, const char *comp_path,
                            const nps_benchmark *b, int name_flags);

/* The chart writer (benchmark_chart.c). */
nps_status benchmark_write_chart(FILE *fp, const nps_plot_target *t,
                                 const void *ctx);

#endif
