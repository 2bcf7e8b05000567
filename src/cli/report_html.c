/*
 * report_html.c - the page of `nps-stat report`: head, style, the headline
 * section, methods and provenance, and the escaping every text goes
 * through. The segment and trend sections are in report_sections.c.
 *
 * Every byte that comes from the data or the command line (labels, file
 * names, column names, filter values) is written by report_text; the page
 * has no script, loads nothing, and says so in its Content-Security-Policy.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_view.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "render.h"
#include "report.h"
#include "report_page.h"

/* Length of the UTF-8 sequence at s (n bytes left) and its code point, or
 * 0 when it is not valid UTF-8 (overlong, surrogate, above U+10FFFF). */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp) {
  size_t len = s[0] < 0x80                   ? 1
               : s[0] >= 0xc2 && s[0] < 0xe0 ? 2
               : s[0] >= 0xe0 && s[0] < 0xf0 ? 3
               : s[0] >= 0xf0 && s[0] < 0xf5 ? 4
                                             : 0;
  if (len == 0 || len > n)
    return 0;
  unsigned long v = len == 1 ? s[0] : s[0] & (0x7f >> len);
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3f);
  }
  if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10ffff ||
      (v >= 0xd800 && v < 0xe000))
    return 0;
  *cp = v;
  return len;
}

static int is_bidi_control(unsigned long cp) {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void report_text(FILE *fp, const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    unsigned long cp = 0;
    size_t k = utf8_next(p + i, len - i, &cp);
    if (k == 0) {
      fputs("\xef\xbf\xbd", fp);
      i++;
      continue;
    }
    if (cp == '&')
      fputs("&amp;", fp);
    else if (cp == '<')
      fputs("&lt;", fp);
    else if (cp == '>')
      fputs("&gt;", fp);
    else if (cp == '"')
      fputs("&quot;", fp);
    else if (cp == '\'')
      fputs("&#39;", fp);
    else if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 ||
             cp == 0x2029)
      fputc(' ', fp);
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || is_bidi_control(cp))
      fputs("\xef\xbf\xbd", fp);
    else
      fwrite(p + i, 1, k, fp);
    i += k;
  }
}

void report_str(FILE *fp, const char *s) {
  report_text(fp, s, strlen(s));
}

/* The page's colours per theme (light, dark, print), as the charts'. */
static const char *const theme_colours[] = {
    ":root{--bg:#fff;--fg:#222;--rule:#ccc;--tint:#f3f6fa;--accent:#2c5d8a;"
    "--head:#eee;--muted:#666;--note:#8a4b00;--note-rule:#e0b070;"
    "--note-bg:#fff8ec}\n",
    ":root{--bg:#1f2430;--fg:#e6e6e6;--rule:#454d5e;--tint:#2a3140;"
    "--accent:#7ba7d7;--head:#2a3140;--muted:#a9afba;--note:#f0c080;"
    "--note-rule:#8a6a30;--note-bg:#2e2a22;color-scheme:dark}\n",
    ":root{--bg:#fff;--fg:#000;--rule:#000;--tint:#fff;--accent:#000;"
    "--head:#fff;--muted:#333;--note:#000;--note-rule:#000;--note-bg:#fff}\n"};

static const char style[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;"
    "margin:2em auto;padding:0 1em;color:var(--fg);background:var(--bg);"
    "line-height:1.4}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid "
    "var(--rule);padding-bottom:.2em;margin-top:1.6em}\n"
    ".finding{font-size:1.1em;background:var(--tint);border-left:4px solid "
    "var(--accent);padding:.5em .8em}\n"
    ".headline{font-size:2.4em;font-weight:bold}\n"
    "table{border-collapse:collapse;margin:.8em 0;font-size:.92em}\n"
    "th,td{border:1px solid var(--rule);padding:.25em .6em;text-align:right}"
    "\nth{background:var(--head)}td.l,th.l{text-align:left}"
    "tr.ours td{font-weight:bold}\n"
    ".chart svg{max-width:100%;height:auto;display:block;margin:.8em 0}\n"
    ".note{color:var(--note);border:1px solid var(--note-rule);"
    "background:var(--note-bg);padding:.4em .8em}\n"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}\n"
    "dt{font-weight:bold}dd{margin:0}.muted{color:var(--muted);"
    "font-size:.9em}\n"
    "@media print{body{max-width:none;margin:0}section{break-inside:avoid}"
    ".chart svg{max-width:100%}.finding{border-left-color:#000}"
    "h2{break-after:avoid}}\n";

void report_points(char *buf, size_t size, double x) {
  if (isnan(x))
    snprintf(buf, size, "n/a");
  else
    cli_points(buf, size, x);
}

