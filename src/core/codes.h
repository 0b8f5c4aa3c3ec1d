/* core/codes.h — the code lists of the interchange spec and MHSDS, each with the
 * plain-English label shown on screens. The codes are what is stored and exchanged;
 * the labels are for people. A list ends with {NULL, NULL}. */
#ifndef IPS_CODES_H
#define IPS_CODES_H
#include <stdbool.h>

struct code {
	const char *code;
	const char *label;
};

extern const struct code CODES_ROLE[];             /* specialist ... commissioner */
extern const struct code CODES_SOURCE[];           /* gp, mental_health_professional, self, other */
extern const struct code CODES_EMPLOYMENT[];       /* MHSDS 01-08, ZZ */
extern const struct code CODES_CLOSE_REASON[];     /* person_choice ... other (no "unsuitable") */
extern const struct code CODES_CONTACT_WITH[];     /* client, employer, clinical_team, family */
extern const struct code CODES_MODE[];             /* face_to_face ... letter */
extern const struct code CODES_PLACE[];            /* community, office */
extern const struct code CODES_GENDER[];           /* 1 2 3 4 X Z */
extern const struct code CODES_ETHNIC[];           /* A ... Z, 99 */
extern const struct code CODES_DISCLOSURE[];       /* disclosure preference */
extern const struct code CODES_YESNO[];            /* yes, no */

/* True when s is exactly one of the list's codes (case-sensitive). NULL is false. */
bool code_valid(const struct code *list, const char *s);
/* The label for s, or s itself when it is not in the list, or "" for NULL. */
const char *code_label(const struct code *list, const char *s);
/* True for face_to_face, phone, video: with attended and with = client, a direct
 * contact (MHSDS). */
bool code_mode_is_direct(const char *mode);

#endif
