/*
 * csvfast_sweep.c - the fast scan against libcsv over many files and many
 * options (csvfast_diff.h): every file under the given paths (folders are
 * walked), and generated files, each read with every options byte in
 * OPTION_BYTES.
 *
 * Usage: csvfast_sweep [--synthetic SEED COUNT] [--min-fast N] PATH...
 *
 * The generated files are records of plain, blank-padded, quoted and
 * multi-line cells with doubled quotes, LF and CRLF line ends, blank lines,
 * and now and then what the fast scan leaves to libcsv (a stray quote, a
 * lone CR, text after a closing quote, a ragged row, an over-long cell, a
 * repeated header, bytes that are not UTF-8, a missing final line end),
 * from 1 to 300 KB, so that records cross the reader's 64 KiB blocks.
 * The run fails on any difference, and when the fast scan split fewer than
 * N records in all (so that a scan that never runs cannot pass).
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvfast_diff.h"

static const unsigned OPTION_BYTES[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x14,
                                        0x24, 0x34, 0x44, 0x54, 0x64, 0x84,
                                        0x94, 0xa4, 0x0c, 0x1c, 0x15, 0xd6};
enum { N_OPTIONS = sizeof OPTION_BYTES / sizeof OPTION_BYTES[0] };

static uint64_t inputs, reads, fast[2];
static int failed;

static void check(const char *name, const uint8_t *data, size_t size) {
  inputs++;
  for (size_t i = 0; i < N_OPTIONS; i++) {
    nps_csvin_options opt;
    csvfast_options(OPTION_BYTES[i], &opt);
    const char *why = csvfast_diff(data, size, &opt, 0, fast);
    reads++;
    if (why) {
      fprintf(stderr, "csvfast_sweep: %s, options byte 0x%02x: %s\n", name,
              OPTION_BYTES[i], why);
      failed = 1;
    }
  }
}

static void check_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    failed = 1;
    return;
  }
  size_t cap = 1 << 16, len = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    len += fread(buf + len, 1, cap - len, f);
    if (len < cap)
      break;
    uint8_t *bigger = realloc(buf, cap *= 2);
    if (!bigger)
      free(buf);
    buf = bigger;
  }
  fclose(f);
  if (!buf) {
    fprintf(stderr, "csvfast_sweep: %s: out of memory\n", path);
    failed = 1;
    return;
  }
  check(path, buf, len);
  free(buf);
}

static void walk(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    failed = 1;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    if (S_ISREG(st.st_mode) && st.st_size <= (64 << 20))
      check_file(path);
    return;
  }
  DIR *d = opendir(path);
  if (!d) {
    perror(path);
    failed = 1;
    return;
  }
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    size_t n = strlen(path) + strlen(e->d_name) + 2;
    char *sub = malloc(n);
    if (!sub) {
      failed = 1;
      break;
    }
    snprintf(sub, n, "%s/%s", path, e->d_name);
    walk(sub);
    free(sub);
  }
  closedir(d);
}

/* ---- generated files ---------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n) { /* 0..n-1, splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return (uint32_t)(z % n);
}

typedef struct text {
  char *s;
  size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n) {
  if (t->len + n > t->cap) {
    size_t cap = 2 * t->cap + n + 1024;
    char *p = realloc(t->s, cap);
    if (!p) {
      fprintf(stderr, "csvfast_sweep: out of memory\n");
      exit(1);
    }
    t->s = p, t->cap = cap;
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
}

static void puts_(text *t, const char *s) {
  put(t, s, strlen(s));
}

static const char *const WORDS[] = {
    "web",  "app",  "store", "b",   "x y", "NA",   "-",      "Москва",
    "10",   "9",    "0",     "7",   "5",   "10.0", "007",    "9 - Likely",
    "7.5",  "abc",  "11",    "",    "x",   "a,b",  "score",  "count",
    "#N/A", "null", "  8 ",  "\t3", "6\t", "10 ",  "Preview"};
enum { N_WORDS = sizeof WORDS / sizeof WORDS[0] };

/* One cell: mostly a plain word, sometimes padded, quoted, with doubled
 * quotes or line ends inside, rarely one of the breaks of the file's
 * dialect. */