/* The interval of a row in points, with its rounded limits. */
void report_ci(char *buf, size_t size, int has, nps_interval iv) {
  if (!has || isnan(iv.lo) || isnan(iv.hi))
    snprintf(buf, size, "n/a");
  else
    cli_fmt_ci(buf, size, iv.lo, iv.hi);
}

/* -1 when the interval, as shown (points, one decimal), lies below zero,
 * +1 above, 0 when it holds zero or is missing. */
int report_side(nps_interval iv) {
  if (isnan(iv.lo) || isnan(iv.hi))
    return 0;
  double lo = round(iv.lo * 1000.0), hi = round(iv.hi * 1000.0);
  return lo > 0 ? 1 : hi < 0 ? -1 : 0;
}

/* Writes the image with every id it defines or refers to (id='X',
 * href='#X', url(#X)) prefixed by "cK-", K counting the charts of the page:
 * gnuplot names its symbols alike in every image, and ids are unique in a
 * page. */
static void put_scoped_svg(FILE *fp, const char *svg, size_t len, int k) {
  static const char *const refs[] = {"id='", "id=\"", "href='#", "href=\"#",
                                     "url(#"};
  size_t i = 0;
  while (i < len) {
    size_t hit = 0;
    for (size_t r = 0; r < sizeof refs / sizeof refs[0] && !hit; r++) {
      size_t n = strlen(refs[r]);
      if (len - i >= n && memcmp(svg + i, refs[r], n) == 0 &&
          (i == 0 || svg[i - 1] == ' ' || svg[i - 1] == ':' ||
           svg[i - 1] == '\t' || svg[i - 1] == '\n' || refs[r][0] == 'u'))
        hit = n;
    }
    if (hit) {
      fwrite(svg + i, 1, hit, fp);
      fprintf(fp, "c%d-", k);
      i += hit;
    } else
      fputc(svg[i++], fp);
  }
}

void report_key(FILE *fp, report_data *d, const char *key, size_t len) {
  char *label = cli_display_key(key, len);
  if (!label) {
    d->out_of_memory = 1;
    return;
  }
  report_str(fp, label);
  free(label);
}

void report_chart(FILE *fp, report_data *d, cli_plot_writer write,
                  const void *ctx, const char *what) {
  char *svg = NULL, why[512];
  size_t len = 0;
  report_svg_status st =
      report_svg(d->c->theme, write, ctx, &svg, &len, why, sizeof why);
  if (st == REPORT_SVG_NOMEM) {
    d->out_of_memory = 1;
    return;
  }
  if (st == REPORT_SVG_OK) {
    fputs("<div class=\"chart\">\n", fp);
    put_scoped_svg(fp, svg, len, ++d->n_charts);
    fputs("\n</div>\n", fp);
    free(svg);
    return;
  }
  if (!d->charts_missing && st != REPORT_SVG_NOTHING) {
    d->charts_missing = 1;
    snprintf(d->chart_note, sizeof d->chart_note, "%s", why);
  }
  fprintf(fp, "<p class=\"note\">No chart of the %s: ", what);
  report_str(fp, why);
  fputs(". The table holds the same numbers.</p>\n", fp);
}

static void page_head(FILE *fp, const report_data *d) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<meta "
        "name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n<title>NPS report: ",
        fp);
  report_str(fp, d->path);
  fprintf(fp, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n",
          theme_colours[d->c->theme], style);
  fputs("<header>\n<h1>NPS report</h1>\n<p class=\"muted\">Data: ", fp);
  report_str(fp, strcmp(d->path, "-") ? d->path : "standard input");
  fprintf(fp, " &middot; nps-stat %s</p>\n</header>\n", nps_version());
}

/* The headline finding, from the interval as shown. */
static void headline_finding(FILE *fp, const report_data *d,
                             const nps_summary_row *all) {
  char nps[32], ci[64];
  report_points(nps, sizeof nps, all->est.nps);
  report_ci(ci, sizeof ci, all->has_ci, all->ci.iv);
  double level = 100.0 * d->c->level;
  fputs("<p class=\"finding\">", fp);
  int side = all->has_ci ? report_side(all->ci.iv) : 0;
  if (side > 0)
    fprintf(fp,
            "NPS is positive: %s points, and its whole %g%% interval %s "
            "lies above zero: more promoters than detractors.",
            nps, level, ci);
  else if (side < 0)
    fprintf(fp,
            "NPS is negative: %s points, and its whole %g%% interval %s "
            "lies below zero: more detractors than promoters.",
            nps, level, ci);
  else
    fprintf(fp,
            "NPS is %s points, but its %g%% interval %s includes zero: "
            "these answers cannot tell whether promoters outnumber "
            "detractors.",
            nps, level, ci);
  fputs("</p>\n", fp);
}

