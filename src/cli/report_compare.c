/*
 * report_compare.c - the comparison section of `nps-stat report
 * --compare-with FILE | --arm COL`: the data set against another one (an
 * earlier wave, a control group), as `nps-stat compare OTHER FILE`
 * computes it, or arm B of the data against arm A, as `nps-stat compare
 * FILE --arm COL --arms A,B` does:
 * both samples' NPS with their intervals, the difference FILE - OTHER with
 * its interval and p-value, a chart and a finding that claims a difference
 * only when the verdict and the interval shown agree.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare_view.h"
#include "output.h"
#include "report.h"
#include "report_page.h"

static const char *sample_name(const report_data *d, int i) {
  return d->cmp_name[i];
}

static void cmp_finding(FILE *fp, const report_data *d,
                        const nps_compare_row *r) {
  char diff[32], ci[64], p[32];
  cli_signed_points(diff, sizeof diff, r->diff);
  report_ci(ci, sizeof ci, !isnan(r->diff_ci.iv.lo), r->diff_ci.iv);
  cli_fmt_p_phrase(p, sizeof p, r->test.p);
  double level = 100.0 * d->c->level;
  int side = report_side(r->diff_ci.iv);
  fputs("<p class=\"finding\">", fp);
  if (r->untested) {
    fprintf(fp, "Not tested: %s.",
            r->untested == NPS_UNTESTED_EMPTY ? "a sample has no answers"
            : r->untested == NPS_UNTESTED_NO_SPREAD
                ? "no spread in the differences, the z test is undefined"
            : r->untested == NPS_UNTESTED_FEW_PAIRS
                ? "too few matched respondents"
                : "a sample has fewer answers than --min-n");
  } else if (r->verdict.significant && side != 0) {
    fputs("NPS is ", fp);
    fputs(side > 0 ? "higher" : "lower", fp);
    fputs(" in ", fp);
    report_str(fp, d->arm_column ? sample_name(d, 1) : "this data");
    fputs(" than in ", fp);
    report_str(fp, sample_name(d, 0));
    fprintf(fp, ": %s points, %g%% CI %s, ", diff, level, ci);
    report_str(fp, p);
    fputc('.', fp);
  } else if (r->verdict.conflict != NPS_CONFLICT_NONE) {
    fprintf(fp, "Borderline: %s points, %g%% CI %s, ", diff, level, ci);
    report_str(fp, p);
    fputs("; the test and the interval disagree, so more answers would "
          "settle it.",
          fp);
  } else {
    fprintf(fp,
            "No evidence of a difference: %s points, and its %g%% CI %s "
            "includes zero (",
            diff, level, ci);
    report_str(fp, p);
    fputs(").", fp);
  }
  fputs("</p>\n", fp);
}

static void cmp_row(FILE *fp, const report_data *d, const nps_compare_row *r,
                    int i) {
  const nps_compare_side *s = &r->side[i];
  char nps[32], ci[64];
  report_points(nps, sizeof nps, s->est.n ? s->est.nps : NAN);
  report_ci(ci, sizeof ci, s->has_ci, s->ci.iv);
  fprintf(fp, "<tr><td class=\"l\">%s</td><td class=\"l\">",
          d->arm_column ? (i ? "B" : "A")
          : i           ? "this data"
                        : "compared with");
  report_str(fp, sample_name(d, i));
  fprintf(fp,
          "</td><td>%llu</td><td>%.1f%%</td><td>%.1f%%</td><td>%.1f%%</td>"
          "<td>%s</td><td>%s</td></tr>\n",
          (unsigned long long)s->est.n, 100.0 * s->est.share_promoters,
          100.0 * s->est.share_passives, 100.0 * s->est.share_detractors, nps,
          ci);
}

int report_compare(FILE *fp, report_data *d) {
  const nps_compare_row *r = nps_compare_overall(d->compare);
  compare_view view = {.opt = d->c,
                       .path = {d->arm_column ? d->path : d->compare_path,
                                d->arm_column ? NULL : d->path},
                       .label = {d->cmp_label[0], d->cmp_label[1]},
                       .arm_column = d->arm_column,
                       .res = d->compare};
  fputs("<section id=\"compare\">\n<h2>", fp);
  if (d->arm_column) {
    fputs("Comparison of ", fp);
    report_str(fp, sample_name(d, 1));
    fputs(" with ", fp);
    report_str(fp, sample_name(d, 0));
    fputs(" (", fp);
    report_str(fp, d->arm_column);
    fputs(")", fp);
  } else {
    fputs("Comparison with ", fp);
    report_str(fp, sample_name(d, 0));
  }
  fputs("</h2>\n", fp);
  cmp_finding(fp, d, r);
  if (r->side[0].est.n && r->side[1].est.n)
    report_chart(fp, d, compare_write_chart, &view, "comparison");
  fprintf(fp,
          "<table>\n<tr><th class=\"l\">sample</th><th class=\"l\">"
          "%s</th><th>n</th><th>promoters</th><th>passives</th>"
          "<th>detractors</th><th>NPS</th><th>%g%% CI</th></tr>\n",
          d->arm_column ? "arm" : "file", 100.0 * d->c->level);
  cmp_row(fp, d, r, 0);
  cmp_row(fp, d, r, 1);
  fputs("</table>\n", fp);
  if (!r->untested) {
    char diff[32], ci[64], p[32];
    cli_signed_points(diff, sizeof diff, r->diff);
    report_ci(ci, sizeof ci, !isnan(r->diff_ci.iv.lo), r->diff_ci.iv);
    cli_fmt_p(p, sizeof p, r->test.p);
    fprintf(fp,
            "<table>\n<tr><th class=\"l\">difference</th><th>points</th>"
            "<th>%g%% CI</th><th class=\"l\">test</th><th>p</th></tr>\n"
            "<tr><td class=\"l\">%s</td>"
            "<td>%s</td><td>%s</td><td class=\"l\">%s</td><td>",
            100.0 * d->c->level,
            d->arm_column ? "B &minus; A" : "this data &minus; compared", diff,
            ci, nps_test2_method_label(r->test.method));
    report_str(fp, p);
    fputs("</td></tr>\n</table>\n", fp);
  }
  fputs("</section>\n", fp);
  return EXIT_OK;
}
