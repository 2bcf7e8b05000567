/*
 * pilot_chart.c - the chart of `nps-stat pilot`: the four cells' NPS with
 * their intervals, a before -> after line for each arm, and the DiD with
 * its Wald interval and p in the title (nps_plot_did).
 */
#include <math.h>
#include <string.h>

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
  char note[120];
  if (!d->tested)
    snprintf(note, sizeof note,
             "not tested: a cell has fewer than %llu answers",
             (unsigned long long)c->min_n);
  else
    snprintf(note, sizeof note, "%s; bootstrap p %s%.3g, B = %zu",
             d->verdict.significant                     ? "significant"
             : d->verdict.conflict != NPS_CONFLICT_NONE ? "borderline"
                                                        : "not significant",
             d->boot_p_floor ? "< " : "= ", d->boot_p, d->replicates);
  nps_plot_info info = {"NPS before and after, control and pilot",
                        !p->one_file              ? NULL
                        : strcmp(p->path[0], "-") ? p->path[0]
                                                  : "standard input",
                        nps_ci_method_label(c->ci),
                        c->level,
                        cli_is_boot(c->ci) ? c->boot : 0,
                        c->seed,
                        note};
  return nps_plot_did(fp, t, &info, g, p->period, &diff);
}
