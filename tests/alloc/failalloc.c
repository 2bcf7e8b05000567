/*
 * failalloc.c - makes one chosen allocation fail, for the allocation-failure
 * runs of the CLI (run_alloc.sh).
 *
 * The test program nps-stat-allocfail is linked from the CLI and library
 * sources (and libcsv's static archive) with
 *   -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
 * so that every such call in that code comes here. The calls are numbered
 * from 1 in the order they happen; with NPS_ALLOC_FAIL_AT=k in the
 * environment, call k returns NULL (errno ENOMEM) instead of allocating.
 * Allocations inside the C library and GSL (shared libraries) are not
 * numbered. At exit, the number of calls seen is written to the file named
 * by NPS_ALLOC_COUNT_FILE, if set, so that the driver knows whether call k
 * happened at all. With NPS_ALLOC_BACKTRACE=1, the failing call prints
 * where it was made (sanitizer builds only: their stack printer).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* From the sanitizer runtime, when linked in. */
extern void __sanitizer_print_stack_trace(void) __attribute__((weak));

static unsigned long calls;   /* allocation calls so far */
static unsigned long fail_at; /* the call to fail; 0: none */
static int configured;

static void configure(void) {
  const char *s = getenv("NPS_ALLOC_FAIL_AT");
  fail_at = s ? strtoul(s, NULL, 10) : 0;
  configured = 1;
}

/* Counts a call; nonzero when it is the one to fail. The reader may run
 * threads on large files, so the counter is atomic. */
static int fail_now(void) {
  if (!configured)
    configure();
  unsigned long n = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
  if (n != fail_at)
    return 0;
  const char *trace = getenv("NPS_ALLOC_BACKTRACE");
  if (trace && *trace == '1' && __sanitizer_print_stack_trace) {
    fprintf(stderr, "failalloc: failing allocation call %lu\n", n);
    __sanitizer_print_stack_trace();
  }
  errno = ENOMEM;
  return 1;
}

void *__wrap_malloc(size_t size) {
  return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size) {
  return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size) {
  return fail_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s) {
  return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n) {
  return fail_now() ? NULL : __real_strndup(s, n);
}

__attribute__((destructor)) static void write_count(void) {
  const char *path = getenv("NPS_ALLOC_COUNT_FILE");
  if (!path)
    return;
  FILE *f = fopen(path, "w");
  if (!f)
    return;
  fprintf(f, "%lu\n", __atomic_load_n(&calls, __ATOMIC_SEQ_CST));
  fclose(f);
}
