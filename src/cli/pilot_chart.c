/*
 * pilot_chart.c - the chart of `nps-stat pilot`: the four cells' NPS with
 * their intervals, a before -> after line for each arm, and the DiD with
 * its Wald interval and p in the title (nps_plot_did).
 */
#include <math.h>
#include <string.h>

#include "chart_opts.h"
#include "common.h"
#include "output.h"
#include "pilot_view.h"

nps_status pilot_write_chart(FILE *fp, const nps_plot_target *t,
                             const void *ctx) {
  const pilot_view *p = ctx;
  const cli_common *c = p->opt;
  const nps_did *d = p->res;
  nps_plot_group g[NPS_DID_CELLS];
  for (int i = 0; i < NPS_DID_CELLS; i++) {
    const nps_did_cell *x = &d->cell[i];
    const char *arm = p->arm[i / 2];
    g[i] = (nps_plot_group){
        arm, strlen(arm), x->counts, {NAN, NAN}, NPS_PLOT_PLAIN};
    if (x->has_ci)
      g[i].ci = x->ci.iv;
  }
  nps_plot_diff diff = {d->did,
                        d->tested ? d->wald_ci : (nps_interval){NAN, NAN},
                        d->tested ? d->p : NAN, d->tested ? "Wald z" : NULL};
  char title[200], note[120], foot[120], sub[256], pp[32];
  snprintf(title, sizeof title, "Change in NPS, pilot vs control: ");
  if (!d->tested) {
    cli_append(title, sizeof title, "%+.1f points (not tested)",
               100.0 * d->did);
    snprintf(note, sizeof note, "a cell has fewer than %llu answers",
             (unsigned long long)c->min_n);
  } else {
    cli_chart_p(pp, sizeof pp, d->p);
    cli_append(title, sizeof title, "%+.1f points (%s, %s)", 100.0 * d->did,
               d->verdict.significant                     ? "significant"
               : d->verdict.conflict != NPS_CONFLICT_NONE ? "borderline"
                                                          : "not significant",
               pp);
  }
  snprintf(foot, sizeof foot, "difference in differences: Wald z");
  if (d->tested)
    cli_append(foot, sizeof foot, "; bootstrap p %s%.3g, B = %zu",
               d->boot_p_floor ? "< " : "= ", d->boot_p, d->replicates);
  nps_plot_info info =
      cli_chart_base(c, p->one_file ? p->path[0] : NULL, title);
  info.note = d->tested ? NULL : note;
  info.footnote = foot;
  cli_chart_info(c, &info, sub, sizeof sub);
  return nps_plot_did(fp, t, &info, g, p->period, &diff);
}
