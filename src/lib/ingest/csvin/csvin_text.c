/*
 * csvin_text.c - the reader's byte and message helpers: trimming, case
 * folding, showing cell text safely in a message, message building and
 * hints.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "csvin_internal.h"
#include "nps/text.h"

int nps_csv_is_blank(unsigned char c) {
  return c == ' ' || c == '\t';
}

void nps_csv_trim(const char **s, size_t *len) {
  const char *p = *s;
  size_t n = *len;
  while (n && nps_csv_is_blank((unsigned char)p[0]))
    p++, n--;
  while (n && nps_csv_is_blank((unsigned char)p[n - 1]))
    n--;
  *s = p;
  *len = n;
}

int nps_csv_is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

int nps_csv_bytes_equal(const char *a, size_t alen, const char *b) {
  return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

/* Writes s for a message into out (cap >= 8 bytes): at most limit input
 * bytes, each character nps_text_escape escapes shown by its escape, "..."
 * when cut. */
void nps_csv_show(char *out, size_t cap, const char *s, size_t len,
                  size_t limit) {
  size_t o = 0, i = 0;
  while (i < len && i < limit) {
    char unit[NPS_TEXT_ESC_MAX];
    size_t adv, ulen = nps_text_escape(s + i, len - i, unit, &adv);
    const char *from = ulen ? unit : s + i;
    if (!ulen)
      ulen = adv;
    if (o + ulen + 4 > cap)
      break;
    memcpy(out + o, from, ulen);
    o += ulen;
    i += adv;
  }
  if (i < len)
    memcpy(out + o, "...", 3), o += 3;
  out[o] = '\0';
}

/* Lower-cases ASCII and Cyrillic letters of UTF-8 s into out (len bytes:
 * both cases of a Cyrillic letter take two bytes). */
void nps_csv_fold(const char *s, size_t len, char *out) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned char *o = (unsigned char *)out;
  for (size_t i = 0; i < len; i++) {
    unsigned c = u[i];
    if (c >= 'A' && c <= 'Z') {
      o[i] = (unsigned char)(c + 32);
    } else if (c == 0xD0 && i + 1 < len && u[i + 1] >= 0x80 &&
               u[i + 1] <= 0xAF) {
      unsigned d = u[i + 1]; /* U+0400..U+042F */
      if (d < 0x90)
        o[i] = 0xD1, o[i + 1] = (unsigned char)(d + 0x10);
      else if (d < 0xA0)
        o[i] = 0xD0, o[i + 1] = (unsigned char)(d + 0x20);
      else
        o[i] = 0xD1, o[i + 1] = (unsigned char)(d - 0x20);
      i++;
    } else {
      o[i] = (unsigned char)c;
    }
  }
}

int nps_csv_contains(const char *hay, size_t hlen, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= hlen; i++)
    if (memcmp(hay + i, needle, n) == 0)
      return 1;
  return 0;
}

/* Ends s before a UTF-8 sequence that a cut left incomplete at its end. */
static void drop_partial_utf8(char *s) {
  size_t i = strlen(s), cont = 0;
  while (i && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && cont < 3)
    i--, cont++;
  unsigned char lead = i ? (unsigned char)s[i - 1] : 0;
  size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (lead >= 0xC0 && cont < need)
    s[i - 1] = '\0';
}

/* A message too long for buf is cut at a character boundary. */
void nps_csv_vformat(char *buf, size_t cap, const char *fmt, va_list ap) {
  int n = vsnprintf(buf, cap, fmt, ap);
  if (n < 0)
    buf[0] = '\0';
  else if ((size_t)n >= cap)
    drop_partial_utf8(buf);
}

void nps_csv_append(char *buf, size_t cap, const char *fmt, ...) {
  size_t used = strlen(buf);
  if (used + 1 >= cap)
    return;
  va_list ap;
  va_start(ap, fmt);
  nps_csv_vformat(buf + used, cap - used, fmt, ap);
  va_end(ap);
}

/* Copies the string src into out (cap >= 4 bytes), cut at a UTF-8
 * character boundary and ended with "..." when it does not fit. */
/* Records that hint's advice goes at the current end of msg. */
void nps_csv_add_hint(nps_csvin_hints *h, const char *msg,
                      nps_csvin_hint hint) {
  if (h->n == NPS_CSVIN_MAX_HINTS)
    return;
  h->item[h->n].code = hint;
  h->item[h->n].at = strlen(msg);
  h->n++;
}

void nps_csv_copy_cut(char *out, size_t cap, const char *src) {
  size_t len = strlen(src);
  if (len < cap) {
    memcpy(out, src, len + 1);
    return;
  }
  len = cap - 4;
  while (len && ((unsigned char)src[len] & 0xC0) == 0x80)
    len--;
  memcpy(out, src, len);
  memcpy(out + len, "...", 4);
}

void nps_csv_set_message(nps_csvin_error *err, const char *fmt, va_list ap) {
  memset(&err->hints, 0, sizeof err->hints);
  nps_csv_vformat(err->message, sizeof err->message, fmt, ap);
}
