/*
 * test_plot.c - the gnuplot script writer: label cleaning, where untrusted
 * text may appear in a script, the data each chart writes, errors.
 *
 * Expected values are worked out by hand from the inputs: category shares
 * and NPS from the counts, bin edges from the k/n lattice. The scripts are
 * run through gnuplot by tests/plot/hostile_labels.sh; here they are read
 * as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nps/plot.h"
#include "nps_test.h"

/* ---- helpers ---- */

/* The script a writer produced, as one NUL-terminated string. */
typedef struct buf {
  char *text;
  size_t len;
  FILE *fp;
} buf;

static FILE *buf_open(buf *b) {
  memset(b, 0, sizeof *b);
  b->fp = open_memstream(&b->text, &b->len);
  assert_non_null(b->fp);
  return b->fp;
}

static void buf_close(buf *b) {
  assert_int_equal(fclose(b->fp), 0);
}

static int count_of(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
    n++;
  return n;
}

/* Calls check(line, in_block) for every line of script: in_block is
 * nonzero for the lines inside a data block ($name << EOD ... EOD). */
static void each_line(const char *script,
                      void (*check)(const char *line, int in_block, void *ctx),
                      void *ctx) {
  int in_block = 0;
  for (const char *p = script; *p;) {
    const char *nl = strchr(p, '\n');
    assert_non_null(nl); /* every line ends with a newline */
    char *line = strndup(p, (size_t)(nl - p));
    assert_non_null(line);
    if (in_block && strcmp(line, "EOD") == 0)
      in_block = 0;
    else if (in_block)
      check(line, 1, ctx);
    else {
      check(line, 0, ctx);
      size_t n = strlen(line);
      in_block =
          n > 7 && line[0] == '$' && strcmp(line + n - 7, " << EOD") == 0;
    }
    free(line);
    p = nl + 1;
  }
  assert_false(in_block); /* every block is closed */
}

static const nps_plot_info info95 = {.title = "NPS by segment",
                                     .source = "survey.csv",
                                     .method = "Bayesian (Jeffreys)",
                                     .level = 0.95};

static nps_plot_group group(const char *label, uint64_t p, uint64_t a,
                            uint64_t d, double lo, double hi) {
  nps_plot_group g = {
      label, label ? strlen(label) : 0, {p, a, d}, {lo, hi}, NPS_PLOT_PLAIN};
  return g;
}

/* ---- nps_plot_label ---- */

typedef struct label_case {
  const char *in;
  size_t len; /* 0: strlen(in) */
  const char *want;
} label_case;

