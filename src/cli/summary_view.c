/*
 * summary_view.c - how a summary is shown: an aligned table or markdown
 * with footnotes, CSV (one row per group), JSON, the NPS chart and the
 * bootstrap histogram. It formats an nps_summary; it computes nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "grid.h"
#include "json.h"
#include "output.h"
#include "present.h"
#include "summary_view.h"

/* "adjusted Wald (Rocks 2016), 95% level" [+ ", B = 10000, seed 1"] */
static void method_line(const cli_common *c, char *buf, size_t size) {
  snprintf(buf, size, "%s, %g%% level", nps_ci_method_label(c->ci),
           100.0 * c->level);
  if (cli_is_boot(c->ci))
    cli_append(buf, size, ", B = %zu, seed %lu", c->boot, c->seed);
}

static int fallback(const nps_summary_row *r) {
  return r->has_ci && r->ci.note;
}

/* ---- table and markdown ---- */

enum { NCOLS_FIXED = 7 };

static void row_cells(const summary_view *s, const nps_summary_row *r,
                      cli_cell *cells) {
  size_t nb = s->opt->n_by, k = 0;
  for (; k < nb; k++) {
    const char *p;
    size_t len;
    cli_key_cell(r->key, r->key_len, k, &p, &len);
    cli_cell_text(&cells[k], p, len);
  }
  if (nb == 0)
    cli_cell_text(&cells[k++], "all", 3);
  k += cli_estimate_cells(&cells[k], &r->est);
  char ci[80] = "n/a";
  if (r->has_ci)
    cli_fmt_ci(ci, sizeof ci, r->ci.iv.lo, r->ci.iv.hi);
  cli_cell_fmt(&cells[k++], "%s%s%s", ci, fallback(r) ? " *" : "",
               r->base == NPS_BASE_BELOW ? " **" : "");
  cli_cell_u64(&cells[k], r->missing);
}

/* Row r of the table: the header, then one row per group. */
static void table_row(const void *ctx, size_t r, cli_cell *cells) {
  const summary_view *s = ctx;
  if (r > 0) {
    row_cells(s, &s->res->rows[r - 1], cells);
    return;
  }
  size_t nb = s->opt->n_by ? s->opt->n_by : 1;
  char level[32];
  snprintf(level, sizeof level, "%g%% CI", 100.0 * s->opt->level);
  const char *heads[NCOLS_FIXED] = {
      "n", "promoters", "passives", "detractors", "NPS", level, "missing"};
  for (size_t i = 0; i < nb; i++) {
    const char *h = s->opt->n_by ? s->opt->by[i] : "group";
    cli_cell_text(&cells[i], h, strlen(h));
  }
  for (size_t i = 0; i < NCOLS_FIXED; i++)
    cli_cell_copy(&cells[nb + i], heads[i]);
}

/* Returns 0 (rows are formatted as they are written). */
static int print_grid(FILE *fp, const summary_view *s, int markdown) {
  size_t nb = s->opt->n_by ? s->opt->n_by : 1, ncols = nb + NCOLS_FIXED;
  unsigned char left[CLI_GRID_MAX_COLS] = {0};
  for (size_t k = 0; k < ncols; k++)
    left[k] = k < nb || k == ncols - 2;
  cli_grid_rows(fp, table_row, s, s->res->n_rows + 1, ncols, left, markdown);
  return 0;
}

static void print_header(FILE *fp, const summary_view *s, int markdown) {
  const nps_csvin_report *rp = &s->report;
  const nps_summary_row *all = nps_summary_overall(s->res);
  char method[160];
  method_line(s->opt, method, sizeof method);
  const char *b = markdown ? "**" : "";
  fprintf(fp, "%sNPS summary%s: ", b, b);
  cli_put_str(fp, s->path, markdown);
  fprintf(fp, "\n%s", markdown ? "\n" : "");
  fprintf(fp, "responses: %llu, missing: %llu", (unsigned long long)all->est.n,
          (unsigned long long)all->missing);
  if (rp->invalid)
    fprintf(fp, ", skipped invalid: %llu", (unsigned long long)rp->invalid);
  if (rp->filtered)
    fprintf(fp, ", filtered out: %llu", (unsigned long long)rp->filtered);
  fprintf(fp, "\n%sinterval: %s\n\n", markdown ? "\n" : "", method);
}

