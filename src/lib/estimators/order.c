/*
 * order.c - row orders: by NPS, n, key bytes, natural order of labels with
 * numbers, first appearance, or an explicit list.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nps/order.h"

static const nps_name orders[] = {
    {"name", NPS_ORDER_NAME, NULL}, {"nps", NPS_ORDER_NPS, NULL},
    {"n", NPS_ORDER_N, NULL},       {"natural", NPS_ORDER_NATURAL, NULL},
    {"file", NPS_ORDER_FILE, NULL}, {"values", NPS_ORDER_VALUES, NULL},
};

nps_status nps_order_parse(const char *name, nps_order_by *out) {
  int v;
  /* the list order is given by its values, not by name */
  nps_status st = nps_name_parse(orders, NPS_COUNT_OF(orders) - 1, name, &v);
  if (st == NPS_OK)
    *out = (nps_order_by)v;
  return st;
}

const char *nps_order_name(nps_order_by by) {
  return nps_name_text(orders, NPS_COUNT_OF(orders), (int)by, 0);
}

static int starts(const char *s, size_t len, const char *prefix) {
  size_t n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0;
}

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* The label's rank: its first number, nudged by a quarter of a unit of
 * its last digit below ("<50") or above ("500+"); 0 when it has none. */
static int label_number(const char *s, size_t len, double *x) {
  size_t i = 0;
  while (i < len && !is_digit(s[i]))
    i++;
  if (i == len)
    return 0;
  double v = 0.0, scale = 1.0;
  for (; i < len && is_digit(s[i]); i++)
    v = 10.0 * v + (s[i] - '0');
  if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1]))
    for (i++; i < len && is_digit(s[i]); i++)
      v += (s[i] - '0') * (scale /= 10.0);
  double nudge = scale / 4.0;
  if (starts(s, len, "<") || starts(s, len, "\xe2\x89\xa4") ||
      starts(s, len, "under ") || starts(s, len, "\xd0\xb4\xd0\xbe "))
    v -= nudge;
  else if ((i < len && s[i] == '+') || starts(s, len, ">") ||
           starts(s, len, "\xe2\x89\xa5") || starts(s, len, "over "))
    v += nudge;
  *x = v;
  return 1;
}

int nps_natural_compare(const char *a, size_t alen, const char *b,
                        size_t blen) {
  double x, y;
  int hx = label_number(a, alen, &x), hy = label_number(b, blen, &y);
  if (hx != hy)
    return hx ? -1 : 1;
  if (hx && x != y)
    return x < y ? -1 : 1;
  return nps_key_compare(a, alen, b, blen);
}

/* Position of the key's first component in the listed values, or n. */
static size_t listed(const nps_order *o, const nps_order_item *it) {
  const char *p;
  size_t len;
  nps_key_part(it->key, it->key_len, 0, &p, &len);
  for (size_t i = 0; i < o->n_values; i++)
    if (strlen(o->values[i]) == len && memcmp(o->values[i], p, len) == 0)
      return i;
  return o->n_values;
}

/* qsort has no context argument: each item carries the order. */
typedef struct sort_item {
  nps_order_item item;
  nps_order_by by;
  size_t pos;  /* input position, for stability */
  size_t rank; /* NPS_ORDER_VALUES: position in the list */
} sort_item;

static int compare_items(const void *pa, const void *pb) {
  const sort_item *a = pa, *b = pb;
  const nps_order_item *x = &a->item, *y = &b->item;
  int c = 0;
  switch (a->by) {
  case NPS_ORDER_NPS:
    c = (x->nps < y->nps) - (x->nps > y->nps);
    break;
  case NPS_ORDER_N:
    c = (x->n < y->n) - (x->n > y->n);
    break;
  case NPS_ORDER_NAME:
    c = nps_key_compare(x->key, x->key_len, y->key, y->key_len);
    break;
  case NPS_ORDER_FILE:
    c = (x->first_seen > y->first_seen) - (x->first_seen < y->first_seen);
    break;
  case NPS_ORDER_VALUES:
    c = (a->rank > b->rank) - (a->rank < b->rank);
    break;
  case NPS_ORDER_NATURAL:
    break;
  }
  if (!c)
    c = nps_natural_compare(x->key, x->key_len, y->key, y->key_len);
  return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

nps_status nps_order_sort(const nps_order *o, nps_order_item *items, size_t n) {
  if (nps_name_of(orders, NPS_COUNT_OF(orders), (int)o->by) == NULL)
    return NPS_EINVAL;
  if (n < 2)
    return NPS_OK;
  sort_item *v = n <= SIZE_MAX / sizeof *v ? malloc(n * sizeof *v) : NULL;
  if (!v)
    return NPS_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    v[i] = (sort_item){items[i], o->by, i, 0};
    if (o->by == NPS_ORDER_VALUES)
      v[i].rank = listed(o, &items[i]);
  }
  qsort(v, n, sizeof *v, compare_items);
  for (size_t i = 0; i < n; i++)
    items[i] = v[i].item;
  free(v);
  return NPS_OK;
}
