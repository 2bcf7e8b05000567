/*
 * benchmark_chart.c - the chart of `nps-stat benchmark`: the forest chart
 * of every party in the table's order, ours highlighted, the industry
 * percentiles shaded, the verdict in the note.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"
#include "chart_opts.h"
#include "output.h"

nps_status benchmark_write_chart(FILE *fp, const nps_plot_target *t,
                                 const void *ctx) {
  const benchmark_view *b = ctx;
  const nps_benchmark *r = b->res;
  nps_plot_forest_row *rows = calloc(r->n_parties, sizeof *rows);
  if (!rows)
    return NPS_ENOMEM;
  for (size_t i = 0; i < r->n_parties; i++) {
    const nps_benchmark_party *p = &r->parties[i];
    rows[i] =
        (nps_plot_forest_row){p->name,
                              p->name_len,
                              p->nps,
                              p->has_ci ? p->ci : (nps_interval){NAN, NAN},
                              p->has_n ? p->n : 0,
                              p->kind == NPS_BENCHMARK_OURS,
                              p->mismatch != 0};
  }
  char title[160], note[512], sub[256];
  snprintf(title, sizeof title, "Our NPS against competitors: rank %zu of %zu",
           r->rank, r->n_ranked);
  snprintf(note, sizeof note, "%g%% range of our rank: %zu to %zu",
           100.0 * r->options.level, r->rank_lo, r->rank_hi);
  if (r->n_unlike)
    cli_append(note, sizeof note, " · %zu not like for like, not ranked",
               r->n_unlike);
  nps_plot_info info = {.title = title,
                        .source =
                            strcmp(b->path, "-") ? b->path : "standard input",
                        .method = nps_ci_method_label(r->options.ci),
                        .level = r->options.level,
                        .seed = r->options.seed,
                        .note = note};
  cli_chart_info(b->opt, &info, sub, sizeof sub);
  nps_status st =
      nps_plot_forest(fp, t, &info, rows, r->n_parties, b->comp->band);
  free(rows);
  return st;
}
