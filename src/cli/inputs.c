/*
 * inputs.c - the files of one data set: the paths given on the command
 * line, each a file, "-" for standard input, or a directory of part files
 * as Spark, Hive, DuckDB (COPY ... PARTITION_BY) and BigQuery exports
 * write them.
 *
 * A directory contributes its files named *.csv, *.tsv or *.txt (any case)
 * in byte order of their names, and the files of its Hive partition
 * folders (key=value) in the same order, recursively. Names that start
 * with '_' or '.' (_SUCCESS, .part-0.csv.crc, _temporary) are passed over
 * quietly; other files are left out with a warning; another folder is an
 * error, since its files would otherwise be lost or read by surprise.
 * Nothing here reads file contents: load.c does.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "common.h"
#include "inputs.h"

/* Partition folders nested deeper than this are refused (a loop of
 * symbolic links ends here too). */
#define MAX_DEPTH 32

static int add_file(cli_files *f, const char *path, size_t base) {
  if (f->n == f->cap) {
    size_t cap = f->cap ? 2 * f->cap : 16;
    cli_file *item = realloc(f->item, cap * sizeof *item);
    if (!item)
      return -1;
    f->item = item, f->cap = cap;
  }
  char *copy = strdup(path);
  if (!copy)
    return -1;
  f->item[f->n++] = (cli_file){copy, base};
  return 0;
}

void cli_files_free(cli_files *f) {
  for (size_t i = 0; i < f->n; i++)
    free(f->item[i].path);
  free(f->item);
  memset(f, 0, sizeof *f);
}

static int has_suffix(const char *name, const char *suffix) {
  size_t n = strlen(name), s = strlen(suffix);
  return n > s && strcasecmp(name + n - s, suffix) == 0;
}

static int is_part_name(const char *name) {
  return name[0] != '_' && name[0] != '.' &&
         (has_suffix(name, ".csv") || has_suffix(name, ".tsv") ||
          has_suffix(name, ".txt"));
}

/* A Hive partition folder: key=value with a non-empty key. */
static int is_partition(const char *name) {
  const char *eq = strchr(name, '=');
  return eq && eq != name && name[0] != '_' && name[0] != '.';
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entry names of dir, sorted; NULL with errno set on failure. */
static char **list_dir(const char *dir, size_t *count) {
  DIR *d = opendir(dir);
  if (!d)
    return NULL;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  errno = 0;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 32;
      char **more = realloc(names, cap * sizeof *names);
      if (!more)
        goto fail;
      names = more;
    }
    if ((names[n] = strdup(e->d_name)) == NULL)
      goto fail;
    n++;
    errno = 0;
  }
  if (errno)
    goto fail;
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, by_name);
  *count = n;
  return names ? names : calloc(1, sizeof *names);
fail:;
  int saved = errno ? errno : ENOMEM;
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
  closedir(d);
  errno = saved;
  return NULL;
}

typedef struct walk {
  const cli_common *c;
  cli_files *out;
  size_t base;           /* length of the directory given, with its '/' */
  size_t left_out;       /* files that are not *.csv, *.tsv or *.txt */
  char first_left[4096]; /* the first of them */
} walk;

static char *join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  int slash = a && dir[a - 1] != '/';
  char *p = malloc(a + (size_t)slash + b + 1);
  if (p) {
    memcpy(p, dir, a);
    if (slash)
      p[a] = '/';
    memcpy(p + a + (size_t)slash, name, b + 1);
  }
  return p;
}

static int walk_dir(walk *w, const char *dir, int depth);

/* One entry of a directory being walked. */
static int walk_entry(walk *w, const char *dir, const char *name, int depth) {
  if (name[0] == '_' || name[0] == '.')
    return EXIT_OK;
  char *path = join(dir, name);
  if (!path)
    return cli_out_of_memory();
  struct stat st;
  int rc = EXIT_OK;
  if (stat(path, &st) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    rc = EXIT_IO;
  } else if (S_ISDIR(st.st_mode) && is_partition(name)) {
    rc = depth < MAX_DEPTH ? walk_dir(w, path, depth + 1) : EXIT_DATA;
    if (depth >= MAX_DEPTH)
      cli_error("%s: partition folders nested more than %d deep", path,
                MAX_DEPTH);
  } else if (S_ISDIR(st.st_mode)) {
    cli_error("%s: a folder in a data set directory must be a Hive "
              "partition (key=value) or start with '_' or '.'; name the "
              "folders to read as inputs",
              path);
    rc = EXIT_DATA;
  } else if (is_part_name(name)) {
    if (add_file(w->out, path, w->base))
      rc = cli_out_of_memory();
  } else if (w->left_out++ == 0) {
    snprintf(w->first_left, sizeof w->first_left, "%s", path);
  }
  free(path);
  return rc;
}

