/*
 * replay.c - runs a fuzz harness over saved inputs without libFuzzer, so
 * that the corpus is an ordinary test in every build (gcc included) and the
 * sanitizer build checks it.
 *
 * Usage: HARNESS_replay PATH...   (files, or folders whose files are read)
 *
 * Each input goes to LLVMFuzzerTestOneInput once. A crash or a sanitizer
 * report fails the test; so does finding no input at all.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t cap = 4096, len = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    len += fread(buf + len, 1, cap - len, f);
    if (len < cap)
      break;
    unsigned char *bigger = realloc(buf, cap *= 2);
    if (!bigger)
      free(buf);
    buf = bigger;
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    fprintf(stderr, "replay: %s: cannot read\n", path);
    free(buf);
    return -1;
  }
  /* An exact-size copy, so that reading past the input is caught. */
  unsigned char *exact = malloc(len ? len : 1);
  if (!exact) {
    free(buf);
    return -1;
  }
  memcpy(exact, buf, len);
  free(buf);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  return 0;
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv) {
  size_t runs = 0;
  int failed = 0;
  for (int a = 1; a < argc; a++) {
    if (!is_dir(argv[a])) {
      failed |= run_file(argv[a]) != 0;
      runs++;
      continue;
    }
    DIR *d = opendir(argv[a]);
    if (!d) {
      fprintf(stderr, "replay: %s: %s\n", argv[a], strerror(errno));
      failed = 1;
      continue;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
      if (e->d_name[0] == '.')
        continue;
      size_t n = strlen(argv[a]) + strlen(e->d_name) + 2;
      char *path = malloc(n);
      if (!path) {
        failed = 1;
        break;
      }
      snprintf(path, n, "%s/%s", argv[a], e->d_name);
      if (!is_dir(path)) {
        failed |= run_file(path) != 0;
        runs++;
      }
      free(path);
    }
    closedir(d);
  }
  printf("replay: %zu inputs\n", runs);
  if (runs == 0) {
    fprintf(stderr, "replay: no input found\n");
    return 1;
  }
  return failed;
}