/* Nonzero when row i has a fallback note that no earlier row has. */
static int new_note(const nps_summary *res, size_t i) {
  if (!fallback(&res->rows[i]))
    return 0;
  for (size_t j = 0; j < i; j++)
    if (fallback(&res->rows[j]) &&
        strcmp(res->rows[j].ci.note, res->rows[i].ci.note) == 0)
      return 0;
  return 1;
}

size_t summary_count_below(const nps_summary *res) {
  size_t below = 0;
  for (size_t i = 0; i < res->n_rows; i++)
    below += res->rows[i].base == NPS_BASE_BELOW;
  return below;
}

static void print_footnotes(FILE *fp, const summary_view *s) {
  const nps_summary *res = s->res;
  int any_fallback = 0;
  for (size_t i = 0; i < res->n_rows; i++)
    any_fallback |= fallback(&res->rows[i]);
  size_t below = summary_count_below(res);
  if (any_fallback || below)
    fputc('\n', fp);
  /* Each distinct reason once: rows may fall back for different ones. */
  for (size_t i = 0; i < res->n_rows; i++)
    if (new_note(res, i))
      fprintf(fp, "*  %s\n", res->rows[i].ci.note);
  if (below)
    fprintf(fp,
            "** n below --min-n %llu: a small base, its interval is "
            "wide\n",
            (unsigned long long)s->opt->min_n);
}

static int print_table(FILE *fp, const void *ctx, int markdown) {
  const summary_view *s = ctx;
  print_header(fp, s, markdown);
  if (print_grid(fp, s, markdown))
    return -1;
  print_footnotes(fp, s);
  return 0;
}

/* ---- csv ---- */

static const char *row_note(const nps_summary_row *r) {
  return r->base == NPS_BASE_BELOW ? "n below --min-n: a small base"
         : fallback(r)             ? r->ci.note
                                   : "";
}

static void print_csv(FILE *fp, const void *ctx) {
  const summary_view *s = ctx;
  const cli_common *c = s->opt;
  fputs("row", fp);
  for (size_t i = 0; i < c->n_by; i++) {
    fputc(',', fp);
    cli_csv_field(fp, c->by[i], strlen(c->by[i]));
  }
  fputs(",n,promoters,passives,detractors,pct_promoters,pct_passives,"
        "pct_detractors,nps,se,ci_low,ci_high,method,level,boot,seed,missing,"
        "note\n",
        fp);
  for (size_t i = 0; i < s->res->n_rows; i++) {
    const nps_summary_row *r = &s->res->rows[i];
    fputs(r->key ? "group" : "overall", fp);
    cli_csv_key(fp, r->key, r->key_len, c->n_by);
    fprintf(fp, ",%llu,%llu,%llu,%llu", (unsigned long long)r->est.n,
            (unsigned long long)r->counts.promoters,
            (unsigned long long)r->counts.passives,
            (unsigned long long)r->counts.detractors);
    int has = r->est.n > 0;
    cli_csv_num(fp, has ? 100 * r->est.share_promoters : NAN);
    cli_csv_num(fp, has ? 100 * r->est.share_passives : NAN);
    cli_csv_num(fp, has ? 100 * r->est.share_detractors : NAN);
    cli_csv_num(fp, has ? 100 * r->est.nps : NAN);
    cli_csv_num(fp, has ? 100 * r->est.se : NAN);
    cli_csv_num(fp, r->has_ci ? 100 * r->ci.iv.lo : NAN);
    cli_csv_num(fp, r->has_ci ? 100 * r->ci.iv.hi : NAN);
    fprintf(fp, ",%s", r->has_ci ? nps_ci_method_name(r->ci.method_used) : "");
    cli_csv_num(fp, c->level);
    if (cli_is_boot(c->ci))
      fprintf(fp, ",%zu,%lu", c->boot, c->seed);
    else
      fputs(",,", fp);
    fprintf(fp, ",%llu,", (unsigned long long)r->missing);
    const char *note = row_note(r);
    cli_csv_field(fp, note, strlen(note));
    fputc('\n', fp);
  }
}