static void test_label_cleaning(void **state) {
  (void)state;
  const label_case cases[] = {
      {"web", 0, "web"},
      {"Москва", 0, "Москва"},
      {"it's \"both\" `x`", 0, "it's \"both\" `x`"},
      {"line1\nline2\r\n", 0, "line1 line2  "},
      {"a\tb\vc\fd", 0, "a b c d"},
      {"\x1b[31mred", 0, "\xEF\xBF\xBD[31mred"},
      {"nul\0byte", 8,
       "nul\xEF\xBF\xBD"
       "byte"},
      {"del\x7f", 0, "del\xEF\xBF\xBD"},
      {"c1\xC2\x85", 0, "c1\xEF\xBF\xBD"},                 /* U+0085 NEL */
      {"bad\xFF", 0, "bad\xEF\xBF\xBD"},                   /* invalid byte */
      {"cut\xE2\x82", 0, "cut\xEF\xBF\xBD\xEF\xBF\xBD"},   /* truncated */
      {"over\xC0\xAF", 0, "over\xEF\xBF\xBD\xEF\xBF\xBD"}, /* overlong */
      {"sur\xED\xA0\x80", 0, "sur\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"ls\xE2\x80\xA8ps\xE2\x80\xA9", 0, "ls ps "}, /* U+2028/9 */
      {"rlo\xE2\x80\xAE"
       "txt",
       0,
       "rlo\xEF\xBF\xBD"
       "txt"},                                   /* U+202E */
      {"iso\xE2\x81\xA6", 0, "iso\xEF\xBF\xBD"}, /* U+2066 */
      {"emoji \xF0\x9F\x98\x80", 0, "emoji \xF0\x9F\x98\x80"},
      {"", 0, "(empty)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char out[4 * NPS_PLOT_LABEL_MAX + 1];
    size_t n = 0, len = cases[i].len ? cases[i].len : strlen(cases[i].in);
    assert_int_equal(nps_plot_label(cases[i].in, len, NPS_PLOT_LABEL_MAX, out,
                                    sizeof out, &n),
                     NPS_OK);
    assert_string_equal(out, cases[i].want);
    assert_int_equal(n, strlen(cases[i].want));
  }
}

/* Long labels keep max - 1 characters (not bytes) and end in "…". */
static void test_label_shortening(void **state) {
  (void)state;
  char out[4 * 10 + 1];
  assert_int_equal(
      nps_plot_label("abcdefghijkl", 12, 10, out, sizeof out, NULL), NPS_OK);
  assert_string_equal(out, "abcdefghi…");
  assert_int_equal(nps_plot_label("abcdefghij", 10, 10, out, sizeof out, NULL),
                   NPS_OK);
  assert_string_equal(out, "abcdefghij");
  const char *ru = "ПриветМирДобрый"; /* 15 characters, 30 bytes */
  assert_int_equal(nps_plot_label(ru, strlen(ru), 10, out, sizeof out, NULL),
                   NPS_OK);
  assert_string_equal(out, "ПриветМир…");
  /* A 10 KB label: shortened, within the buffer. */
  char *big = malloc(10240);
  assert_non_null(big);
  memset(big, 'x', 10240);
  char out40[4 * NPS_PLOT_LABEL_MAX + 1];
  size_t n;
  assert_int_equal(
      nps_plot_label(big, 10240, NPS_PLOT_LABEL_MAX, out40, sizeof out40, &n),
      NPS_OK);
  assert_int_equal(n, 39 + 3);
  assert_memory_equal(out40 + 39, "…", 3);
  free(big);
}

static void test_label_errors(void **state) {
  (void)state;
  char out[64];
  assert_int_equal(nps_plot_label("x", 1, 7, out, sizeof out, NULL),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_label("x", 1, 16, out, 64, NULL), NPS_EINVAL);
  assert_int_equal(nps_plot_label("x", 1, 15, out, 61, NULL), NPS_OK);
  assert_int_equal(nps_plot_label(NULL, 1, 15, out, 61, NULL), NPS_EINVAL);
  assert_int_equal(nps_plot_label(NULL, 0, 15, out, 61, NULL), NPS_OK);
  assert_string_equal(out, "(empty)");
  assert_int_equal(nps_plot_label("x", 1, 15, NULL, 61, NULL), NPS_EINVAL);
}

static void test_format_names(void **state) {
  (void)state;
  const char *names[] = {"png", "svg", "pdf"};
  for (int i = 0; i < 3; i++) {
    nps_plot_format f;
    assert_int_equal(nps_plot_format_parse(names[i], &f), NPS_OK);
    assert_int_equal(f, i);
    assert_string_equal(nps_plot_format_name(f), names[i]);
  }
  nps_plot_format f;
  assert_int_equal(nps_plot_format_parse("gif", &f), NPS_EINVAL);
  assert_int_equal(nps_plot_format_parse("PNG", &f), NPS_EINVAL);
  assert_int_equal(nps_plot_format_parse(NULL, &f), NPS_EINVAL);
}

/* ---- untrusted text stays in data blocks ---- */

/* Labels as they come from hostile CSV cells. Each would create a file if
 * gnuplot ran it; tests/plot/hostile_labels.sh checks that with gnuplot. */
static const char *const hostile[] = {
    "`touch /tmp/nps-plot-unit-backtick`",
    "it's \"both\" quotes",
    "first\nEOD\nsystem(\"touch /tmp/nps-plot-unit-eod\")",
    "EOD",
    "e",
    "#comment",
    "|touch /tmp/nps-plot-unit-pipe",
    "<touch /tmp/nps-plot-unit-lt",
    "system(\"touch /tmp/nps-plot-unit-system\")",
    "set output \"|touch /tmp/nps-plot-unit-output\"",
    "\x1b]0;title\x07esc",
    "'); system('touch /tmp/nps-plot-unit-sq'); print('",
    "back\\",
    "@macro",
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

typedef struct scan {
  int block_lines;   /* lines inside data blocks */
  int bad_block_eod; /* block lines that would end the block */
  int leaks;         /* command lines holding untrusted text */
} scan;

/* Command lines (outside data blocks) must hold no untrusted text: none of
 * the words the hostile labels carry. Block lines must start with '|', a
 * digit or '-' (never EOD). */
static void check_line(const char *line, int in_block, void *ctx) {
  scan *s = ctx;
  if (in_block) {
    s->block_lines++;
    if (strncmp(line, "EOD", 3) == 0)
      s->bad_block_eod++;
    assert_true(line[0] == '|' || line[0] == '-' || line[0] == '\0' ||
                (line[0] >= '0' && line[0] <= '9'));
    return;
  }
  const char *words[] = {"touch", "nps-plot-unit", "macro",
                         "both",  "comment",       "esc"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strstr(line, words[i]))
      s->leaks++;
}

static void test_segments_hostile_labels(void **state) {
  (void)state;
  nps_plot_group g[N_HOSTILE];
  for (size_t i = 0; i < N_HOSTILE; i++)
    g[i] = group(hostile[i], 10 + i, 5, 3, -0.2, 0.6);
  nps_plot_info info = info95;
  info.title = "NPS by `touch /tmp/nps-plot-unit-title`";
  info.source = "'|touch /tmp/nps-plot-unit-source'";
  info.note = "@macro note";
  info.subtitle = "`touch /tmp/nps-plot-unit-sub`\nEOD\nsystem('x')";
  info.footnote = "\"; system(\"touch /tmp/nps-plot-unit-foot\") #";
  nps_plot_target t = {.format = NPS_PLOT_PNG,
                       .output = "|touch /tmp/nps-plot-unit-out.png"};
  buf b;
  assert_int_equal(
      nps_plot_segments(buf_open(&b), &t, &info, g, N_HOSTILE, NULL), NPS_OK);
  buf_close(&b);
  scan s = {0};
  each_line(b.text, check_line, &s);
  assert_int_equal(s.leaks, 0);
  assert_int_equal(s.bad_block_eod, 0);
  /* 7 texts + one row per label */
  assert_int_equal(s.block_lines, 7 + (int)N_HOSTILE);
  /* the subtitle and footnote stay in the block, on one line each */
  assert_int_equal(
      count_of(b.text, "\n|`touch /tmp/nps-plot-unit-sub` EOD system('x')\n"),
      1);
  assert_non_null(strstr(b.text, "set label 2 txt(6) at"));
  assert_non_null(strstr(b.text, "('Method: ' . txt(4) . ' · ' . txt(7))"));
  /* every label is there once, cleaned, after the '|' of its row */
  for (size_t i = 0; i < N_HOSTILE; i++) {
    char clean[4 * NPS_PLOT_LABEL_MAX + 1], want[300];
    nps_plot_label(hostile[i], strlen(hostile[i]), NPS_PLOT_LABEL_MAX, clean,
                   sizeof clean, NULL);
    snprintf(want, sizeof want, " |%s (n = %zu)\n", clean, 18 + i);
    assert_int_equal(count_of(b.text, want), 1);
  }
  /* the output name cannot become a pipe */
  assert_non_null(strstr(b.text, "\n|./|touch /tmp/nps-plot-unit-out.png\n"));
  assert_non_null(strstr(b.text, "\nset output txt(1)\n"));
  /* terminals are noenhanced: ^ _ @ { } & in labels are drawn as they are */
  assert_non_null(strstr(b.text, " noenhanced\n"));
  free(b.text);
}

/* ---- segment chart data ---- */

static void test_segments_rows(void **state) {
  (void)state;
  /* NPS: a (6 - 2)/10 = 40, b (1 - 5)/10 = -40, c (3 - 3)/6 = 0,
   * d no answers (left out), e (5 - 1)/10 = 40 (ties a: keeps order). */
  nps_plot_group g[] = {
      group("a", 6, 2, 2, 0.1, 0.6), group("b", 1, 4, 5, -0.7, -0.1),
      group("c", 3, 0, 3, NAN, NAN), group("d", 0, 0, 0, NAN, NAN),
      group("e", 5, 4, 1, 0.05, 0.65)};
  nps_plot_group all = group("all", 15, 10, 11, -0.1, 0.2);
  nps_plot_target t = {.format = NPS_PLOT_SVG, .output = "s.svg"};
  buf b;
  assert_int_equal(nps_plot_segments(buf_open(&b), &t, &info95, g, 5, &all),
                   NPS_OK);
  buf_close(&b);
  /* line, y, NPS, low, high, n, % D, % A, % P, value x, side | label */
  const char *rows = "$rows << EOD\n"
                     "1 5.5 40 10 60 10 20 20 60 60 1 |a (n = 10)\n"
                     "2 4.5 40 5 65 10 10 40 50 65 1 |e (n = 10)\n"
                     "3 3.5 0 NaN NaN 6 50 0 50 0 1 |c (n = 6)\n"
                     "4 2.5 -40 -70 -10 10 50 40 10 -70 -1 |b (n = 10)\n"
                     "5 1 11.11111111 -10 20 36 30.55555556 27.77777778 "
                     "41.66666667 20 1 |all (n = 36)\nEOD\n";
  assert_non_null(strstr(b.text, rows));
  assert_non_null(strstr(b.text, "set terminal svg size "));
  /* the title: n of the overall row, level, method */
  assert_non_null(strstr(b.text, "'n = 36 · ' . '95% intervals')"));
  /* the method and the source in the footnote, not in the title */
  assert_non_null(strstr(b.text, "('Method: ' . txt(4))"));
  assert_non_null(strstr(b.text, "('Data: ' . txt(3))"));
  assert_non_null(strstr(b.text, "set label 1 txt(2) at"));
  /* groups then the overall row drawn apart */
  assert_non_null(strstr(b.text, "$rows every ::0::3 using"));
  assert_non_null(strstr(b.text, "$rows every ::4::4 using"));
  /* values on both sides of zero: both label clauses */
  assert_non_null(strstr(b.text, "($11 > 0 ? $10 : NaN)"));
  assert_non_null(strstr(b.text, "($11 < 0 ? $10 : NaN)"));
  /* x range: -70..65 plus 16% of the span each side, in steps of 20 */
  assert_non_null(strstr(b.text, "set xrange [-100:100]\n"));
  free(b.text);
}

/* Marked groups: column 12 holds the mark, bars take their colour from it,
 * and a dotted line marks the overall NPS ((10 - 10) / 26 = 0, by hand). */
static void test_segments_marks(void **state) {
  (void)state;
  nps_plot_group g[] = {group("a", 6, 2, 2, 0.1, 0.6),
                        group("b", 1, 4, 5, -0.7, -0.1),
                        group("c", 3, 0, 3, NAN, NAN)};
  g[0].mark = NPS_PLOT_STANDS_OUT;
  g[2].mark = NPS_PLOT_SMALL;
  nps_plot_group all = group("all", 10, 6, 10, -0.1, 0.2);
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "m.png"};
  buf b;
  assert_int_equal(nps_plot_segments(buf_open(&b), &t, &info95, g, 3, &all),
                   NPS_OK);
  buf_close(&b);
  /* every data block line is data (a '#' line would shift the labels) */
  scan sc = {0};
  each_line(b.text, check_line, &sc);
  assert_int_equal(sc.bad_block_eod, 0);
  assert_non_null(strstr(b.text, "1 4.5 40 10 60 10 20 20 60 60 1 1 |a (n = "
                                 "10)\n"));
  assert_non_null(strstr(b.text, "2 3.5 0 NaN NaN 6 50 0 50 0 1 2 |c (n = "
                                 "6, small base)\n"));
  assert_non_null(strstr(b.text, "3 2.5 -40 -70 -10 10 50 40 10 -70 -1 0 |b "
                                 "(n = 10)\n"));
  /* dots by default, coloured by mark */
  assert_non_null(strstr(b.text, "(dotcol($12)):ytic(label($1))"));
  assert_non_null(strstr(b.text, "with xerrorbars pt 7 ps 1.3 lw 2 lc rgb "
                                 "variable"));
  assert_non_null(strstr(b.text, "dotcol(m) = m == 1 ? 0x0b2545 : m == 2 ? "
                                 "0xbfcde0 : 0x4f81bd\n"));
  assert_null(strstr(b.text, "using 3:2:(0):3:")); /* no NPS bars */
  assert_non_null(strstr(b.text, "set arrow 3 from first 0, graph 0 to first "
                                 "0, graph 1 nohead"));
  free(b.text);
  /* bars on request */
  t.style = NPS_PLOT_BARS;
  assert_int_equal(nps_plot_segments(buf_open(&b), &t, &info95, g, 3, &all),
                   NPS_OK);
  buf_close(&b);
  assert_non_null(strstr(b.text, "(markcol($12)):ytic(label($1))"));
  assert_non_null(strstr(b.text, "with boxxyerror fc rgb variable"));
  assert_non_null(strstr(b.text, "markcol(m) = m == 1 ? 0x26456e : m == 2 ? "
                                 "0xdce6f2 : 0x7ba7d7\n"));
  assert_null(strstr(b.text, "dotcol"));
  free(b.text);
  /* bars without marks: the plain script, no mark column, no line */
  g[0].mark = g[2].mark = NPS_PLOT_PLAIN;
  assert_int_equal(nps_plot_segments(buf_open(&b), &t, &info95, g, 3, &all),
                   NPS_OK);
  buf_close(&b);
  assert_null(strstr(b.text, "markcol"));
  assert_null(strstr(b.text, "set arrow 3"));
  assert_non_null(strstr(b.text, "60 60 1 |a (n = 10)\n"));
  free(b.text);
}

/* Bootstrap intervals put B and the seed in the title; a chart with only
 * positive values has no left-side labels; no interval, no whisker. */
static void test_segments_title_and_clauses(void **state) {
  (void)state;
  nps_plot_group g[] = {group("x", 5, 0, 0, NAN, NAN)};
  nps_plot_info info = {.method = "bootstrap BCa",
                        .level = 0.9,
                        .replicates = 2000,
                        .seed = 77,
                        .note = "a note"};
  nps_plot_target t = {.format = NPS_PLOT_PDF, .output = NULL};
  buf b;
  assert_int_equal(nps_plot_segments(buf_open(&b), &t, &info, g, 1, NULL),
                   NPS_OK);
  buf_close(&b);
  assert_non_null(strstr(b.text, "|NPS by group\n")); /* default title */
  assert_non_null(strstr(b.text, "' · B = 2000, seed 77'"));
  assert_non_null(strstr(b.text, "'90% intervals'"));
  assert_non_null(strstr(b.text, "set label 3 txt(5)")); /* the note */
  assert_non_null(strstr(b.text, "set terminal pdfcairo size "));
  assert_null(strstr(b.text, "\nset output"));
  /* no interval: the whisker collapses onto the dot */
  assert_non_null(strstr(b.text, "($4 == $4 ? $4 : $3)"));
  assert_null(strstr(b.text, "($11 < 0"));
  assert_null(strstr(b.text, "every ::1::1"));
  free(b.text);
}

static void test_segments_errors(void **state) {
  (void)state;
  nps_plot_group g[] = {group("x", 1, 1, 1, NAN, NAN)};
  nps_plot_group empty[] = {group("y", 0, 0, 0, NAN, NAN)};
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "x.png"};
  nps_plot_info bad = info95;
  bad.level = 1.0;
  buf b;
  FILE *fp = buf_open(&b);
  assert_int_equal(nps_plot_segments(NULL, &t, &info95, g, 1, NULL),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_segments(fp, NULL, &info95, g, 1, NULL),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_segments(fp, &t, NULL, g, 1, NULL), NPS_EINVAL);
  assert_int_equal(nps_plot_segments(fp, &t, &bad, g, 1, NULL), NPS_EINVAL);
  assert_int_equal(nps_plot_segments(fp, &t, &info95, NULL, 1, NULL),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_segments(fp, &t, &info95, empty, 1, NULL),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_segments(fp, &t, &info95, g, 0, NULL), NPS_EINVAL);
  nps_plot_target nl = {.format = NPS_PLOT_PNG, .output = "a\nb.png"};
  assert_int_equal(nps_plot_segments(fp, &nl, &info95, g, 1, NULL), NPS_EINVAL);
  nps_plot_target bad_format = {.format = (nps_plot_format)7,
                                .output = "x.png"};
  assert_int_equal(nps_plot_segments(fp, &bad_format, &info95, g, 1, NULL),
                   NPS_EINVAL);
  buf_close(&b);
  assert_int_equal(b.len, 0); /* nothing written on an argument error */
  free(b.text);
}

/* A stream that cannot be written gives NPS_EIO. */
static void test_write_error(void **state) {
  (void)state;
  FILE *fp = fopen("/dev/full", "w");
  assert_non_null(fp);
  setvbuf(fp, NULL, _IONBF, 0);
  nps_plot_group g[] = {group("x", 1, 1, 1, -0.5, 0.5)};
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "x.png"};
  assert_int_equal(nps_plot_segments(fp, &t, &info95, g, 1, NULL), NPS_EIO);
  fclose(fp);
}

