/*
 * benchmark_chart.c - the chart of `nps-stat benchmark`: the forest chart
 * of every party in the table's order, ours highlighted, the industry
 * percentiles shaded, the verdict in the note.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"

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
                              p->kind == NPS_BENCHMARK_OURS};
  }
  char note[512];
  snprintf(note, sizeof note, "rank %zu of %zu (%g%% rank interval %zu..%zu)",
           r->rank, r->n_parties, 100.0 * r->options.level, r->rank_lo,
           r->rank_hi);
  nps_plot_info info = {"NPS against competitors",
                        strcmp(b->path, "-") ? b->path : "standard input",
                        nps_ci_method_label(r->options.ci),
                        r->options.level,
                        0,
                        r->options.seed,
                        note};
  nps_status st =
      nps_plot_forest(fp, t, &info, rows, r->n_parties, b->comp->band);
  free(rows);
  return st;
}