static void cell(text *t, char delim, int rare) {
  const char *w = WORDS[rnd(N_WORDS)];
  uint32_t k = rnd(100);
  if (k < 55) {
    puts_(t, strchr(w, delim) || strchr(w, '"') ? "z" : w);
  } else if (k < 62) {
    puts_(t, rnd(2) ? " " : "  ");
    puts_(t, strchr(w, delim) ? "y" : w);
    puts_(t, rnd(2) ? " " : "");
  } else if (k < 80) {
    if (rnd(4) == 0)
      puts_(t, " ");
    puts_(t, "\"");
    puts_(t, w);
    uint32_t extra = rnd(6);
    if (extra == 0)
      puts_(t, "\"\"quoted\"\"");
    else if (extra == 1)
      puts_(t, "\nsecond line, with a comma");
    else if (extra == 2)
      puts_(t, "\r\nthird; line\t\"\"");
    else if (extra == 3) {
      size_t n = 20 + rnd(3000);
      for (size_t i = 0; i < n; i++)
        put(t, &"abc ,;\n\"\"x"[rnd(9)], 1);
      if (t->s[t->len - 1] == '"' && t->s[t->len - 2] != '"')
        puts_(t, "\"");
    }
    puts_(t, "\"");
    if (rnd(5) == 0)
      puts_(t, "  ");
  } else if (k < 97 || !rare) {
    puts_(t, "");
  } else {
    static const char *const BREAKS[] = {"ab\"c", "\"x\"y", "a\rb", "\xff\xfe",
                                         "\x1f",  "\"open", "é\xc3"};
    puts_(t, BREAKS[rnd(sizeof BREAKS / sizeof BREAKS[0])]);
  }
}

static void generate(text *t, int rare) {
  static const char DELIMS[] = {',', ';', '\t'};
  char delim = DELIMS[rnd(3)];
  const char *eol = rnd(2) ? "\n" : "\r\n";
  t->len = 0;
  if (rnd(10) == 0)
    puts_(t, "\xEF\xBB\xBF");
  const char *header[] = {"id", "channel", "region", "score", "comment"};
  size_t ncols = 5;
  for (size_t c = 0; c < ncols; c++) {
    if (c)
      put(t, &delim, 1);
    puts_(t, header[c]);
  }
  puts_(t, eol);
  size_t target = 1000 + rnd(300000);
  while (t->len < target) {
    uint32_t k = rnd(1000);
    if (k < 15) {
      puts_(t, rnd(2) ? "" : "   ");
      puts_(t, eol);
      continue;
    }
    size_t n = ncols;
    if (rare && k < 20)
      n = ncols - 1 + rnd(3); /* ragged */
    if (rare && k == 21) {
      for (size_t c = 0; c < ncols; c++) {
        if (c)
          put(t, &delim, 1);
        puts_(t, header[c]);
      }
      puts_(t, eol);
      continue;
    }
    for (size_t c = 0; c < n; c++) {
      if (c)
        put(t, &delim, 1);
      if (c == 3 && rnd(4)) {
        char sc[8];
        snprintf(sc, sizeof sc, "%u", rnd(11));
        puts_(t, sc);
      } else {
        cell(t, delim, rare && rnd(50) == 0);
      }
    }
    puts_(t, rare && k == 22 ? "\r" : eol);
  }
  if (rnd(4) == 0 && t->len && t->s[t->len - 1] == '\n')
    t->len -= 1 + (t->len > 1 && t->s[t->len - 2] == '\r');
}

int main(int argc, char **argv) {
  uint64_t min_fast = 0;
  int a = 1;
  text t = {0};
  for (; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
    if (strcmp(argv[a], "--synthetic") == 0 && a + 2 < argc) {
      rng_state = strtoull(argv[a + 1], NULL, 10);
      unsigned long count = strtoul(argv[a + 2], NULL, 10);
      for (unsigned long i = 0; i < count; i++) {
        char name[64];
        snprintf(name, sizeof name, "generated file %lu", i + 1);
        generate(&t, i % 2 == 1);
        check(name, (const uint8_t *)t.s, t.len);
      }
      a += 2;
    } else if (strcmp(argv[a], "--min-fast") == 0 && a + 1 < argc) {
      min_fast = strtoull(argv[++a], NULL, 10);
    } else {
      fprintf(stderr, "csvfast_sweep: unknown option '%s'\n", argv[a]);
      return 2;
    }
  }
  free(t.s);
  for (; a < argc; a++)
    walk(argv[a]);
  printf("csvfast_sweep: %" PRIu64 " inputs, %" PRIu64
         " reads each three ways; records split by the fast scan: %" PRIu64
         " portable, %" PRIu64 " as built\n",
         inputs, reads, fast[0], fast[1]);
  if (fast[0] < min_fast || fast[1] < min_fast) {
    fprintf(stderr,
            "csvfast_sweep: the fast scan split fewer than %" PRIu64
            " records\n",
            min_fast);
    failed = 1;
  }
  return failed;
}