/* ---- bootstrap histogram ---- */

static void test_bootstrap_bins(void **state) {
  (void)state;
  /* n = 10: NPS takes the values k/10. Replicates k = -2 (x1), 0 (x2),
   * 3 (x1): k spans 5 steps, so bins are one step wide and centred on
   * k/10, edges halfway between. */
  const double rep[] = {0.0, -0.2, 0.3, 0.0};
  nps_plot_group g = group("all", 4, 3, 3, -0.2, 0.3);
  nps_plot_info info = {.method = "bootstrap percentile",
                        .level = 0.95,
                        .replicates = 4,
                        .seed = 9};
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "b.png"};
  buf b;
  assert_int_equal(nps_plot_bootstrap(buf_open(&b), &t, &info, &g, rep, 4),
                   NPS_OK);
  buf_close(&b);
  const char *bins = "$bins << EOD\n"
                     "-20 10 25\n-10 10 0\n0 10 50\n10 10 0\n20 10 0\n"
                     "30 10 25\nEOD\n";
  assert_non_null(strstr(b.text, bins));
  assert_non_null(strstr(b.text, "' (n = 10) · B = 4 replicates'"));
  assert_non_null(strstr(b.text, "', seed 9'"));
  assert_non_null(strstr(b.text, "' [-20.0, +30.0]'"));
  assert_non_null(strstr(b.text, "set label 13 'estimate +10.0'"));
  assert_non_null(strstr(b.text, "|Bootstrap distribution of NPS\n"));
  assert_non_null(strstr(b.text, "\n|all\nEOD\n")); /* the group label */
  free(b.text);
}

