/* core/soc.h — job types: the 412 unit groups of the ONS Standard Occupational
 * Classification 2020 (4-digit codes), shipped as data (data/soc2020.csv, source in
 * docs/data-sources.md). Pure: the table is compiled into the binary; no I/O. */
#ifndef IPS_SOC_H
#define IPS_SOC_H
#include <stdbool.h>
#include <stddef.h>

/* The title of a unit group ("9263" -> "Kitchen and catering assistants"); NULL when
 * code4 is not exactly the four digits of a SOC 2020 unit group. Static storage. */
const char *soc_title(const char *code4);

/* Every unit group in code order, for pick lists: i from 0 to soc_count() - 1; NULL
 * past the end. */
size_t soc_count(void);
const char *soc_code_at(size_t i);
const char *soc_title_at(size_t i);

/* Whether two unit groups share a minor group (their first three digits): e.g. 9263
 * and 9264 are both "elementary catering occupations". False unless both are known
 * unit groups. */
bool soc_same_minor_group(const char *a, const char *b);

/* The compiled-in table, generated from data/soc2020.csv by scripts/gen_soc2020.sh
 * (build dir gen/soc2020.c): ascending by code, one row each. */
struct soc_row {
	char code[5];
	const char *title;
};
extern const struct soc_row soc2020_table[];
extern const size_t soc2020_count;

#endif