/* ---- json ---- */

static void json_row(cli_json *w, const summary_view *s,
                     const nps_summary_row *r) {
  const cli_common *c = s->opt;
  if (r->key) {
    cli_json_nl(w);
    cli_json_group(w, r->key, r->key_len, c->by, c->n_by);
  }
  int has = r->est.n > 0;
  cli_json_nl(w);
  cli_json_counts(w, r->est.n, &r->counts, r->missing);
  cli_json_nl(w);
  cli_json_dbl(w, "pct_promoters", has ? 100 * r->est.share_promoters : NAN);
  cli_json_dbl(w, "pct_passives", has ? 100 * r->est.share_passives : NAN);
  cli_json_dbl(w, "pct_detractors", has ? 100 * r->est.share_detractors : NAN);
  cli_json_nl(w);
  cli_json_dbl(w, "nps", has ? 100 * r->est.nps : NAN);
  cli_json_dbl(w, "se", has ? 100 * r->est.se : NAN);
  cli_json_nl(w);
  if (r->base == NPS_BASE_BELOW) {
    cli_json_bool(w, "small_base", 1);
    cli_json_nl(w);
  }
  cli_json_ci(w, r->has_ci, &r->ci);
}

static void print_json(cli_json *w, const void *ctx) {
  const summary_view *s = ctx;
  const cli_common *c = s->opt;
  const nps_csvin_report *rp = &s->report;
  int boot = cli_is_boot(c->ci);
  cli_json_head(w, "summary", s->path, rp->score_column);
  cli_json_nl(w);
  cli_json_str(w, "scale", "points");
  cli_json_nl(w);
  cli_json_str(w, "method", nps_ci_method_name(c->ci));
  cli_json_nl(w);
  cli_json_dbl(w, "level", c->level);
  cli_json_nl(w);
  if (boot)
    cli_json_u64(w, "boot", c->boot);
  else
    cli_json_raw(w, "boot", "null");
  cli_json_nl(w);
  if (boot)
    cli_json_u64(w, "seed", c->seed);
  else
    cli_json_raw(w, "seed", "null");
  cli_json_nl(w);
  cli_json_u64(w, "min_n", c->min_n);
  cli_json_nl(w);
  cli_json_u64(w, "skipped_invalid", rp->invalid);
  cli_json_nl(w);
  cli_json_u64(w, "filtered", rp->filtered);
  cli_json_nl(w);
  cli_json_strings(w, "by", c->by, c->n_by);
  cli_json_nl(w);
  cli_json_open(w, "groups", '[');
  for (size_t i = 0; i + 1 < s->res->n_rows; i++) {
    cli_json_nl(w);
    cli_json_open(w, NULL, '{');
    json_row(w, s, &s->res->rows[i]);
    cli_json_close(w, '}', 1);
  }
  cli_json_close(w, ']', s->res->n_rows > 1);
  cli_json_nl(w);
  cli_json_open(w, "overall", '{');
  json_row(w, s, nps_summary_overall(s->res));
  cli_json_close(w, '}', 1);
  cli_json_close(w, '}', 1);
}

void summary_view_init(summary_view *s, cli_view *v) {
  *v = (cli_view){
      .ctx = s, .table = print_table, .csv = print_csv, .json = print_json};
}
