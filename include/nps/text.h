/*
 * text.h - showing untrusted text safely in messages and terminal tables.
 *
 * Column names, cell values and file names come from outside and may hold
 * bytes that are not UTF-8, control characters that move the cursor or
 * recolour a terminal (ESC), and characters that print as nothing or as an
 * ordinary space (U+200B ZERO WIDTH SPACE, U+00A0 NO-BREAK SPACE) or turn
 * the text around (U+202E RIGHT-TO-LEFT OVERRIDE). The library's messages
 * show such characters as visible escapes, and a program printing names
 * itself can use the same rule through nps_text_escape. The escapes are
 * plain ASCII, so text that was escaped once passes a second time
 * unchanged.
 */
#ifndef NPS_TEXT_H
#define NPS_TEXT_H

#include <stddef.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest escape nps_text_escape writes, with its terminating NUL. */
#define NPS_TEXT_ESC_MAX 12

/* Looks at the character that starts s (len > 0 bytes) and sets *used to
 * the number of bytes it takes (1 for a byte that does not start a valid
 * UTF-8 sequence). Returns 0 when the character is shown as it is.
 * Otherwise writes its visible escape, NUL-terminated, into esc and returns
 * the escape's length (which is also its width on a terminal):
 *
 *   \n \r \t              those three controls;
 *   \xHH                  any other C0 control, DEL (\x7F), and each byte
 *                         that is not part of valid UTF-8 (\xFF);
 *   \uHHHH, \UHHHHHHHH    C1 controls (U+0080..U+009F), spaces other than
 *                         U+0020 and U+3000 (U+00A0, U+2000..U+200A,
 *                         U+202F, U+205F), and characters that are invisible
 *                         or change the text's direction: U+00AD, U+034F,
 *                         U+061C, U+115F, U+1160, U+17B4, U+17B5, U+180E,
 *                         U+180F, U+200B..U+200F, U+2028..U+202E,
 *                         U+2060..U+206F, U+3164, U+FEFF, U+FFA0,
 *                         U+FFF0..U+FFFB, U+1BCA0..U+1BCA3,
 *                         U+1D173..U+1D17A, U+E0000..U+E007F.
 *
 * Hex digits are upper case. A backslash itself is shown as it is. */
NPS_API size_t nps_text_escape(const char *s, size_t len,
                               char esc[NPS_TEXT_ESC_MAX], size_t *used);

#ifdef __cplusplus
}
#endif
#endif
