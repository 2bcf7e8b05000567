/*
 * md2man.c - the manual pages of nps-stat, made from docs/cli.md.
 *
 *   md2man CLI.md OUTDIR VERSION
 *
 * writes OUTDIR/nps-stat.1 and one OUTDIR/nps-stat-COMMAND.1 per command.
 * docs/cli.md is the one source: a "## `nps-stat COMMAND ...`" section is
 * the page of COMMAND (its heading's code spans are the synopsis, its text
 * the description), the "## Commands" table gives each page's NAME line,
 * and every other section goes to nps-stat(1). The "Exit status" section is
 * repeated in every page.
 *
 * The Markdown understood is what docs/cli.md uses: headings (## and ###),
 * paragraphs, fenced and indented code blocks, "* " lists, tables, and
 * inline code, **strong**, *emphasis*, [links](url) and backslash escapes.
 * Characters beyond ASCII become groff's \[uXXXX], so a page renders the
 * same in any locale. Exit status: 0, 1 on a malformed source or an I/O
 * error.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 8192
#define MAX_CELLS 16

static char *lines[MAX_LINES];
static size_t n_lines;

typedef struct section {
  size_t head, end; /* the heading line and one past the last line */
  char name[32];    /* the command of a command section, else "" */
} section;

static section sections[64];
static size_t n_sections;

