/*
 * report_benchmark.c - the competitors section of `nps-stat report
 * --competitors FILE`: our NPS against competitors' published numbers,
 * as `nps-stat benchmark` computes it: our rank with its interval, each
 * competitor's verdict (from the adjusted p and the interval at the
 * matching level, which always agree), the forest chart and the table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"
#include "cli.h"
#include "output.h"
#include "report.h"
#include "report_page.h"

static void bench_finding(FILE *fp, const report_data *d,
                          const benchmark_view *b) {
  const nps_benchmark *r = d->benchmark;
  char verdict[2048];
  benchmark_verdict_text(b, verdict, sizeof verdict);
  fprintf(fp,
          "<p class=\"finding\">Our NPS ranks %zu of %zu (%g%% range of the "
          "rank: %zu to %zu): ",
          r->rank, r->n_ranked, 100.0 * r->options.level, r->rank_lo,
          r->rank_hi);
  report_str(fp, verdict);
  fputs(".", fp);
  if (r->n_bands) {
    char band[256];
    benchmark_band_text(b, band, sizeof band);
    fputs(" Industry: ", fp);
    report_str(fp, band);
    fputs(".", fp);
  }
  fputs("</p>\n", fp);
}

static void bench_row(FILE *fp, const nps_benchmark *r,
                      const nps_benchmark_party *p) {
  int ours = p->kind == NPS_BENCHMARK_OURS;
  char nps[32], ci[64], diff[32], dci[64], pa[32];
  report_points(nps, sizeof nps, p->nps);
  report_ci(ci, sizeof ci, p->has_ci, p->ci);
  fprintf(fp, "<tr%s><td class=\"l\">", ours ? " class=\"ours\"" : "");
  report_text(fp, p->name, p->name_len);
  if (p->has_n)
    fprintf(fp, "</td><td>%llu</td>", (unsigned long long)p->n);
  else
    fputs("</td><td>n/a</td>", fp);
  fprintf(fp, "<td>%s</td><td>%s</td>", nps, ci);
  if (ours) {
    fputs("<td></td><td></td><td></td><td class=\"l\">ours</td>"
          "<td class=\"l\"></td><td class=\"l\"></td></tr>\n",
          fp);
    return;
  }
  cli_signed_points(diff, sizeof diff, p->diff);
  report_ci(dci, sizeof dci, 1, p->diff_ci_matched);
  if (p->comparable)
    cli_fmt_p(pa, sizeof pa, p->p_adjusted);
  else
    snprintf(pa, sizeof pa, "n/a");
  fprintf(fp, "<td>%s</td><td>%s (%.1f%%)</td><td>", diff, dci,
          100.0 * p->level_matched);
  report_str(fp, pa);
  fprintf(fp, "</td><td class=\"l\">%s</td><td class=\"l\">%s</td>",
          nps_benchmark_kind_name(p->kind), benchmark_verdict_word(p));
  fputs("<td class=\"l\">", fp);
  if (p->mismatch) {
    char what[512];
    benchmark_mismatch_text(r, p, what, sizeof what);
    fputs("not like for like: ", fp);
    report_str(fp, what);
    fputs(p->comparable ? " (compared and ranked as asked)"
                        : " (not compared or ranked; us &minus; them for "
                          "reference only)",
          fp);
  }
  fputs("</td></tr>\n", fp);
}

int report_benchmark(FILE *fp, report_data *d) {
  const nps_benchmark *r = d->benchmark;
  benchmark_view b = {.opt = d->c,
                      .path = d->path,
                      .competitors_path = d->competitors_path,
                      .comp = d->comp,
                      .res = r};
  fputs("<section id=\"benchmark\">\n<h2>Against competitors</h2>\n", fp);
  bench_finding(fp, d, &b);
  report_chart(fp, d, benchmark_write_chart, &b, "competitors");
  fprintf(fp,
          "<table>\n<tr><th class=\"l\">party</th><th>n</th><th>NPS</th>"
          "<th>%g%% CI</th><th>us &minus; them</th><th>its CI (level)</th>"
          "<th>p (adj.)</th><th class=\"l\">comparison</th>"
          "<th class=\"l\">verdict</th><th class=\"l\">note</th></tr>\n",
          100.0 * r->options.level);
  for (size_t i = 0; i < r->n_parties; i++)
    bench_row(fp, r, &r->parties[i]);
  fputs("</table>\n", fp);
  fprintf(fp,
          "<p class=\"muted\">us &minus; them: our NPS minus theirs. Its CI "
          "is at the level matched to the %s-adjusted p; a verdict claims a "
          "difference only where the test and that interval agree, and "
          "says borderline where they do not. A competitor of another "
          "year, region or survey type is not comparable: no verdict, not "
          "ranked. full: their "
          "distribution and n; conservative: their NPS and n (worst-case "
          "variance); fixed: their NPS only, taken as exact.</p>\n",
          cli_multi_label(r->adjust));
  fputs("</section>\n", fp);
  return EXIT_OK;
}