/* Many lattice steps: a bin holds m = round(span / 40) steps. */
static void test_bootstrap_wide_bins(void **state) {
  (void)state;
  enum { B = 81 };
  double rep[B];
  for (int i = 0; i < B; i++)
    rep[i] = (i - 40) / 100.0; /* k = -40..40 with n = 100 */
  nps_plot_group g = group("g", 40, 30, 30, NAN, NAN);
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = NULL};
  buf b;
  assert_int_equal(nps_plot_bootstrap(buf_open(&b), &t, &info95, &g, rep, B),
                   NPS_OK);
  buf_close(&b);
  /* span 80 steps / 40 = 2 steps a bin: 41 bins, the first from
   * k = -40.5 to -38.5 holding k = -40, -39 (2 of 81 replicates). */
  assert_non_null(strstr(b.text, "$bins << EOD\n-39.5 2 2.469135802\n"));
  assert_non_null(strstr(b.text, "\n40.5 2 1.234567901\nEOD\n"));
  assert_null(strstr(b.text, "set object 1 rect")); /* no interval */
  free(b.text);
}

static void test_bootstrap_errors(void **state) {
  (void)state;
  const double rep[] = {0.1, NAN};
  nps_plot_group g = group("g", 1, 1, 1, NAN, NAN);
  nps_plot_group empty = group("g", 0, 0, 0, NAN, NAN);
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "x.png"};
  buf b;
  FILE *fp = buf_open(&b);
  assert_int_equal(nps_plot_bootstrap(fp, &t, &info95, &g, rep, 1), NPS_EINVAL);
  assert_int_equal(nps_plot_bootstrap(fp, &t, &info95, &g, rep, 2), NPS_EINVAL);
  assert_int_equal(nps_plot_bootstrap(fp, &t, &info95, &empty, rep, 1),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_bootstrap(fp, &t, &info95, NULL, rep, 1),
                   NPS_EINVAL);
  assert_int_equal(nps_plot_bootstrap(fp, &t, &info95, &g, NULL, 2),
                   NPS_EINVAL);
  buf_close(&b);
  assert_int_equal(b.len, 0);
  free(b.text);
}

/* ---- comparison ---- */

