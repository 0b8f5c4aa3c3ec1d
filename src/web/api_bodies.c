/* web/api_bodies.c — see api_bodies.h. A member's name is the use case's field name, so
 * a 422 names what the caller sent; a member that the GET shows as a number or a
 * boolean may be sent as one (numbers: whole numbers; booleans: true and false for the
 * form's "yes" and "no"), and every member may be sent as a string, as the form does. */
#include "web/api_bodies.h"

#define TEXT(form, key) {#key, offsetof(struct form, key), false, false}
#define NUMBER(form, key) {#key, offsetof(struct form, key), true, false}
#define BOOLEAN(form, key) {#key, offsetof(struct form, key), false, true}
/* a member of the referral form inside struct api_person_create */
#define REFERRAL(key, numbers, booleans) {#key, offsetof(struct api_person_create, form.key), numbers, booleans}
#define BODY(name, form, table) {name, table, sizeof table / sizeof table[0], sizeof(struct form)}

static const struct jsonform_field CONTACT[] = {
	NUMBER(contact_form, referral_id),
	TEXT(contact_form, date),
	TEXT(contact_form, with),
	NUMBER(contact_form, employer_id),
	TEXT(contact_form, mode),
	TEXT(contact_form, place),
	NUMBER(contact_form, minutes),
	BOOLEAN(contact_form, attended),
	TEXT(contact_form, note),
};
const struct api_body API_BODY_CONTACT = BODY("contact", contact_form, CONTACT);

static const struct jsonform_field PERSON_CREATE[] = {
	REFERRAL(given_name, false, false),
	REFERRAL(family_name, false, false),
	REFERRAL(nhs_number, false, false),
	REFERRAL(birth_date, false, false),
	REFERRAL(postcode, false, false),
	REFERRAL(phone, false, false),
	REFERRAL(email, false, false),
	REFERRAL(gender, false, false),
	REFERRAL(ethnic_category, false, false),
	REFERRAL(care_coordinator, false, false),
	TEXT(api_person_create, team_code),
	REFERRAL(source, false, false),
	REFERRAL(received_on, false, false),
	REFERRAL(employment_status, false, false),
	REFERRAL(referrer_name, false, false),
	REFERRAL(referrer_contact, false, false),
	REFERRAL(reason, false, false),
	REFERRAL(consent, false, true),
};
const struct api_body API_BODY_PERSON_CREATE = BODY("person_create", api_person_create, PERSON_CREATE);

static const struct jsonform_field PERSON_UPDATE[] = {
	TEXT(client_form, given_name),
	TEXT(client_form, family_name),
	TEXT(client_form, nhs_number),
	TEXT(client_form, birth_date),
	TEXT(client_form, postcode),
	TEXT(client_form, phone),
	TEXT(client_form, email),
	TEXT(client_form, address),
	TEXT(client_form, gender),
	TEXT(client_form, ethnic_category),
	TEXT(client_form, care_coordinator),
	TEXT(client_form, consent_on),
	BOOLEAN(client_form, consent_contact_employers),
	TEXT(client_form, consent_note),
};
const struct api_body API_BODY_PERSON_UPDATE = BODY("person_update", client_form, PERSON_UPDATE);

static const struct jsonform_field EMPLOYER[] = {
	TEXT(employer_form, name),
	TEXT(employer_form, sector),
	TEXT(employer_form, address),
	TEXT(employer_form, postcode),
	TEXT(employer_form, people),
	TEXT(employer_form, notes),
};
const struct api_body API_BODY_EMPLOYER = BODY("employer", employer_form, EMPLOYER);

static const struct jsonform_field VACANCY[] = {
	NUMBER(vacancy_form, employer_id),
	TEXT(vacancy_form, title),
	TEXT(vacancy_form, job_type),
	NUMBER(vacancy_form, hours_min),
	NUMBER(vacancy_form, hours_max),
	NUMBER(vacancy_form, hourly_pay),
	TEXT(vacancy_form, postcode),
	TEXT(vacancy_form, closing_on),
	TEXT(vacancy_form, source),
	TEXT(vacancy_form, status),
	TEXT(vacancy_form, description),
	TEXT(vacancy_form, conditions),
};
const struct api_body API_BODY_VACANCY = BODY("vacancy", vacancy_form, VACANCY);