static void headline(FILE *fp, const report_data *d) {
  const nps_summary_row *all = nps_summary_overall(d->summary);
  char nps[32], ci[64];
  report_points(nps, sizeof nps, all->est.nps);
  report_ci(ci, sizeof ci, all->has_ci, all->ci.iv);
  fputs("<section id=\"headline\">\n<h2>Headline</h2>\n", fp);
  fprintf(fp,
          "<p><span class=\"headline\">NPS %s</span> &nbsp; %g%% CI %s "
          "&middot; n = %llu</p>\n",
          nps, 100.0 * d->c->level, ci, (unsigned long long)all->est.n);
  headline_finding(fp, d, all);
  fputs("<table>\n<tr><th class=\"l\">answers</th><th>n</th><th>"
        "promoters</th><th>passives</th><th>detractors</th><th>NPS</th>"
        "<th>interval</th><th>missing</th></tr>\n",
        fp);
  fprintf(fp,
          "<tr><td class=\"l\">all</td><td>%llu</td><td>%.1f%%</td>"
          "<td>%.1f%%</td><td>%.1f%%</td><td>%s</td><td>%s</td>"
          "<td>%llu</td></tr>\n</table>\n",
          (unsigned long long)all->est.n, 100.0 * all->est.share_promoters,
          100.0 * all->est.share_passives, 100.0 * all->est.share_detractors,
          nps, ci, (unsigned long long)all->missing);
  if (all->has_ci && all->ci.note) {
    fputs("<p class=\"muted\">Interval: ", fp);
    report_str(fp, all->ci.note);
    fputs("</p>\n", fp);
  }
  fputs("</section>\n", fp);
}

static void filters(FILE *fp, const report_data *d) {
  const nps_csvin_options *csv = &d->c->csv;
  if (csv->n_filters == 0) {
    fputs("<dt>filters</dt><dd>none</dd>\n", fp);
    return;
  }
  fputs("<dt>filters</dt><dd>", fp);
  for (size_t i = 0; i < csv->n_filters; i++) {
    const nps_csvin_filter *f = &csv->filters[i];
    fprintf(fp, "%s--%s ", i ? "; " : "", f->exclude ? "exclude" : "where");
    report_str(fp, f->column);
    fputc('=', fp);
    for (size_t k = 0; k < f->n_values; k++) {
      if (k)
        fputc(',', fp);
      report_str(fp, f->values[k]);
    }
  }
  fputs("</dd>\n", fp);
}

static void provenance(FILE *fp, const report_data *d) {
  const nps_csvin_report *r = &d->read;
  fputs("<section id=\"provenance\">\n<h2>Data provenance</h2>\n<dl>\n"
        "<dt>file</dt><dd>",
        fp);
  report_str(fp, strcmp(d->path, "-") ? d->path : "standard input");
  fputs("</dd>\n<dt>score column</dt><dd>", fp);
  report_str(fp, r->score_column[0] ? r->score_column : "(counts input)");
  fprintf(fp, "%s</dd>\n", r->score_detected ? " (detected)" : "");
  fprintf(fp,
          "<dt>rows read</dt><dd>%llu</dd>\n<dt>answers counted</dt>"
          "<dd>%llu</dd>\n<dt>missing answers</dt><dd>%llu</dd>\n"
          "<dt>rows removed by filters</dt><dd>%llu</dd>\n"
          "<dt>invalid rows skipped</dt><dd>%llu",
          (unsigned long long)r->records, (unsigned long long)r->responses,
          (unsigned long long)r->missing, (unsigned long long)r->filtered,
          (unsigned long long)r->invalid);
  if (r->invalid) {
    fprintf(fp, " (first: line %llu, ",
            (unsigned long long)r->first_invalid_line);
    report_str(fp, r->first_invalid_reason);
    fputc(')', fp);
  }
  fputs("</dd>\n", fp);
  filters(fp, d);
  if (d->trend && d->trend->invalid_keys) {
    fprintf(fp,
            "<dt>trend: dates skipped</dt><dd>%llu answers under %llu "
            "values that are not dates</dd>\n",
            (unsigned long long)d->trend->invalid_answers,
            (unsigned long long)d->trend->invalid_keys);
  }
  if (d->compare && d->compare_path) {
    const nps_compare_row *o = nps_compare_overall(d->compare);
    fputs("<dt>compared with</dt><dd>", fp);
    report_str(fp, d->compare_path);
    fprintf(fp, ": %llu answers, %llu missing</dd>\n",
            (unsigned long long)o->side[0].est.n,
            (unsigned long long)o->side[0].missing);
  }
  if (d->compare && d->arm_column) {
    const nps_compare_row *o = nps_compare_overall(d->compare);
    fputs("<dt>arms</dt><dd>column ", fp);
    report_str(fp, d->arm_column);
    for (int i = 0; i < 2; i++) {
      fputs(i ? "; B = " : ": A = ", fp);
      report_str(fp, d->arms[i]);
      fprintf(fp, ", %llu answers", (unsigned long long)o->side[i].est.n);
    }
    fputs("</dd>\n", fp);
  }
  if (d->benchmark) {
    fputs("<dt>competitors</dt><dd>", fp);
    report_str(fp, strcmp(d->competitors_path, "-") ? d->competitors_path
                                                    : "standard input");
    fprintf(fp, ": %zu competitor rows", d->comp->n_rows);
    if (d->comp->invalid)
      fprintf(fp, ", %llu invalid rows skipped",
              (unsigned long long)d->comp->invalid);
    fputs("</dd>\n", fp);
  }
  fputs("</dl>\n</section>\n", fp);
}

