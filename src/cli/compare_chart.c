/*
 * compare_chart.c - the charts of `nps-stat compare`: both samples with
 * their intervals and the difference with its interval and p; and the
 * power to detect 5, 10 and 20 points and the observed difference
 * against the size of each arm (curves from nps_compare_power_curve).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_view.h"

nps_status compare_write_chart(FILE *fp, const nps_plot_target *t,
                               const void *ctx) {
  const compare_view *cv = ctx;
  const cli_common *c = cv->opt;
  const nps_compare_row *r = nps_compare_overall(cv->res);
  int tested = r->verdict.tested;
  nps_plot_group g[2];
  for (int s = 0; s < 2; s++) {
    const nps_compare_side *x = &r->side[s];
    g[s] = (nps_plot_group){cv->label[s],
                            strlen(cv->label[s]),
                            x->counts,
                            {NAN, NAN},
                            NPS_PLOT_PLAIN};
    if (x->has_ci)
      g[s].ci = x->ci.iv;
  }
  nps_plot_diff d = {r->diff, tested ? r->diff_ci.iv : (nps_interval){NAN, NAN},
                     tested ? r->verdict.p : NAN,
                     tested ? compare_test_label(cv, r) : NULL};
  int boot = compare_diff_ci_is_boot(r);
  const char *how = compare_diff_ci_label(r);
  char title[200], note[80];
  snprintf(title, sizeof title, "NPS: %.80s vs %.80s", cv->label[1],
           cv->label[0]);
  snprintf(note, sizeof note, "interval of the difference: %s",
           tested && how ? how : "none");
  nps_plot_info info = {title,
                        cv->arm_column ? cv->path[0] : NULL,
                        nps_ci_method_label(c->ci),
                        c->level,
                        boot || cli_is_boot(c->ci) ? c->boot : 0,
                        c->seed,
                        note};
  return nps_plot_compare(fp, t, &info, &g[0], &g[1], &d);
}

enum { POWER_SERIES = 4, POWER_GRID = 81 };

typedef struct power_chart {
  double x[POWER_GRID];
  double power[POWER_SERIES][POWER_GRID];
  char label[POWER_SERIES][48];
  nps_plot_series series[POWER_SERIES];
  size_t n;
} power_chart;

/* Adds the curve for a true difference delta (points / 100) when the
 * baseline can move that far. */
static void power_series(power_chart *pc, const compare_view *cv, double delta,
                         const char *what) {
  const nps_compare_row *r = nps_compare_overall(cv->res);
  size_t k = pc->n;
  double needed, used;
  if (nps_compare_power_curve(cv->res, r, delta, pc->x, POWER_GRID,
                              pc->power[k], &needed, &used) != NPS_OK)
    return;
  nps_plot_series *sr = &pc->series[k];
  snprintf(pc->label[k], sizeof pc->label[k], "%s%+.1f points", what,
           100 * used);
  *sr = (nps_plot_series){pc->label[k], strlen(pc->label[k]), pc->x,
                          pc->power[k], POWER_GRID,           NAN};
  if (needed >= pc->x[0] && needed <= pc->x[POWER_GRID - 1])
    sr->mark = ceil(needed);
  pc->n++;
}

nps_status compare_write_power_chart(FILE *fp, const nps_plot_target *t,
                                     const void *ctx) {
  const compare_view *cv = ctx;
  const nps_compare_row *r = nps_compare_overall(cv->res);
  power_chart *pc = calloc(1, sizeof *pc);
  if (!pc)
    return NPS_ENOMEM;
  /* Arms of 10 to 100,000 answers, evenly spaced on a log scale. */
  for (size_t i = 0; i < POWER_GRID; i++)
    pc->x[i] = pow(10.0, 1.0 + 4.0 * (double)i / (POWER_GRID - 1));
  static const double fixed[3] = {0.05, 0.10, 0.20};
  for (size_t i = 0; i < 3; i++)
    power_series(pc, cv, fixed[i], "");
  if (r->verdict.tested && fabs(r->diff) >= 0.005)
    power_series(pc, cv, r->diff, "observed ");
  char title[200], note[120];
  snprintf(title, sizeof title, "Power to detect a change from %.80s",
           cv->label[0]);
  snprintf(note, sizeof note, "z test, %s, equal arms; baseline: %s (n = %llu)",
           nps_alternative_name(cv->analysis.alternative), cv->label[0],
           (unsigned long long)r->side[0].est.n);
  nps_plot_info info = {title, NULL, NULL, cv->opt->level, 0, 0, note};
  nps_status st = pc->n ? nps_plot_power(fp, t, &info, NPS_PLOT_POWER_VS_N,
                                         NPS_COMPARE_POWER, pc->series, pc->n)
                        : NPS_EINVAL;
  free(pc);
  return st;
}