static int fail(const char *what, const char *arg) {
  fprintf(stderr, "md2man: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
  return 1;
}

static int starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int blank(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return *s == '\0';
}

/* ---- inline text ---------------------------------------------------- */

typedef struct writer {
  FILE *out;
  int bold, italic, code;
  int bol; /* at the beginning of an output line */
} writer;

static void font(writer *w) {
  int b = w->bold || w->code, i = w->italic;
  fputs(b && i ? "\\f(BI" : b ? "\\fB" : i ? "\\fI" : "\\fR", w->out);
}

/* One character (a whole UTF-8 sequence at s), escaped for roff. Returns
 * the bytes used. */
static size_t put_char(writer *w, const char *s) {
  unsigned char c = (unsigned char)*s;
  if (c >= 0x80) {
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    unsigned long cp = len == 1 ? c : c & (0x3Fu >> (len - 1));
    for (size_t i = 1; i < len; i++) {
      if (((unsigned char)s[i] & 0xC0) != 0x80)
        return fputs("?", w->out), i;
      cp = (cp << 6) | ((unsigned char)s[i] & 0x3Fu);
    }
    fprintf(w->out, "\\[u%04lX]", cp);
  } else if (c == '\\') {
    fputs("\\e", w->out);
  } else if (c == '-') {
    fputs("\\-", w->out);
  } else if ((c == '.' || c == '\'') && w->bol) {
    fprintf(w->out, "\\&%c", c);
  } else {
    fputc(c, w->out);
  }
  w->bol = 0;
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static void newline(writer *w) {
  fputc('\n', w->out);
  w->bol = 1;
}

/* Inline Markdown of s[0..n): code spans, strong, emphasis, links and
 * escapes. A newline inside starts a new output line without its leading
 * spaces. The font is back to roman at the end. */
static void put_inline(writer *w, const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    char c = s[i];
    if (c == '\n') {
      newline(w);
      for (i++; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
        ;
      continue;
    }
    if (w->code) {
      if (c == '`') {
        w->code = 0, font(w), i++;
      } else {
        i += put_char(w, s + i);
      }
      continue;
    }
    if (c == '`' && memchr(s + i + 1, '`', n - i - 1)) {
      w->code = 1, font(w), i++;
    } else if (c == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
      i += 1 + put_char(w, s + i + 1);
    } else if (c == '*' && i + 1 < n && s[i + 1] == '*') {
      w->bold = !w->bold, font(w), i += 2;
    } else if (c == '*' && ((!w->italic && i + 1 < n && s[i + 1] != ' ') ||
                            (w->italic && i > 0 && s[i - 1] != ' '))) {
      w->italic = !w->italic, font(w), i++;
    } else if (c == '[') {
      /* [text](url): the text, and an absolute url after it */
      const char *close = memchr(s + i, ']', n - i);
      size_t j = close ? (size_t)(close - s) : n;
      const char *end =
          j + 1 < n && s[j + 1] == '(' ? memchr(s + j, ')', n - j) : NULL;
      if (!end) {
        i += put_char(w, s + i);
        continue;
      }
      put_inline(w, s + i + 1, j - i - 1);
      size_t k = (size_t)(end - s);
      if (starts(s + j + 2, "http")) {
        fputs(" <", w->out);
        for (size_t m = j + 2; m < k;)
          m += put_char(w, s + m);
        fputs(">", w->out);
      }
      i = k + 1;
    } else {
      i += put_char(w, s + i);
    }
  }
  if (w->bold || w->italic || w->code) {
    w->bold = w->italic = w->code = 0;
    font(w);
  }
}

static void put_str(writer *w, const char *s) {
  put_inline(w, s, strlen(s));
}

/* A request line (".PP"), on a line of its own. */
static void request(writer *w, const char *req) {
  if (!w->bol)
    newline(w);
  fputs(req, w->out);
  newline(w);
}

/* ---- blocks --------------------------------------------------------- */

/* Splits a table row into trimmed cells (unescaping \|); returns the
 * count. The cells are copies the caller frees. */
static size_t cells(const char *row, char **out) {
  size_t n = 0;
  const char *p = row;
  while (*p == ' ')
    p++;
  if (*p == '|')
    p++;
  while (*p && n < MAX_CELLS) {
    char *cell = malloc(strlen(p) + 1);
    size_t len = 0;
    for (; *p && *p != '|'; p++) {
      if (*p == '\\' && p[1] == '|')
        p++;
      cell[len++] = *p;
    }
    while (len && cell[len - 1] == ' ')
      len--;
    cell[len] = '\0';
    char *start = cell;
    while (*start == ' ')
      start++;
    memmove(cell, start, strlen(start) + 1);
    if (!*p && !*cell) { /* after the closing | */
      free(cell);
      break;
    }
    out[n++] = cell;
    if (*p)
      p++;
  }
  return n;
}

/* Display width of plain text: the code points without Markdown marks. */
static size_t width(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80 && *s != '`';
  return n;
}

/* A table of two columns becomes a tagged list; a wider one aligned text
 * when it fits in 78 columns, else a list of its rows. */
static void table(writer *w, size_t from, size_t to) {
  char *cell[512][MAX_CELLS];
  size_t nc[512], rows = 0, cols = 0, wid[MAX_CELLS] = {0};
  for (size_t i = from; i < to && rows < 512; i++) {
    if (i == from + 1)
      continue; /* the |---| line */
    nc[rows] = cells(lines[i], cell[rows]);
    if (nc[rows] != nc[0]) { /* a | not written \| in a cell */
      fprintf(stderr, "md2man: line %zu: %zu cells, the header has %zu\n",
              i + 1, nc[rows], nc[0]);
      exit(1);
    }
    if (nc[rows] > cols)
      cols = nc[rows];
    for (size_t c = 0; c < nc[rows]; c++)
      if (width(cell[rows][c]) > wid[c])
        wid[c] = width(cell[rows][c]);
    rows++;
  }
  size_t total = 0;
  for (size_t c = 0; c < cols; c++)
    total += wid[c] + 2;
  if (cols > 2 && total <= 78) {
    request(w, ".PP");
    request(w, ".nf");
    for (size_t r = 0; r < rows; r++) {
      for (size_t c = 0; c < nc[r]; c++) {
        const char *t = cell[r][c];
        for (const char *p = t; *p;)
          p += *p == '`' ? 1 : put_char(w, p);
        if (c + 1 < nc[r])
          for (size_t pad = width(t); pad < wid[c] + 2; pad++)
            fputc(' ', w->out);
      }
      newline(w);
    }
    request(w, ".fi");
  } else {
    for (size_t r = 1; r < rows; r++) { /* row 0: the header */
      if (!*cell[r][0]) {
        request(w, ".IP");
      } else {
        request(w, ".TP");
        put_str(w, cell[r][0]);
        newline(w);
      }
      for (size_t c = 1; c < nc[r]; c++) {
        if (c > 1)
          request(w, ".br");
        if (cols > 2) {
          w->italic = 1, font(w);
          put_str(w, cell[0][c]);
          fputs(": ", w->out);
        }
        put_str(w, cell[r][c]);
      }
    }
  }
  for (size_t r = 0; r < rows; r++)
    for (size_t c = 0; c < nc[r]; c++)
      free(cell[r][c]);
}

/* Lines from..to joined with '\n', leading spaces kept (put_inline drops
 * them). */
static char *join(size_t from, size_t to) {
  size_t len = 1;
  for (size_t i = from; i < to; i++)
    len += strlen(lines[i]) + 1;
  char *s = malloc(len), *p = s;
  for (size_t i = from; i < to; i++)
    p += sprintf(p, "%s%s", lines[i], i + 1 < to ? "\n" : "");
  *p = '\0';
  return s;
}

static int is_table(const char *s) {
  return s[0] == '|';
}
static int is_item(const char *s) {
  return starts(s, "* ");
}

/* A verbatim block: lines from..to, their first `indent` spaces removed. */
static void verbatim(writer *w, size_t from, size_t to, size_t indent) {
  request(w, ".PP");
  request(w, ".RS 4");
  request(w, ".nf");
  for (size_t i = from; i < to; i++) {
    const char *s = lines[i];
    for (size_t k = 0; k < indent && *s == ' '; k++)
      s++;
    while (*s)
      s += put_char(w, s);
    newline(w);
  }
  request(w, ".fi");
  request(w, ".RE");
}

/* Lines from..to: paragraphs, code, lists, tables and ### headings. */
static void blocks(writer *w, size_t from, size_t to) {
  size_t i = from;
  int after_blank = 1;
  while (i < to) {
    const char *s = lines[i];
    if (blank(s)) {
      i++, after_blank = 1;
      continue;
    }
    size_t j = i + 1;
    if (starts(s, "```")) {
      while (j < to && !starts(lines[j], "```"))
        j++;
      verbatim(w, i + 1, j, 0);
      i = j + 1;
    } else if (after_blank && starts(s, "    ")) {
      while (j < to && (starts(lines[j], "    ") || blank(lines[j])))
        j++;
      while (blank(lines[j - 1]))
        j--;
      verbatim(w, i, j, 4);
      i = j;
    } else if (starts(s, "### ")) {
      if (!w->bol)
        newline(w);
      fputs(".SS \"", w->out);
      w->bol = 0;
      put_str(w, s + 4);
      fputs("\"\n", w->out);
      w->bol = 1;
      i = j;
    } else if (is_table(s)) {
      while (j < to && is_table(lines[j]))
        j++;
      table(w, i, j);
      i = j;
    } else {
      while (j < to && !blank(lines[j]) && !is_table(lines[j]) &&
             !starts(lines[j], "```") && !starts(lines[j], "#") &&
             !is_item(lines[j]))
        j++;
      if (is_item(s)) {
        request(w, ".IP \\(bu 2");
        s += 2;
      } else {
        request(w, ".PP");
      }
      char *text = join(i, j);
      put_str(w, text + (s - lines[i]));
      free(text);
      i = j;
    }
    after_blank = 0;
  }
  if (!w->bol)
    newline(w);
}

/* ---- pages ---------------------------------------------------------- */

/* The heading of section s in capitals, without Markdown marks. */
static void section_title(writer *w, const char *text) {
  fputs(".SH \"", w->out);
  for (const char *p = text; *p && *p != '('; p++)
    if (*p != '`' && *p != '*')
      fputc(toupper((unsigned char)*p), w->out);
  fputs("\"\n", w->out);
  w->bol = 1;
}

static const section *find_section(const char *title) {
  for (size_t i = 0; i < n_sections; i++)
    if (starts(lines[sections[i].head] + 3, title))
      return &sections[i];
  return NULL;
}

/* The summary of command name from the "## Commands" table. */
static char *summary_of(const char *name) {
  const section *s = find_section("Commands");
  for (size_t i = s ? s->head : 0; s && i < s->end; i++) {
    char *c[MAX_CELLS];
    if (!is_table(lines[i]))
      continue;
    size_t n = cells(lines[i], c);
    char *found = NULL;
    if (n >= 2 && c[0][0] == '`' && strlen(c[0]) == strlen(name) + 2 &&
        strncmp(c[0] + 1, name, strlen(name)) == 0)
      found = strdup(c[1]);
    for (size_t k = 0; k < n; k++)
      free(c[k]);
    if (found)
      return found;
  }
  return NULL;
}

static void header(writer *w, const char *page, const char *version,
                   const char *what) {
  fputs(".\\\" Generated from docs/cli.md by tools/md2man.c: edit that.\n",
        w->out);
  fputs(".TH \"", w->out);
  for (const char *p = page; *p; p++)
    fputc(toupper((unsigned char)*p), w->out);
  fprintf(w->out, "\" 1 \"\" \"nps-stat %s\" \"nps-stat manual\"\n", version);
  fputs(".SH NAME\n", w->out);
  w->bol = 1;
  put_str(w, page);
  fputs(" \\- ", w->out);
  put_str(w, what);
  newline(w);
}

static void see_also(writer *w, const char *except) {
  fputs(".SH \"SEE ALSO\"\n", w->out);
  int first = 1;
  for (size_t i = 0; i < n_sections; i++) {
    char page[64];
    if (!sections[i].name[0])
      continue;
    snprintf(page, sizeof page, "nps-stat-%s", sections[i].name);
    if (strcmp(page, except) == 0)
      continue;
    fprintf(w->out, "%s\\fB", first ? "" : ",\n");
    w->bol = 0;
    put_str(w, page);
    fputs("\\fR(1)", w->out);
    first = 0;
  }
  if (strcmp(except, "nps-stat") != 0)
    fputs(",\n\\fBnps\\-stat\\fR(1)", w->out);
  fputs("\n", w->out);
}

static FILE *open_page(const char *dir, const char *page) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.1", dir, page);
  FILE *fp = fopen(path, "w");
  if (!fp)
    fail("cannot write", path);
  return fp;
}

static int command_page(const char *dir, const char *version,
                        const section *s) {
  char page[64];
  snprintf(page, sizeof page, "nps-stat-%s", s->name);
  char *what = summary_of(s->name);
  if (!what)
    return fail("no line in the Commands table for", s->name);
  FILE *fp = open_page(dir, page);
  if (!fp)
    return free(what), 1;
  writer w = {.out = fp, .bol = 1};
  header(&w, page, version, what);
  free(what);
  /* SYNOPSIS: each code span of the heading on a line of its own */
  fputs(".SH SYNOPSIS\n.nf\n", fp);
  for (const char *p = lines[s->head]; (p = strchr(p, '`')) != NULL;) {
    const char *q = strchr(p + 1, '`');
    if (!q)
      break;
    fputs("\\fB", fp);
    for (const char *c = p + 1; c < q;)
      c += put_char(&w, c);
    fputs("\\fR\n", fp);
    w.bol = 1;
    p = q + 1;
  }
  fputs(".fi\n.SH DESCRIPTION\n", fp);
  blocks(&w, s->head + 1, s->end);
  fputs(".PP\nThe input, statistics and output options that every command "
        "shares are in\n\\fBnps\\-stat\\fR(1).\n",
        fp);
  const section *exit = find_section("Exit status");
  if (exit) {
    section_title(&w, "Exit status");
    blocks(&w, exit->head + 1, exit->end);
  }
  see_also(&w, page);
  return fclose(fp) != 0 ? fail("cannot write", page) : 0;
}

static int main_page(const char *dir, const char *version) {
  FILE *fp = open_page(dir, "nps-stat");
  if (!fp)
    return 1;
  writer w = {.out = fp, .bol = 1};
  /* NAME: the first sentence of the first paragraph after the synopsis */
  size_t first = 0, fence = 0, intro_end = n_sections ? sections[0].head : 0;
  for (size_t i = 0; i < intro_end; i++)
    if (starts(lines[i], "```"))
      fence = i;
  for (first = fence + 1; first < intro_end && blank(lines[first]); first++)
    ;
  size_t last = first;
  while (last < intro_end && !blank(lines[last]))
    last++;
  char *para = first < intro_end ? join(first, last) : NULL;
  for (char *p = para; p && *p; p++)
    if (*p == '\n')
      *p = ' ';
  if (!para)
    return fclose(fp), fail("no introduction after the synopsis", NULL);
  char *stop = strstr(para, ". ");
  if (stop || (stop = strrchr(para, '.')) != NULL)
    *stop = '\0';
  header(&w, "nps-stat", version, para);
  free(para);
  fputs(".SH SYNOPSIS\n", fp);
  size_t open = 0;
  while (open < fence && !starts(lines[open], "```"))
    open++;
  fputs(".nf\n", fp);
  for (size_t i = open + 1; i < fence; i++) {
    for (const char *c = lines[i]; *c;)
      c += put_char(&w, c);
    newline(&w);
  }
  fputs(".fi\n.SH DESCRIPTION\n", fp);
  blocks(&w, first, intro_end);
  for (size_t i = 0; i < n_sections; i++) {
    if (sections[i].name[0])
      continue;
    section_title(&w, lines[sections[i].head] + 3);
    blocks(&w, sections[i].head + 1, sections[i].end);
  }
  see_also(&w, "nps-stat");
  return fclose(fp) != 0 ? fail("cannot write", "nps-stat.1") : 0;
}

static int read_source(const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp)
    return fail("cannot read", path);
  char buf[65536];
  int fenced = 0;
  while (fgets(buf, sizeof buf, fp)) {
    if (n_lines == MAX_LINES)
      return fclose(fp), fail("too many lines", path);
    buf[strcspn(buf, "\r\n")] = '\0';
    lines[n_lines] = strdup(buf);
    if (starts(buf, "```"))
      fenced = !fenced;
    if (!fenced && starts(buf, "## ")) {
      if (n_sections == sizeof sections / sizeof sections[0])
        return fclose(fp), fail("too many sections", path);
      section *s = &sections[n_sections++];
      s->head = n_lines;
      s->name[0] = '\0';
      if (starts(buf, "## `nps-stat ")) {
        size_t len = strspn(buf + 13, "abcdefghijklmnopqrstuvwxyz");
        if (len && len < sizeof s->name)
          memcpy(s->name, buf + 13, len), s->name[len] = '\0';
      }
      if (n_sections > 1)
        sections[n_sections - 2].end = n_lines;
    }
    n_lines++;
  }
  if (n_sections)
    sections[n_sections - 1].end = n_lines;
  fclose(fp);
  return n_sections ? 0 : fail("no sections", path);
}

int main(int argc, char **argv) {
  if (argc != 4)
    return fail("usage: md2man CLI.md OUTDIR VERSION", NULL);
  if (read_source(argv[1]))
    return 1;
  int rc = main_page(argv[2], argv[3]);
  for (size_t i = 0; i < n_sections && !rc; i++)
    if (sections[i].name[0])
      rc = command_page(argv[2], argv[3], &sections[i]);
  for (size_t i = 0; i < n_lines; i++)
    free(lines[i]);
  return rc;
}