static void test_compare(void **state) {
  (void)state;
  /* a: (2 - 4)/10 = -20; b: (6 - 1)/10 = +50 */
  nps_plot_group a = group("before `x`", 2, 4, 4, -0.5, 0.1);
  nps_plot_group b = group("after", 6, 3, 1, 0.2, 0.75);
  nps_plot_diff d = {0.7, {0.25, 1.1}, 0.0004, "bootstrap"};
  nps_plot_info info = info95;
  info.replicates = 500;
  info.seed = 3;
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "c.png"};
  buf s;
  assert_int_equal(nps_plot_compare(buf_open(&s), &t, &info, &a, &b, &d),
                   NPS_OK);
  buf_close(&s);
  scan sc = {0};
  each_line(s.text, check_line, &sc);
  assert_int_equal(sc.bad_block_eod, 0);
  assert_non_null(strstr(
      s.text, "txt(11) . ' − ' . txt(10) . ': Δ = +70.0 points' . ', 95% "
              "interval [+25.0, +110.0]' . ', p < 0.001')"));
  /* the test in the footnote, with B and the seed */
  assert_non_null(strstr(s.text, "\n|bootstrap\n|before `x`\n"));
  assert_non_null(strstr(s.text, "' · B = 500, seed 3' . ' · ' . txt(7)"));
  /* dots with whiskers by default, no bars */
  assert_non_null(strstr(s.text, "with yerrorbars pt 7 ps 1.6"));
  assert_null(strstr(s.text, "with boxes"));
  assert_non_null(strstr(s.text, "'n = 10 and 10 · '"));
  assert_non_null(strstr(s.text, "' · B = 500, seed 3'"));
  assert_non_null(
      strstr(s.text, "|before `x`\n|after\n|before `x`\n|after\nEOD\n"));
  assert_non_null(strstr(s.text, "$diff << EOD\n1 70 25 110\nEOD\n"));
  /* groups and the difference are named by the short labels (texts 10,
   * 11) */
  assert_non_null(strstr(s.text, "xtic(txt(9 + $1) . "));
  assert_non_null(strstr(s.text, "set xlabel ('Δ = ' . txt(11) . "));
  assert_non_null(strstr(s.text,
                         "1 1 2 -20 -50 10 10 40 40 20 -50 -1 |before `x`\n"
                         "2 2 1 50 20 75 10 10 30 60 75 1 |after\n"));
  assert_null(strstr(s.text, "before `x`'")); /* never in a command */
  free(s.text);
  /* bars on request */
  t.style = NPS_PLOT_BARS;
  assert_int_equal(nps_plot_compare(buf_open(&s), &t, &info, &a, &b, &d),
                   NPS_OK);
  buf_close(&s);
  assert_non_null(strstr(s.text, "with boxes fc rgb variable"));
  free(s.text);

  nps_plot_diff bad = {NAN, {NAN, NAN}, NAN, NULL};
  nps_plot_group empty = group("e", 0, 0, 0, NAN, NAN);
  FILE *fp = buf_open(&s);
  assert_int_equal(nps_plot_compare(fp, &t, &info, &a, &b, &bad), NPS_EINVAL);
  assert_int_equal(nps_plot_compare(fp, &t, &info, &a, &empty, &d), NPS_EINVAL);
  assert_int_equal(nps_plot_compare(fp, &t, &info, &a, NULL, &d), NPS_EINVAL);
  buf_close(&s);
  assert_int_equal(s.len, 0);
  free(s.text);
}

/* p-values and a difference without interval. */
static void test_compare_p_formats(void **state) {
  (void)state;
  nps_plot_group a = group("a", 2, 4, 4, NAN, NAN);
  nps_plot_group b = group("b", 6, 3, 1, NAN, NAN);
  const struct {
    double p;
    const char *want;
  } cases[] = {{0.033, "', p = 0.033'"},
               {0.41, "', p = 0.41'"},
               {0.0012, "', p = 0.001'"}};
  for (size_t i = 0; i < 3; i++) {
    nps_plot_diff d = {0.7, {NAN, NAN}, cases[i].p, NULL};
    nps_plot_target t = {.format = NPS_PLOT_PNG, .output = NULL};
    buf s;
    assert_int_equal(nps_plot_compare(buf_open(&s), &t, &info95, &a, &b, &d),
                     NPS_OK);
    buf_close(&s);
    assert_non_null(strstr(s.text, cases[i].want));
    assert_null(strstr(s.text, "interval ["));
    assert_non_null(strstr(s.text, "plot $diff using 1:2 with points"));
    assert_non_null(strstr(s.text, "$diff << EOD\n1 70 NaN NaN\nEOD\n"));
    free(s.text);
  }
}

/* ---- power ---- */

static void test_power(void **state) {
  (void)state;
  const double n[] = {10, 100, 1000}, pw[] = {0.06, 0.3, 0.95};
  const double d[] = {-0.2, 0.0, 0.2}, pd[] = {0.9, 0.05, 0.9};
  nps_plot_series s[2] = {{"Δ = 10", strlen("Δ = 10"), n, pw, 3, 640.2},
                          {"`touch x`", 9, n, pw, 3, NAN}};
  nps_plot_info info = {.method = "z test", .level = 0.95};
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = "p.png"};
  buf b;
  assert_int_equal(
      nps_plot_power(buf_open(&b), &t, &info, NPS_PLOT_POWER_VS_N, 0.8, s, 2),
      NPS_OK);
  buf_close(&b);
  assert_non_null(
      strstr(b.text, "$curves << EOD\n10 6\n100 30\n1000 95\n\n\n10 6\n"));
  assert_non_null(strstr(b.text, "set logscale x\n")); /* 10..1000 */
  assert_non_null(strstr(b.text, "'α = 0.05' . ' · target power 80%'"));
  assert_non_null(strstr(b.text, "set label 11 '641' at first 640.2"));
  assert_null(strstr(b.text, "set label 12")); /* no mark for series 2 */
  assert_non_null(strstr(b.text, "title txt(8)"));
  assert_non_null(strstr(b.text, "title txt(9)"));
  assert_non_null(strstr(b.text, "\n|`touch x`\nEOD\n"));
  scan sc = {0};
  each_line(b.text, check_line, &sc);
  assert_int_equal(sc.leaks, 0);
  free(b.text);

  nps_plot_series sd = {"n = 100", 7, d, pd, 3, 0.15};
  assert_int_equal(nps_plot_power(buf_open(&b), &t, &info,
                                  NPS_PLOT_POWER_VS_DIFF, NAN, &sd, 1),
                   NPS_OK);
  buf_close(&b);
  assert_non_null(strstr(b.text, "$curves << EOD\n-20 90\n0 5\n20 90\nEOD"));
  assert_non_null(strstr(b.text, "set xrange [-20:20]\n"));
  assert_null(strstr(b.text, "logscale"));
  assert_null(strstr(b.text, "target power")); /* target NAN */
  assert_null(strstr(b.text, "set label 11")); /* marks need a target */
  free(b.text);
}

