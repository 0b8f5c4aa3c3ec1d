/* core/codes.c — the code lists of spec/interchange.md and the MHSDS, with the labels
 * screens show. Stored and exchanged values are the codes; never store a label. */
#include "core/codes.h"
#include <string.h>

const struct code CODES_ROLE[] = {
	{"specialist", "Employment specialist"},
	{"team_leader", "Team leader"},
	{"clinician", "Clinician"},
	{"admin", "Administrator"},
	{"auditor", "Auditor"},
	{"reviewer", "Fidelity reviewer"},
	{"commissioner", "Commissioner"},
	{NULL, NULL},
};

const struct code CODES_SOURCE[] = {
	{"gp", "GP"},
	{"mental_health_professional", "Mental health professional"},
	{"self", "Self-referral"},
	{"other", "Other"},
	{NULL, NULL},
};

/* MHSDS MHS004 employment status. */
const struct code CODES_EMPLOYMENT[] = {
	{"01", "Employed (including self-employed and permitted work)"},
	{"02", "Unemployed and actively seeking work"},
	{"03", "Student"},
	{"04", "Long-term sick or disabled, receiving benefits"},
	{"05", "Homemaker"},
	{"06", "Not receiving benefits and not seeking work"},
	{"07", "Unpaid voluntary work"},
	{"08", "Retired"},
	{"ZZ", "Not stated"},
	{NULL, NULL},
};

/* Zero exclusion (DOMAIN.md principle 2): there is deliberately no "unsuitable". */
const struct code CODES_CLOSE_REASON[] = {
	{"person_choice", "The person chose to leave the service"},
	{"moved_away", "The person moved away"},
	{"lost_contact", "Lost contact"},
	{"sustained_work", "In sustained work and no longer needs support"},
	{"other", "Other"},
	{NULL, NULL},
};

const struct code CODES_CONTACT_WITH[] = {
	{"client", "The person"},
	{"employer", "An employer"},
	{"clinical_team", "The clinical team"},
	{"family", "Family or carer"},
	{NULL, NULL},
};

const struct code CODES_MODE[] = {
	{"face_to_face", "Face to face"},
	{"phone", "Telephone"},
	{"video", "Video call"},
	{"text", "Text message"},
	{"email", "Email"},
	{"letter", "Letter"},
	{NULL, NULL},
};

const struct code CODES_PLACE[] = {
	{"community", "In the community"},
	{"office", "In the office or clinic"},
	{NULL, NULL},
};

/* MHSDS gender identity. */
const struct code CODES_GENDER[] = {
	{"1", "Male"},
	{"2", "Female"},
	{"3", "Non-binary"},
	{"4", "Other"},
	{"X", "Not known"},
	{"Z", "Not stated"},
	{NULL, NULL},
};

/* NHS Data Dictionary ethnic category (2001 census groupings). */
const struct code CODES_ETHNIC[] = {
	{"A", "White: British"},
	{"B", "White: Irish"},
	{"C", "White: any other White background"},
	{"D", "Mixed: White and Black Caribbean"},
	{"E", "Mixed: White and Black African"},
	{"F", "Mixed: White and Asian"},
	{"G", "Mixed: any other mixed background"},
	{"H", "Asian or Asian British: Indian"},
	{"J", "Asian or Asian British: Pakistani"},
	{"K", "Asian or Asian British: Bangladeshi"},
	{"L", "Asian or Asian British: any other Asian background"},
	{"M", "Black or Black British: Caribbean"},
	{"N", "Black or Black British: African"},
	{"P", "Black or Black British: any other Black background"},
	{"R", "Other ethnic groups: Chinese"},
	{"S", "Other ethnic groups: any other ethnic group"},
	{"Z", "Not stated"},
	{"99", "Not known"},
	{NULL, NULL},
};

const struct code CODES_DISCLOSURE[] = {
	{"yes_open", "Wants employers to know"},
	{"yes_selective", "Will tell some employers, chosen with the specialist"},
	{"no", "Does not want employers to know"},
	{"undecided", "Not decided yet"},
	{NULL, NULL},
};

const struct code CODES_YESNO[] = {
	{"yes", "Yes"},
	{"no", "No"},
	{NULL, NULL},
};

bool code_valid(const struct code *list, const char *s)
{
	if (!s)
		return false;
	for (; list->code; list++)
		if (strcmp(list->code, s) == 0)
			return true;
	return false;
}

const char *code_label(const struct code *list, const char *s)
{
	if (!s)
		return "";
	for (; list->code; list++)
		if (strcmp(list->code, s) == 0)
			return list->label;
	return s;
}

bool code_mode_is_direct(const char *mode)
{
	return mode && (strcmp(mode, "face_to_face") == 0 || strcmp(mode, "phone") == 0 ||
			strcmp(mode, "video") == 0);
}
