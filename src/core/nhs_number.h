/* core/nhs_number.h — NHS number rules (NHS Data Dictionary): 10 digits, the last a
 * Modulus 11 check digit over the first nine with weights 10..2. */
#ifndef IPS_NHS_NUMBER_H
#define IPS_NHS_NUMBER_H
#include <stdbool.h>

enum nhs_number_problem {
	NHS_NUMBER_OK = 0,
	NHS_NUMBER_NOT_10_DIGITS = -1,  /* after removing spaces: not exactly ten digits */
	NHS_NUMBER_CHECK_DIGIT = -2,    /* ten digits, but the check digit fails */
};

/* True when digits10 is exactly ten ASCII digits with a valid check digit. */
bool nhs_number_valid(const char *digits10);
/* Removes every space from in, then checks it. On NHS_NUMBER_OK out holds the ten
 * digits and a NUL; otherwise out is "". */
enum nhs_number_problem nhs_number_normalise(const char *in, char out[11]);
/* "943 476 5919" from ten digits (out: 13 bytes). */
void nhs_number_format(const char *digits10, char out[13]);
/* Check digit for nine digits (0-9), or -1 when no valid number starts with them (10). */
int nhs_number_check_digit(const char *digits9);

#endif
