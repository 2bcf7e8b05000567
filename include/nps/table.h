/*
 * table.h - the grouping engine: group keys to score histograms.
 *
 * A table maps a key (the values of the grouping columns of a row, joined by
 * NPS_KEY_SEP) to one histogram and a tally of missing answers. Memory is
 * O(groups), never O(rows). Tables merge by addition, so chunks of a file
 * read on several threads end in the same result as one pass.
 *
 * Groups are kept in first-seen order; nps_table_sort orders them by key.
 */
#ifndef NPS_TABLE_H
#define NPS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "hist.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Separates the components of a multi-column key (ASCII unit separator). */
#define NPS_KEY_SEP '\x1f'

/* Default limit on distinct groups. */
#define NPS_TABLE_DEFAULT_MAX_GROUPS 10000

typedef struct nps_group {
  const char *key; /* NUL-terminated, owned by the table */
  size_t key_len;  /* bytes, without the terminating NUL */
  nps_hist hist;
  uint64_t missing; /* answers left out as missing (empty or NA) */
} nps_group;

typedef struct nps_table nps_table;

/* A new empty table that refuses more than max_groups distinct keys
 * (0 means NPS_TABLE_DEFAULT_MAX_GROUPS). NULL when out of memory. */
NPS_API nps_table *nps_table_new(size_t max_groups);

/* Frees t and its keys. nps_table_free(NULL) is a no-op. */
NPS_API void nps_table_free(nps_table *t);

/* The group with this key, created empty when new. key need not be
 * NUL-terminated. NPS_EGROUPS when creating it would pass max_groups,
 * NPS_ENOMEM when out of memory. *out stays valid until the next call that
 * creates a group or sorts. */
NPS_API nps_status nps_table_get(nps_table *t, const char *key, size_t key_len,
                                 nps_group **out);

/* Adds count answers of score (0..10) to the group key. NPS_EOVERFLOW when
 * the table's answers would pass 2^64 - 1 in all (so that no group's n
 * and no total of groups can overflow); NPS_EINVAL for a bad score. */
NPS_API nps_status nps_table_add(nps_table *t, const char *key, size_t key_len,
                                 int score, uint64_t count);

/* Adds count missing answers to the group key. */
NPS_API nps_status nps_table_add_missing(nps_table *t, const char *key,
                                         size_t key_len, uint64_t count);

/* Adds every group of src into dst; NPS_EOVERFLOW (dst unchanged) when
 * their answers together would pass 2^64 - 1. */
NPS_API nps_status nps_table_merge(nps_table *dst, const nps_table *src);

/* Number of groups. */
NPS_API size_t nps_table_size(const nps_table *t);

/* The most groups t accepts (as given to nps_table_new, or the default). */
NPS_API size_t nps_table_max_groups(const nps_table *t);

/* Group i (0 <= i < size), in first-seen order or sorted order. */
NPS_API const nps_group *nps_table_group(const nps_table *t, size_t i);

/* The order of keys: by bytes (memcmp), shorter first on a common prefix;
 * <0, 0 or >0 as strcmp. */
NPS_API int nps_key_compare(const char *a, size_t alen, const char *b,
                            size_t blen);

/* Orders groups by key (nps_key_compare). */
NPS_API void nps_table_sort(nps_table *t);

/* The sum of all groups: histogram and missing tally. */
NPS_API void nps_table_total(const nps_table *t, nps_hist *hist,
                             uint64_t *missing);

/* Component k (from 0) of a group key of len bytes whose components are
 * separated by NPS_KEY_SEP: nonzero when the key has that component, with
 * its bytes in *part and *part_len (either may be NULL); zero otherwise,
 * with *part at the key's end and *part_len 0. Callers never split keys
 * themselves. */
NPS_API int nps_key_part(const char *key, size_t len, size_t k,
                         const char **part, size_t *part_len);

#ifdef __cplusplus
}
#endif
#endif
