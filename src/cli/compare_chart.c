/*
 * compare_chart.c - the charts of `nps-stat compare`: both samples with
 * their intervals and the difference with its interval and p; and the
 * power to detect 5, 10 and 20 points and the observed difference
 * against the size of each arm (curves from nps_compare_power_chart).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_opts.h"
#include "common.h"
#include "compare_view.h"
#include "output.h"

nps_status compare_write_chart(FILE *fp, const nps_plot_target *t,
                               const void *ctx) {
  const compare_view *cv = ctx;
  const cli_common *c = cv->opt;
  const nps_compare_row *r = nps_compare_overall(cv->res);
  int tested = r->verdict.tested;
  nps_plot_group g[2];
  for (int s = 0; s < 2; s++) {
    const nps_compare_side *x = &r->side[s];
    g[s] =
        (nps_plot_group){cv->label[s],
                         strlen(cv->label[s]),
                         x->counts,
                         {NAN, NAN},
                         x->est.n < c->min_n ? NPS_PLOT_SMALL : NPS_PLOT_PLAIN};
    if (x->has_ci)
      g[s].ci = x->ci.iv;
  }
  nps_plot_diff d = {r->diff, tested ? r->diff_ci.iv : (nps_interval){NAN, NAN},
                     tested ? r->verdict.p : NAN,
                     tested ? compare_test_label(cv, r) : NULL};
  int boot = compare_diff_ci_is_boot(r);
  const char *how = compare_diff_ci_label(r);
  char title[256], foot[160], sub[256], p[32];
  snprintf(title, sizeof title, "%.60s vs %.60s", cv->label[1], cv->label[0]);
  if (tested) {
    cli_chart_p(p, sizeof p, r->verdict.p);
    cli_append(title, sizeof title, ": %+.1f points (%s, %s)", 100.0 * r->diff,
               r->verdict.significant ? "significant" : "not significant", p);
  } else {
    cli_append(title, sizeof title, ": %+.1f points (not tested)",
               100.0 * r->diff);
  }
  snprintf(foot, sizeof foot, "difference: %s%s%s",
           tested ? compare_test_label(cv, r) : "not tested",
           tested && how ? ", interval by " : "", tested && how ? how : "");
  nps_plot_info info = {.title = title,
                        .source = cv->arm_column ? cv->path[0] : NULL,
                        .method = nps_ci_method_label(c->ci),
                        .level = c->level,
                        .replicates = boot || cli_is_boot(c->ci) ? c->boot : 0,
                        .seed = c->seed,
                        .footnote = foot};
  cli_chart_info(c, &info, sub, sizeof sub);
  return nps_plot_compare(fp, t, &info, &g[0], &g[1], &d);
}

typedef struct power_chart {
  nps_compare_power_lines lines;
  char label[NPS_COMPARE_POWER_CURVES][48];
  nps_plot_series series[NPS_COMPARE_POWER_CURVES];
} power_chart;

nps_status compare_write_power_chart(FILE *fp, const nps_plot_target *t,
                                     const void *ctx) {
  const compare_view *cv = ctx;
  const nps_compare_row *r = nps_compare_overall(cv->res);
  power_chart *pc = calloc(1, sizeof *pc);
  if (!pc)
    return NPS_ENOMEM;
  nps_compare_power_chart(cv->res, &pc->lines);
  const double *x = pc->lines.n;
  for (size_t k = 0; k < pc->lines.n_lines; k++) {
    const nps_compare_power_line *l = &pc->lines.line[k];
    nps_plot_series *sr = &pc->series[k];
    snprintf(pc->label[k], sizeof pc->label[k], "%s%+.1f points",
             l->observed ? "observed " : "", 100 * l->delta_used);
    *sr = (nps_plot_series){pc->label[k], strlen(pc->label[k]),   x,
                            l->power,     NPS_COMPARE_POWER_GRID, NAN};
    if (l->n_needed >= x[0] && l->n_needed <= x[NPS_COMPARE_POWER_GRID - 1])
      sr->mark = ceil(l->n_needed);
  }
  char title[200], note[120], method[80], sub[256];
  snprintf(title, sizeof title,
           "Answers per arm needed to detect a change from %.60s",
           cv->label[0]);
  snprintf(note, sizeof note, "starting from %s (n = %llu), equal arms",
           cv->label[0], (unsigned long long)r->side[0].est.n);
  snprintf(method, sizeof method, "z test, %s",
           nps_alternative_name(cv->analysis.alternative));
  nps_plot_info info = {
      .title = title, .method = method, .level = cv->opt->level, .note = note};
  cli_chart_info(cv->opt, &info, sub, sizeof sub);
  nps_status st =
      pc->lines.n_lines
          ? nps_plot_power(fp, t, &info, NPS_PLOT_POWER_VS_N, NPS_COMPARE_POWER,
                           pc->series, pc->lines.n_lines)
          : NPS_EINVAL;
  free(pc);
  return st;
}
