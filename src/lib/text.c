/*
 * text.c - small helpers shared by the library's modules: UTF-8 decoding
 * and encoding, enum name tables, and the FNV-1a hash. Declared in
 * internal.h; not part of the public API. Also the one rule for showing
 * untrusted text visibly, nps_text_escape (public, text.h).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "nps/text.h"

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

/* Code points shown as \u escapes (text.h lists them): C1 controls, spaces
 * that look like U+0020, and invisible or direction-changing characters. */
static const uint32_t hidden[][2] = {
    {0x80, 0xA0},       {0xAD, 0xAD},       {0x34F, 0x34F},
    {0x61C, 0x61C},     {0x115F, 0x1160},   {0x17B4, 0x17B5},
    {0x180E, 0x180F},   {0x2000, 0x200F},   {0x2028, 0x202F},
    {0x205F, 0x206F},   {0x3164, 0x3164},   {0xFEFF, 0xFEFF},
    {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE007F},
};

static int is_hidden(uint32_t cp) {
  for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
    if (cp >= hidden[i][0] && cp <= hidden[i][1])
      return 1;
  return 0;
}

size_t nps_text_escape(const char *s, size_t len, char esc[NPS_TEXT_ESC_MAX],
                       size_t *used) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t cp = u[0];
  size_t n = u[0] < 0x80 ? 1 : nps_utf8_decode(u, len, &cp);
  *used = n ? n : 1;
  if (n == 0 || cp < 0x20 || cp == 0x7F) {
    const char *c = cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\t";
    if (n && (cp == '\n' || cp == '\r' || cp == '\t'))
      return (size_t)snprintf(esc, NPS_TEXT_ESC_MAX, "%s", c);
    return (size_t)snprintf(esc, NPS_TEXT_ESC_MAX, "\\x%02X", u[0]);
  }
  if (!is_hidden(cp))
    return 0;
  if (cp > 0xFFFF)
    return (size_t)snprintf(esc, NPS_TEXT_ESC_MAX, "\\U%08X", (unsigned)cp);
  return (size_t)snprintf(esc, NPS_TEXT_ESC_MAX, "\\u%04X", (unsigned)cp);
}