static const struct jsonform_field JOB_START[] = {
	NUMBER(job_form, referral_id),
	NUMBER(job_form, employer_id),
	TEXT(job_form, title),
	TEXT(job_form, job_type),
	TEXT(job_form, started_on),
	TEXT(job_form, ended_on),
	NUMBER(job_form, hours_per_week),
	NUMBER(job_form, hourly_wage),
	BOOLEAN(job_form, competitive),
	TEXT(job_form, end_reason),
	NUMBER(job_form, application_id),
};
const struct api_body API_BODY_JOB_START = BODY("job_start", job_form, JOB_START);

static const struct jsonform_field JOB_END[] = {
	TEXT(job_end_form, ended_on),
	TEXT(job_end_form, end_reason),
};
const struct api_body API_BODY_JOB_END = BODY("job_end", job_end_form, JOB_END);

static const struct jsonform_field REFERRAL_ALLOCATE[] = {
	TEXT(api_referral_allocate, specialist_code),
};
const struct api_body API_BODY_REFERRAL_ALLOCATE = BODY("referral_allocate", api_referral_allocate, REFERRAL_ALLOCATE);

static const struct jsonform_field REFERRAL_CLOSE[] = {
	TEXT(api_referral_close, closed_on),
	TEXT(api_referral_close, close_reason),
};
const struct api_body API_BODY_REFERRAL_CLOSE = BODY("referral_close", api_referral_close, REFERRAL_CLOSE);

static const struct jsonform_field PROFILE[] = {
	TEXT(profile_form, work_history),
	TEXT(profile_form, job_types),
	NUMBER(profile_form, hours_min),
	NUMBER(profile_form, hours_max),
	TEXT(profile_form, places),
	NUMBER(profile_form, travel_miles),
	TEXT(profile_form, travel_means),
	TEXT(profile_form, disclosure),
	TEXT(profile_form, strengths),
	TEXT(profile_form, support_needs),
	TEXT(profile_form, career_goals),
	TEXT(profile_form, job_type_codes),
	NUMBER(profile_form, pay_min),
	TEXT(profile_form, avoid),
};
const struct api_body API_BODY_PROFILE = BODY("profile", profile_form, PROFILE);

static const struct jsonform_field REFERRAL_NEXT_STEP[] = {
	TEXT(api_referral_next_step, next_step),
};
const struct api_body API_BODY_REFERRAL_NEXT_STEP = BODY("referral_next_step", api_referral_next_step,
							 REFERRAL_NEXT_STEP);

static const struct jsonform_field APPLICATION[] = {
	NUMBER(application_form, referral_id),
	{"vacancy_id", offsetof(struct application_form, vacancy), true, false},
	NUMBER(application_form, employer_id),
	TEXT(application_form, title),
	TEXT(application_form, kind),
	TEXT(application_form, identified_on),
	TEXT(application_form, applied_on),
	TEXT(application_form, interview_on),
	TEXT(application_form, offer_on),
	TEXT(application_form, outcome),
	TEXT(application_form, outcome_on),
	TEXT(application_form, note),
};
const struct api_body API_BODY_APPLICATION = BODY("application", application_form, APPLICATION);

/* moved on: the stage dates, outcome and note, the last seven members of a new one */
_Static_assert(sizeof APPLICATION / sizeof APPLICATION[0] == 12, "APPLICATION's last 7 are the update's");
const struct api_body API_BODY_APPLICATION_UPDATE = {"application_update", APPLICATION + 5, 7,
						     sizeof(struct application_form)};

const struct api_body *const API_BODIES[] = {
	&API_BODY_CONTACT, &API_BODY_PERSON_CREATE, &API_BODY_PERSON_UPDATE, &API_BODY_EMPLOYER,
	&API_BODY_VACANCY, &API_BODY_JOB_START, &API_BODY_JOB_END, &API_BODY_REFERRAL_ALLOCATE,
	&API_BODY_REFERRAL_CLOSE, &API_BODY_PROFILE, &API_BODY_REFERRAL_NEXT_STEP, &API_BODY_APPLICATION,
	&API_BODY_APPLICATION_UPDATE, NULL,
};