static void test_power_errors(void **state) {
  (void)state;
  const double x[] = {1, 2}, y[] = {0.1, NAN};
  nps_plot_series ok = {"a", 1, x, x, 2, NAN};
  nps_plot_series nan = {"a", 1, x, y, 2, NAN};
  nps_plot_series short1 = {"a", 1, x, x, 1, NAN};
  nps_plot_series nine[9];
  for (int i = 0; i < 9; i++)
    nine[i] = ok;
  nps_plot_target t = {.format = NPS_PLOT_PNG, .output = NULL};
  buf b;
  FILE *fp = buf_open(&b);
  assert_int_equal(
      nps_plot_power(fp, &t, &info95, NPS_PLOT_POWER_VS_N, 0.8, &nan, 1),
      NPS_EINVAL);
  assert_int_equal(
      nps_plot_power(fp, &t, &info95, NPS_PLOT_POWER_VS_N, 0.8, &short1, 1),
      NPS_EINVAL);
  assert_int_equal(
      nps_plot_power(fp, &t, &info95, NPS_PLOT_POWER_VS_N, 0.8, nine, 9),
      NPS_EINVAL);
  assert_int_equal(
      nps_plot_power(fp, &t, &info95, NPS_PLOT_POWER_VS_N, 0.8, &ok, 0),
      NPS_EINVAL);
  assert_int_equal(
      nps_plot_power(fp, &t, &info95, (nps_plot_power_axis)5, 0.8, &ok, 1),
      NPS_EINVAL);
  buf_close(&b);
  assert_int_equal(b.len, 0);
  free(b.text);
}

/* ---- trend chart ---- */

/* Hostile period labels stay in the data block; a gap is a NaN row with
 * n = 0; marks, the partial flag and limits reach their columns; errors. */
static void test_trend(void **state) {
  (void)state;
  nps_plot_period p[N_HOSTILE];
  for (size_t i = 0; i < N_HOSTILE; i++)
    p[i] = (nps_plot_period){
        hostile[i],     strlen(hostile[i]),
        {10 + i, 5, 3}, {-0.2, 0.6},
        {-0.1, 0.5},    i == 2 ? NPS_PLOT_STANDS_OUT : NPS_PLOT_PLAIN,
        i == 3};
  p[1].counts = (nps_counts){0, 0, 0};
  nps_plot_info info = info95;
  info.source = "'|touch /tmp/nps-plot-unit-source'";
  info.note = "@macro note";
  nps_plot_target t = {.format = NPS_PLOT_SVG, .output = "trend.svg"};
  buf b;
  assert_int_equal(
      nps_plot_trend(buf_open(&b), &t, &info, p, N_HOSTILE, 0.25, NULL, 0),
      NPS_OK);
  buf_close(&b);
  scan s = {0};
  each_line(b.text, check_line, &s);
  assert_int_equal(s.leaks, 0);
  assert_int_equal(s.bad_block_eod, 0);
  assert_int_equal(s.block_lines, 7 + (int)N_HOSTILE);
  /* row 1: 18 answers, NPS (10 - 3)/18, interval, limits, n, mark,
   * partial */
  assert_non_null(strstr(b.text, "\n1 38.88888889 -20 60 -10 50 18 0 0 |"));
  /* row 2 is a gap; row 3 ((12 - 3)/20) is ringed; row 4 ((13 - 3)/21) is
   * partial, drawn in a diamond with its key entry */
  assert_non_null(strstr(b.text, "\n2 NaN NaN NaN NaN NaN 0 0 0 |"));
  assert_non_null(strstr(b.text, "\n3 45 -20 60 -10 50 20 1 0 |"));
  assert_non_null(strstr(b.text, "\n4 47.61904762 -20 60 -10 50 21 0 1 |"));
  assert_non_null(strstr(b.text, "$rows using 1:($9 == 1 ? $2 : NaN) with "
                                 "points pt 12"));
  assert_non_null(strstr(b.text, "title 'partial period'"));
  assert_non_null(strstr(b.text, "using 1:(25) with lines"));
  assert_non_null(strstr(b.text, "xtic(tic($1))"));
  free(b.text);
  assert_int_equal(nps_plot_trend(buf_open(&b), &t, &info, p, 0, NAN, NULL, 0),
                   NPS_EINVAL);
  buf_close(&b);
  free(b.text);
  /* segment lines: hostile names only in $text, NPS per period in $lines,
   * titled by txt(8) on */
  nps_plot_trend_line lines[2] = {{hostile[0], strlen(hostile[0]), p},
                                  {hostile[2], strlen(hostile[2]), p}};
  assert_int_equal(nps_plot_trend(buf_open(&b), &t, &info, p, 3, NAN, lines, 2),
                   NPS_OK);
  buf_close(&b);
  scan s2 = {0};
  each_line(b.text, check_line, &s2);
  assert_int_equal(s2.leaks, 0);
  assert_int_equal(s2.bad_block_eod, 0);
  assert_non_null(
      strstr(b.text, "$lines << EOD\n1 38.88888889 0\n2 NaN 0\n3 45 1\n"));
  assert_non_null(strstr(b.text, "$lines index 1 using 1:2"));
  assert_non_null(strstr(b.text, "title txt(9)"));
  assert_non_null(strstr(b.text, "title 'all answers'"));
  free(b.text);
  /* a segment's small base (plot.h: NPS_PLOT_SMALL marks of a line are
   * drawn hollow): an open circle over a blanked point, and a key entry
   * when the main series has no marks of its own */
  nps_plot_period plain[3] = {p[0], p[2], p[3]}, seg[3] = {p[0], p[2], p[3]};
  for (size_t i = 0; i < 3; i++) {
    plain[i].mark = seg[i].mark = NPS_PLOT_PLAIN;
    plain[i].partial = seg[i].partial = 0;
  }
  seg[1].mark = NPS_PLOT_SMALL;
  nps_plot_trend_line one = {"web", 3, seg};
  assert_int_equal(
      nps_plot_trend(buf_open(&b), &t, &info, plain, 3, NAN, &one, 1), NPS_OK);
  buf_close(&b);
  assert_non_null(strstr(b.text, "$lines << EOD\n1 38.88888889 0\n2 45 2\n"));
  assert_non_null(strstr(b.text, "$lines index 0 using 1:($3 == 2 ? $2 : NaN) "
                                 "with points pt 7 ps 0.9 lc rgb 'white'"));
  assert_non_null(strstr(b.text, "$lines index 0 using 1:($3 == 2 ? $2 : NaN) "
                                 "with points pt 6 ps 0.9"));
  assert_non_null(strstr(b.text, "title 'below min n (hollow)'"));
  free(b.text);
  /* no small base: no such overlay */
  one.periods = plain;
  assert_int_equal(
      nps_plot_trend(buf_open(&b), &t, &info, plain, 3, NAN, &one, 1), NPS_OK);
  buf_close(&b);
  assert_null(strstr(b.text, "$3 == 2"));
  assert_null(strstr(b.text, "'below min n (hollow)'"));
  assert_null(strstr(b.text, "'partial period'"));
  free(b.text);
  nps_plot_trend_line many[NPS_PLOT_TREND_MAX_LINES + 1];
  for (size_t i = 0; i <= NPS_PLOT_TREND_MAX_LINES; i++)
    many[i] = lines[0];
  assert_int_equal(nps_plot_trend(buf_open(&b), &t, &info, p, 3, NAN, many,
                                  NPS_PLOT_TREND_MAX_LINES + 1),
                   NPS_EINVAL);
  buf_close(&b);
  free(b.text);
  nps_plot_period empty = p[1];
  assert_int_equal(
      nps_plot_trend(buf_open(&b), &t, &info, &empty, 1, NAN, NULL, 0),
      NPS_EINVAL);
  buf_close(&b);
  free(b.text);
}