static void methods(FILE *fp, const report_data *d) {
  const cli_common *c = d->c;
  fputs("<section id=\"methods\">\n<h2>Methods</h2>\n<dl>\n", fp);
  fputs("<dt>NPS</dt><dd>share of promoters (9-10) minus share of "
        "detractors (0-6), in points from -100 to 100</dd>\n",
        fp);
  fprintf(fp, "<dt>intervals</dt><dd>%s, %g%% level</dd>\n",
          nps_ci_method_label(c->ci), 100.0 * c->level);
  if (cli_is_boot(c->ci))
    fprintf(fp, "<dt>bootstrap</dt><dd>%zu replicates</dd>\n",
            c->boot ? c->boot : (size_t)NPS_BOOT_DEFAULT_REPLICATES);
  fprintf(fp, "<dt>seed</dt><dd>%lu</dd>\n", c->seed);
  fprintf(fp,
          "<dt>small bases</dt><dd>fewer than %llu answers: shown, "
          "marked, left out of tests</dd>\n",
          (unsigned long long)c->min_n);
  if (d->segments)
    fprintf(fp,
            "<dt>segments</dt><dd>omnibus Wald chi-square with a "
            "permutation p-value; each segment against the rest of "
            "the answers, p-values adjusted by %s</dd>\n",
            nps_multi_method_name(d->segments->options.adjust));
  if (d->trend)
    fprintf(fp,
            "<dt>trend</dt><dd>periods of a %s; each change from the "
            "period before by a Wald z test, p-values adjusted by %s; "
            "slope per %s by weighted least squares; control limits at 3 "
            "standard errors around the pooled NPS; a period the answers' "
            "days do not cover is partial and %s</dd>\n",
            nps_period_name(d->period),
            nps_multi_method_name(d->trend->options.adjust),
            nps_period_name(d->period),
            d->trend->options.include_partial
                ? "tested like the others (--include-partial)"
                : "left out of the tests and the control limits");
  if (d->compare)
    fprintf(
        fp,
        "<dt>comparison</dt><dd>two independent samples: %s; the "
        "interval of the difference by %s</dd>\n",
        nps_test2_method_label(nps_compare_overall(d->compare)->test.method),
        nps_diff_ci_method_label(
            nps_compare_overall(d->compare)->diff_ci.method_used));
  if (d->benchmark)
    fprintf(fp,
            "<dt>benchmark</dt><dd>each competitor by what its row gives: "
            "a two-sample test where it gives the distribution and n, a "
            "worst-case variance where it gives NPS and n, our interval "
            "against a fixed number where it gives NPS alone; p-values "
            "adjusted by %s across %zu competitors; our rank with a "
            "bootstrap rank interval (B = %zu)</dd>\n",
            cli_multi_label(d->benchmark->adjust), d->benchmark->family,
            d->benchmark->replicates);
  fputs("<dt>formulas</dt><dd>docs/methods.md of nps-stat</dd>\n</dl>\n"
        "</section>\n",
        fp);
}

int report_html_write(FILE *fp, report_data *d) {
  page_head(fp, d);
  headline(fp, d);
  int rc = EXIT_OK;
  if (d->segments)
    rc = report_segments(fp, d);
  if (rc == EXIT_OK && d->trend)
    rc = report_trend(fp, d);
  if (rc == EXIT_OK && d->compare)
    rc = report_compare(fp, d);
  if (rc == EXIT_OK && d->benchmark)
    rc = report_benchmark(fp, d);
  if (rc == EXIT_OK && d->out_of_memory)
    rc = cli_out_of_memory();
  if (rc != EXIT_OK)
    return rc;
  if (d->charts_missing) {
    fputs("<p class=\"note\">Some charts are missing: ", fp);
    report_str(fp, d->chart_note);
    fputs(".</p>\n", fp);
  }
  methods(fp, d);
  provenance(fp, d);
  fputs("</body>\n</html>\n", fp);
  return EXIT_OK;
}
