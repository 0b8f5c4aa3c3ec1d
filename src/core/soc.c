/* core/soc.c — SOC 2020 unit groups (job types): look-up by code, iteration for pick
 * lists, and the minor-group relation used in matching. Pure: the generated table
 * only; an unknown code is an answer (NULL / false), never an error. */
#include "core/soc.h"
#include <string.h>

static const struct soc_row *find(const char *code4)
{
	if (!code4 || strlen(code4) != 4)
		return NULL;
	for (int i = 0; i < 4; i++)
		if (code4[i] < '0' || code4[i] > '9')
			return NULL;
	size_t lo = 0, hi = soc2020_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = memcmp(code4, soc2020_table[mid].code, 4);
		if (cmp == 0)
			return &soc2020_table[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *soc_title(const char *code4)
{
	const struct soc_row *r = find(code4);
	return r ? r->title : NULL;
}

size_t soc_count(void)
{
	return soc2020_count;
}

const char *soc_code_at(size_t i)
{
	return i < soc2020_count ? soc2020_table[i].code : NULL;
}

const char *soc_title_at(size_t i)
{
	return i < soc2020_count ? soc2020_table[i].title : NULL;
}

bool soc_same_minor_group(const char *a, const char *b)
{
	const struct soc_row *ra = find(a), *rb = find(b);
	return ra && rb && memcmp(ra->code, rb->code, 3) == 0;
}