/* ---- themes ---- */

static void test_theme_names(void **state) {
  (void)state;
  static const struct {
    const char *name;
    nps_plot_theme want;
  } ok[] = {{"light", NPS_PLOT_LIGHT},
            {"dark", NPS_PLOT_DARK},
            {"print", NPS_PLOT_PRINT}};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    nps_plot_theme t = (nps_plot_theme)99;
    assert_int_equal(nps_plot_theme_parse(ok[i].name, &t), NPS_OK);
    assert_int_equal(t, ok[i].want);
  }
  static const char *const bad[] = {"", "Dark", "sepia", "light ", "grey"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    nps_plot_theme t = NPS_PLOT_PRINT;
    assert_int_equal(nps_plot_theme_parse(bad[i], &t), NPS_EINVAL);
    assert_int_equal(t, NPS_PLOT_PRINT); /* untouched */
  }
  nps_plot_theme t;
  assert_int_equal(nps_plot_theme_parse(NULL, &t), NPS_EINVAL);
  /* a value outside the enum is refused by the charts */
  nps_plot_group g = group("a", 6, 2, 2, 0.1, 0.6);
  nps_plot_target tg = {.format = NPS_PLOT_PNG, .theme = (nps_plot_theme)3};
  buf b;
  assert_int_equal(nps_plot_segments(buf_open(&b), &tg, &info95, &g, 1, NULL),
                   NPS_EINVAL);
  buf_close(&b);
  free(b.text);
}

/* Every chart (9 scripts), with marks, intervals, bands and segment lines
 * so that every colour role appears, drawn with theme, one script after
 * another. */
static char *every_chart(nps_plot_theme theme, nps_plot_format format) {
  nps_plot_target t = {.format = format, .output = "x.png", .theme = theme};
  nps_plot_group g[] = {group("a", 6, 2, 2, 0.1, 0.6),
                        group("b", 1, 4, 5, -0.7, -0.1),
                        group("c", 3, 0, 3, NAN, NAN)};
  g[0].mark = NPS_PLOT_STANDS_OUT;
  g[2].mark = NPS_PLOT_SMALL;
  nps_plot_group all = group("all", 10, 6, 10, -0.1, 0.2);
  buf b;
  FILE *fp = buf_open(&b);
  assert_int_equal(nps_plot_segments(fp, &t, &info95, g, 3, &all), NPS_OK);
  t.style = NPS_PLOT_BARS;
  assert_int_equal(nps_plot_segments(fp, &t, &info95, g, 3, &all), NPS_OK);
  nps_plot_diff d = {0.7, {0.25, 1.1}, 0.0004, "bootstrap"};
  assert_int_equal(nps_plot_compare(fp, &t, &info95, &g[1], &g[0], &d), NPS_OK);
  t.style = NPS_PLOT_DOTS;
  assert_int_equal(nps_plot_compare(fp, &t, &info95, &g[2], &g[0], &d), NPS_OK);
  const double reps[] = {0.1, 0.2, 0.2, 0.3, 0.4};
  assert_int_equal(nps_plot_bootstrap(fp, &t, &info95, &g[0], reps, 5), NPS_OK);
  nps_plot_group cells[4] = {g[0], g[1], all, g[0]};
  assert_int_equal(nps_plot_did(fp, &t, &info95, cells, NULL, &d), NPS_OK);
  nps_plot_period p[3];
  for (size_t i = 0; i < 3; i++)
    p[i] = (nps_plot_period){
        "2025-01",        7, {10, 5, 3}, {-0.2, 0.6}, {-0.1, 0.5},
        (nps_plot_mark)i, 0};
  nps_plot_trend_line lines[NPS_PLOT_TREND_MAX_LINES];
  for (size_t i = 0; i < NPS_PLOT_TREND_MAX_LINES; i++)
    lines[i] = (nps_plot_trend_line){"web", 3, p};
  assert_int_equal(nps_plot_trend(fp, &t, &info95, p, 3, 0.2, lines,
                                  NPS_PLOT_TREND_MAX_LINES),
                   NPS_OK);
  const double n[] = {10, 100, 1000}, pw[] = {0.06, 0.3, 0.95};
  nps_plot_series sr[8];
  for (size_t i = 0; i < 8; i++)
    sr[i] = (nps_plot_series){"curve", 5, n, pw, 3, 500};
  assert_int_equal(
      nps_plot_power(fp, &t, &info95, NPS_PLOT_POWER_VS_N, 0.8, sr, 8), NPS_OK);
  nps_plot_forest_row fr[] = {{"us", 2, 0.2, {0.1, 0.3}, 100, 1, 0},
                              {"them", 4, 0.4, {NAN, NAN}, 0, 0, 1}};
  const double bands[NPS_PLOT_FOREST_BANDS] = {-0.1, 0.0, 0.1, 0.2, 0.3};
  assert_int_equal(nps_plot_forest(fp, &t, &info95, fr, 2, bands), NPS_OK);
  buf_close(&b);
  return b.text;
}

