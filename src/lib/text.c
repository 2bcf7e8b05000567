/*
 * text.c - small helpers shared by the library's modules: UTF-8 decoding
 * and encoding, enum name tables, and the FNV-1a hash. Declared in
 * internal.h; not part of the public API.
 */
#include <string.h>

#include "internal.h"

size_t nps_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t need;
  uint32_t c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    need = 2;
    c &= 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 3;
    c &= 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    need = 4;
    c &= 0x07;
  } else {
    return 0;
  }
  if (len < need)
    return 0;
  for (size_t i = 1; i < need; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3Fu);
  }
  if (c < min[need] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return need;
}

size_t nps_utf8_encode(uint32_t c, char *out) {
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

int nps_utf8_valid(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t cp;
  for (size_t i = 0, k; i < len; i += k)
    if (!(k = u[i] < 0x80 ? 1 : nps_utf8_decode(u + i, len - i, &cp)))
      return 0;
  return 1;
}

const nps_name *nps_name_find(const nps_name *table, size_t n,
                              const char *name) {
  for (size_t i = 0; name && i < n; i++)
    if (strcmp(name, table[i].name) == 0)
      return &table[i];
  return NULL;
}

const nps_name *nps_name_of(const nps_name *table, size_t n, int value) {
  for (size_t i = 0; i < n; i++)
    if (table[i].value == value)
      return &table[i];
  return NULL;
}

nps_status nps_name_parse(const nps_name *table, size_t n, const char *name,
                          int *value) {
  const nps_name *row = nps_name_find(table, n, name);
  if (!row)
    return NPS_EINVAL;
  *value = row->value;
  return NPS_OK;
}

const char *nps_name_text(const nps_name *table, size_t n, int value,
                          int label) {
  const nps_name *row = nps_name_of(table, n, value);
  if (!row)
    return "unknown";
  return label ? row->label : row->name;
}

uint64_t nps_fnv1a(uint64_t h, const void *p, size_t len) {
  const unsigned char *s = p;
  for (size_t i = 0; i < len; i++) {
    h ^= s[i];
    h *= 1099511628211u;
  }
  return h;
}
