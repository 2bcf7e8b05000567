/*
 * order.h - the order in which an analysis lists its groups.
 *
 * Group keys are text from the data ("app", "north / retail", "200-499").
 * A row order is one of: by NPS (highest first), by n (largest first), by
 * key bytes, natural (labels with numbers by their numbers), as first seen
 * in the input, or an explicit list of values.
 */
#ifndef NPS_ORDER_H
#define NPS_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nps_order_by {
  NPS_ORDER_NAME,    /* key bytes (memcmp), shorter first on a prefix */
  NPS_ORDER_NPS,     /* NPS, highest first; ties by natural order */
  NPS_ORDER_N,       /* answers, most first; ties by natural order */
  NPS_ORDER_NATURAL, /* nps_natural_compare */
  NPS_ORDER_FILE,    /* first appearance in the input */
  NPS_ORDER_VALUES   /* the listed values first, in list order; the rest
                        after them in natural order */
} nps_order_by;

typedef struct nps_order {
  nps_order_by by;
  const char *const *values; /* NPS_ORDER_VALUES: the first key component
                                of each listed row, in order */
  size_t n_values;
} nps_order;

/* Parses "name", "nps", "n", "natural", "file" (not "values": a list is
 * given as values). NPS_EINVAL for any other word. */
NPS_API nps_status nps_order_parse(const char *name, nps_order_by *out);

/* The name of by, as nps_order_parse accepts it ("values" for
 * NPS_ORDER_VALUES). */
NPS_API const char *nps_order_name(nps_order_by by);

/* Natural order of two labels: a label with a number sorts by its first
 * number (digits with an optional '.' fraction), before every label
 * without one. A label that starts with '<', '≤', "under " or "до " sorts
 * just below its number, one with '+' right after the number or starting
 * with '>', '≥' or "over " just above, so "<50", "50-199", "200-499",
 * "500+" come in that order. Labels without numbers, and ties, compare by
 * bytes. Returns <0, 0 or >0 as strcmp does. */
NPS_API int nps_natural_compare(const char *a, size_t alen, const char *b,
                                size_t blen);

/* One row to order: its key, the order of its first appearance, its NPS
 * and n. */
typedef struct nps_order_item {
  const char *key;
  size_t key_len;
  size_t first_seen;
  double nps;
  uint64_t n;
  size_t index; /* the caller's index of the row, carried along */
} nps_order_item;

/* Sorts items[0..n) by o (stable: equal items keep their order).
 * NPS_EINVAL for an unknown order; NPS_ENOMEM. */
NPS_API nps_status nps_order_sort(const nps_order *o, nps_order_item *items,
                                  size_t n);

#ifdef __cplusplus
}
#endif
#endif