static int is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

/* The colours written as #RRGGBB or 0xRRGGBB in script: calls
 * check(r, g, b) for each; returns how many. */
static int each_colour(const char *script,
                       void (*check)(unsigned r, unsigned g, unsigned b,
                                     void *ctx),
                       void *ctx) {
  int found = 0;
  for (const char *p = script; *p; p++) {
    size_t skip = *p == '#' ? 1 : (p[0] == '0' && p[1] == 'x') ? 2 : 0;
    if (!skip || (skip == 2 && p > script && is_hex(p[-1])))
      continue;
    const char *h = p + skip;
    size_t k = 0;
    while (k < 7 && is_hex(h[k]))
      k++;
    if (k != 6)
      continue;
    unsigned rgb[3];
    for (int i = 0; i < 3; i++) {
      char two[3] = {h[2 * i], h[2 * i + 1], '\0'};
      rgb[i] = (unsigned)strtoul(two, NULL, 16);
    }
    check(rgb[0], rgb[1], rgb[2], ctx);
    found++;
  }
  return found;
}

static void count_saturated(unsigned r, unsigned g, unsigned b, void *ctx) {
  if (r != g || g != b)
    ++*(int *)ctx;
}

static void count_black(unsigned r, unsigned g, unsigned b, void *ctx) {
  if (r + g + b == 0)
    ++*(int *)ctx;
}

/* Counts the command lines that draw text without a colour of their own:
 * `set label` and `with labels` lines with no textcolor. */
static void check_text_colour(const char *line, int in_block, void *ctx) {
  if (in_block)
    return;
  int text = strncmp(line, "set label", 9) == 0 ||
             strstr(line, " with labels") != NULL;
  if (text && !strstr(line, " tc rgb '"))
    ++*(int *)ctx;
}

/* Dark (plot_theme.c): background #1f2430, text #e6e6e6; every text has a
 * colour, since gnuplot's default is black, and no black is written. */
static void test_theme_dark(void **state) {
  (void)state;
  for (int f = NPS_PLOT_PNG; f <= NPS_PLOT_PDF; f++) {
    char *s = every_chart(NPS_PLOT_DARK, (nps_plot_format)f);
    assert_int_equal(count_of(s, "background rgb '#1f2430'\n"), 9);
    assert_int_equal(count_of(s, "set xtics textcolor rgb '#e6e6e6'\n"), 9);
    assert_int_equal(count_of(s, "set ytics textcolor rgb '#e6e6e6'\n"), 9);
    assert_int_equal(count_of(s, "set key textcolor rgb '#e6e6e6'\n"), 9);
    assert_non_null(strstr(s, "set label 1 txt(2) at screen 0.5, screen "));
    assert_int_equal(count_of(s, "font ',13' tc rgb '#e6e6e6'\n"), 9);
    assert_non_null(strstr(s, "left font ',8' tc rgb '#a9afba'\n"));
    int untinted = 0, black = 0;
    each_line(s, check_text_colour, &untinted);
    assert_int_equal(untinted, 0);
    assert_true(each_colour(s, count_black, &black) > 100);
    assert_int_equal(black, 0);
    /* stands out: lightest; small base: close to the background */
    assert_non_null(strstr(s, "dotcol(m) = m == 1 ? 0xe8f1ff : m == 2 ? "
                              "0x4a5568 : 0x6fa8ff\n"));
    free(s);
  }
}

/* Print (plot_theme.c): greys only, R = G = B in every colour written. */
static void test_theme_print(void **state) {
  (void)state;
  char *s = every_chart(NPS_PLOT_PRINT, NPS_PLOT_SVG);
  int saturated = 0;
  assert_true(each_colour(s, count_saturated, &saturated) > 100);
  assert_int_equal(saturated, 0);
  assert_int_equal(count_of(s, "background rgb '#ffffff'\n"), 9);
  int untinted = 0;
  each_line(s, check_text_colour, &untinted);
  assert_int_equal(untinted, 0);
  /* detractors darkest (L* 15), promoters middle (58), passives (89) */
  assert_non_null(strstr(s, "boxxyerror fc rgb '#252525' notitle"));
  assert_non_null(strstr(s, "boxxyerror fc rgb '#8c8c8c' notitle"));
  assert_non_null(strstr(s, "boxxyerror fc rgb '#e0e0e0' notitle"));
  free(s);
}

/* Light is the look from before themes: no background or text colour
 * commands beyond the svg terminal's white (the committed gallery scripts
 * check it byte for byte). */
static void test_theme_light(void **state) {
  (void)state;
  char *s = every_chart(NPS_PLOT_LIGHT, NPS_PLOT_PNG);
  assert_null(strstr(s, "background"));
  assert_null(strstr(s, "textcolor"));
  /* titles, values and legends in gnuplot's default black: the check
   * the dark and print tests rely on finds them */
  int untinted = 0;
  each_line(s, check_text_colour, &untinted);
  assert_true(untinted > 20);
  assert_non_null(strstr(s, "dotcol(m) = m == 1 ? 0x0b2545 : m == 2 ? "
                            "0xbfcde0 : 0x4f81bd\n"));
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_label_cleaning),
      cmocka_unit_test(test_label_shortening),
      cmocka_unit_test(test_label_errors),
      cmocka_unit_test(test_format_names),
      cmocka_unit_test(test_segments_hostile_labels),
      cmocka_unit_test(test_segments_rows),
      cmocka_unit_test(test_segments_marks),
      cmocka_unit_test(test_segments_title_and_clauses),
      cmocka_unit_test(test_segments_errors),
      cmocka_unit_test(test_write_error),
      cmocka_unit_test(test_bootstrap_bins),
      cmocka_unit_test(test_bootstrap_wide_bins),
      cmocka_unit_test(test_bootstrap_errors),
      cmocka_unit_test(test_compare),
      cmocka_unit_test(test_compare_p_formats),
      cmocka_unit_test(test_power),
      cmocka_unit_test(test_power_errors),
      cmocka_unit_test(test_trend),
      cmocka_unit_test(test_theme_names),
      cmocka_unit_test(test_theme_dark),
      cmocka_unit_test(test_theme_print),
      cmocka_unit_test(test_theme_light),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
