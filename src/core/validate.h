/* core/validate.h — field rules shared by the web forms, the JSON API and CSV import
 * (spec/interchange.md). Each returns true when the value is acceptable, or a message
 * a person can act on through *why (a static string). No I/O. */
#ifndef IPS_VALIDATE_H
#define IPS_VALIDATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A code or ref: 1-64 bytes, each from '!' to '~'. */
bool valid_ref(const char *s, const char **why);
/* Refs made by ipsdesk start "ipsdesk-"; an import may not use them. */
bool ref_is_reserved(const char *s);
/* [0-9]+(\.[0-9]{1,2})? into hundredths (e.g. "6.5" -> 650). Refuses more than
 * 9 integer digits. */
bool parse_hundredths(const char *s, int64_t *out, const char **why);
/* Shortest form of hundredths: 700 -> "7", 650 -> "6.5", 625 -> "6.25" (out: 24 bytes). */
void format_hundredths(int64_t v, char *out);
/* Pounds from pence, always two decimals: 1150 -> "11.50" (out: 24 bytes). */
void format_pence(int64_t pence, char *out);
/* [0-9]+ with at most 9 digits. */
bool parse_count(const char *s, int64_t *out, const char **why);
/* What is wrong with a piece of free text, the first found in this order: not valid
 * UTF-8 (overlong forms, surrogates and code points above U+10FFFF included); a line
 * break or tab in a one-line field, or another control character; nothing but spaces
 * (or empty, or NULL); longer than max bytes. */
enum text_problem {
	TEXT_OK = 0,
	TEXT_NOT_UTF8,
	TEXT_LINE_BREAK,
	TEXT_CONTROL,
	TEXT_BLANK,
	TEXT_TOO_LONG,
};
enum text_problem text_check(const char *s, int max, bool multiline);
/* True when the n bytes at s are valid UTF-8 (Unicode Table 3-7). The CSV reader and
 * the form decoder refuse the same bytes; this copy keeps core/ free of util/. */
bool text_utf8_valid(const char *s, size_t n);
/* Required free text that only ipsdesk carries (notes, addresses, profile): refuses
 * every text_check problem. For a field the CSV carries (names, postcodes), refuse
 * only TEXT_NOT_UTF8, as the import does, and warn about the rest. */
bool valid_text(const char *s, int max, bool multiline, const char **why);
/* UK postcode, strictly: Royal Mail's outward and inward shapes, letters, digits and
 * one optional space, normalised to upper case with a single space before the last
 * three characters (out: 9 bytes). The CSV takes any text as a postcode, so a front
 * door that refuses on this must only warn. */
bool postcode_normalise(const char *s, char out[9], const char **why);
/* A plausible email address (one '@', a dot in the domain, no spaces, <= 254 bytes). */
bool valid_email(const char *s, const char **why);
/* A UK phone number: digits, spaces, '+', '(', ')', '-', 10-15 digits in all. */
bool valid_phone(const char *s, const char **why);

#endif
