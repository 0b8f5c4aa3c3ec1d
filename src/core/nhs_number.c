/* core/nhs_number.c — NHS number check digit (Modulus 11, NHS Data Dictionary:
 * weights 10..2 over digits 1-9, check = 11 - sum mod 11, 11 -> 0, 10 -> invalid).
 * Pure functions: no I/O, no allocation. */
#include "core/nhs_number.h"
#include <string.h>

int nhs_number_check_digit(const char *digits9)
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		if (digits9[i] < '0' || digits9[i] > '9')
			return -1;
		sum += (digits9[i] - '0') * (10 - i);
	}
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check == 10 ? -1 : check;
}

bool nhs_number_valid(const char *digits10)
{
	if (!digits10 || strlen(digits10) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (digits10[i] < '0' || digits10[i] > '9')
			return false;
	int check = nhs_number_check_digit(digits10);
	return check >= 0 && check == digits10[9] - '0';
}

enum nhs_number_problem nhs_number_normalise(const char *in, char out[11])
{
	size_t n = 0;
	out[0] = '\0';
	if (!in)
		return NHS_NUMBER_NOT_10_DIGITS;
	for (const char *p = in; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == 10) {
			out[0] = '\0'; /* digits copied so far would leave out unterminated */
			return NHS_NUMBER_NOT_10_DIGITS;
		}
		out[n++] = *p;
	}
	if (n != 10) {
		out[0] = '\0';
		return NHS_NUMBER_NOT_10_DIGITS;
	}
	out[10] = '\0';
	if (!nhs_number_valid(out)) {
		out[0] = '\0';
		return NHS_NUMBER_CHECK_DIGIT;
	}
	return NHS_NUMBER_OK;
}

void nhs_number_format(const char *d, char out[13])
{
	if (!d || strlen(d) != 10) {
		out[0] = '\0';
		return;
	}
	memcpy(out, d, 3);
	out[3] = ' ';
	memcpy(out + 4, d + 3, 3);
	out[7] = ' ';
	memcpy(out + 8, d + 6, 4);
	out[12] = '\0';
}
