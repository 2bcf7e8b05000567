/*
 * present.c - the presentation step shared by every command: the view's
 * writer for the chosen format, the chart scripts, and one all-or-nothing
 * commit of them all, rendering last.
 */
#include <string.h>

#include "cli.h"
#include "common.h"
#include "json.h"
#include "outfile.h"
#include "present.h"
#include "render.h"

void cli_view_chart(cli_view *v, const char *path, cli_plot_writer write,
                    const void *ctx) {
  if (path && v->n_charts < CLI_MAX_CHARTS)
    v->charts[v->n_charts++] = (cli_chart){path, write, ctx};
}

/* The results in c's format; 0, or -1 when out of memory. */
static int write_results(FILE *fp, const cli_common *c, const cli_view *v) {
  switch (c->format) {
  case FORMAT_COUNTS: /* written before the analysis (counts_out.c) */
  case FORMAT_TABLE:
  case FORMAT_MARKDOWN:
    return v->table(fp, v->ctx, c->format == FORMAT_MARKDOWN);
  case FORMAT_CSV:
    v->csv(fp, v->ctx);
    return 0;
  case FORMAT_JSON: {
    cli_json w;
    cli_json_init(&w, fp);
    v->json(&w, v->ctx);
    fputc('\n', fp);
    return 0;
  }
  }
  return 0;
}

int cli_present(const cli_common *c, const cli_view *v) {
  cli_out out;
  cli_plot_out charts[CLI_MAX_CHARTS];
  memset(charts, 0, sizeof charts);
  int rc = cli_out_open(&out, c->output);
  if (rc)
    return rc;
  if (write_results(out.fp, c, v) != 0)
    rc = cli_out_of_memory();
  for (size_t i = 0; i < v->n_charts && rc == EXIT_OK; i++)
    rc = cli_plot_begin(c, v->charts[i].path, v->charts[i].write,
                        v->charts[i].ctx, &charts[i]);
  int ok = rc == EXIT_OK;
  int out_rc = cli_out_close(&out, ok);
  if (ok && out_rc != EXIT_OK) {
    rc = out_rc;
    ok = 0;
  }
  for (size_t i = 0; i < v->n_charts; i++) {
    int rc_chart = cli_plot_end(c, &charts[i], ok);
    if (rc == EXIT_OK)
      rc = rc_chart;
  }
  return rc;
}