static int walk_dir(walk *w, const char *dir, int depth) {
  size_t n = 0;
  char **names = list_dir(dir, &n);
  if (!names) {
    if (errno == ENOMEM)
      return cli_out_of_memory();
    cli_error("%s: %s", dir, strerror(errno));
    return EXIT_IO;
  }
  int rc = EXIT_OK;
  for (size_t i = 0; i < n; i++) {
    if (rc == EXIT_OK)
      rc = walk_entry(w, dir, names[i], depth);
    free(names[i]);
  }
  free(names);
  return rc;
}

/* The files of directory dir, appended to out. */
static int expand_dir(const cli_common *c, const char *dir, cli_files *out) {
  size_t before = out->n, len = strlen(dir);
  walk w = {.c = c, .out = out, .base = len + (len && dir[len - 1] != '/')};
  int rc = walk_dir(&w, dir, 0);
  if (rc)
    return rc;
  if (out->n == before) {
    if (w.left_out)
      cli_error("%s: no data files: the directory holds no *.csv, *.tsv or "
                "*.txt file (%zu other file%s, such as %s; compressed "
                "files are not read)",
                dir, w.left_out, w.left_out == 1 ? "" : "s", w.first_left);
    else
      cli_error("%s: no data files: the directory holds no *.csv, *.tsv or "
                "*.txt file (names starting with '_' or '.' are passed "
                "over)",
                dir);
    return EXIT_DATA;
  }
  if (w.left_out)
    cli_warn(c,
             "%s: left out %zu file%s not named *.csv, *.tsv or *.txt "
             "(first: %s)",
             dir, w.left_out, w.left_out == 1 ? "" : "s", w.first_left);
  return EXIT_OK;
}

typedef struct file_key {
  dev_t dev;
  ino_t ino;
  size_t i;
} file_key;

static int by_file(const void *a, const void *b) {
  const file_key *x = a, *y = b;
  if (x->dev != y->dev)
    return x->dev < y->dev ? -1 : 1;
  if (x->ino != y->ino)
    return x->ino < y->ino ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* A data error when one regular file is among the inputs twice (a file
 * given beside the directory that holds it): its answers would count
 * twice. */
static int check_twice(const cli_files *f) {
  file_key *k = malloc((f->n ? f->n : 1) * sizeof *k);
  if (!k)
    return cli_out_of_memory();
  size_t m = 0;
  for (size_t i = 0; i < f->n; i++) {
    struct stat st;
    if (strcmp(f->item[i].path, "-") != 0 && stat(f->item[i].path, &st) == 0 &&
        S_ISREG(st.st_mode))
      k[m++] = (file_key){st.st_dev, st.st_ino, i};
  }
  qsort(k, m, sizeof *k, by_file);
  int rc = EXIT_OK;
  for (size_t i = 1; i < m && rc == EXIT_OK; i++)
    if (k[i].dev == k[i - 1].dev && k[i].ino == k[i - 1].ino) {
      cli_error("%s and %s are the same file: each input file may be read "
                "once",
                f->item[k[i - 1].i].path, f->item[k[i].i].path);
      rc = EXIT_DATA;
    }
  free(k);
  return rc;
}

int cli_files_expand(const cli_common *c, char *const *paths, size_t n,
                     cli_files *out) {
  memset(out, 0, sizeof *out);
  int rc = EXIT_OK;
  for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
    struct stat st;
    if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 &&
        S_ISDIR(st.st_mode))
      rc = expand_dir(c, paths[i], out);
    else if (add_file(out, paths[i], 0))
      rc = cli_out_of_memory();
  }
  if (rc == EXIT_OK && out->n > 1)
    rc = check_twice(out);
  if (rc)
    cli_files_free(out);
  return rc;
}

int cli_file_partition(const cli_file *f, const char *column, const char **key,
                       size_t *len) {
  size_t want = strlen(column);
  const char *p = f->path + f->base;
  for (const char *slash; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
    const char *eq = memchr(p, '=', (size_t)(slash - p));
    if (eq && (size_t)(eq - p) == want && strncasecmp(p, column, want) == 0) {
      *key = p;
      *len = (size_t)(slash - p);
      return 1;
    }
  }
  return 0;
}

const char *cli_inputs_name(cli_common *c, char *const *paths, size_t n) {
  if (n == 1)
    return paths[0];
  char buf[512];
  snprintf(buf, sizeof buf, "%s and %zu more", paths[0], n - 1);
  return cli_own(c, buf);
}

int cli_take_inputs(cli_common *c, int argc, char **argv, const char *what,
                    char *const **paths, size_t *n, const char **name) {
  if (optind >= argc)
    return cli_usage_error(c->command, "missing input %s", what);
  *paths = argv + optind;
  *n = (size_t)(argc - optind);
  int rc = cli_stdin_once(c->command, argv + optind, argc - optind);
  if (rc)
    return rc;
  if (!(*name = cli_inputs_name(c, *paths, *n)))
    return cli_out_of_memory();
  return 0;
}
