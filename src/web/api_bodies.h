/* web/api_bodies.h — the JSON bodies the API's writes accept: for each, the members it
 * may carry and the field of the use case's form (app/app.h) each one fills, read by
 * util/jsonform.c. Only the mapping lives here, never a rule about what a field may
 * hold: the use cases check every field, as they do for the web forms. The fuzz harness
 * (tests/fuzz/fuzz_json.c) reads every body in API_BODIES, so this file must need
 * nothing at link time beyond util/jsonform.c. */
#ifndef IPS_WEB_API_BODIES_H
#define IPS_WEB_API_BODIES_H
#include <stddef.h>
#include "app/app.h"
#include "app/support.h"
#include "util/jsonform.h"

struct api_body {
	const char *name;                        /* for the fuzz harness's messages */
	const struct jsonform_field *fields;
	size_t nfields;
	size_t form_size;                        /* sizeof the form the fields point into */
};

/* POST /api/v1/people: the web's referral form, with the team named by its code (the
 * form sends the team's id, which the API never shows); web/api.c turns the code into
 * the id and reports the use case's errors for "team" as team_code. */
struct api_person_create {
	struct referral_form form;
	const char *team_code;
};

extern const struct api_body API_BODY_CONTACT;         /* struct contact_form */
extern const struct api_body API_BODY_PERSON_CREATE;   /* struct api_person_create */
extern const struct api_body API_BODY_PERSON_UPDATE;   /* struct client_form */
extern const struct api_body API_BODY_EMPLOYER;        /* struct employer_form */
extern const struct api_body API_BODY_VACANCY;         /* struct vacancy_form */
extern const struct api_body API_BODY_JOB_START;       /* struct job_form */
extern const struct api_body API_BODY_JOB_END;         /* struct job_end_form */
/* POST /api/v1/referrals/:id/allocate: the inbox's choice of specialist, named by their
 * staff code (web/api.c turns it into the id the use case takes). */
struct api_referral_allocate {
	const char *specialist_code;
};
extern const struct api_body API_BODY_REFERRAL_ALLOCATE;
/* POST /api/v1/referrals/:id/close: the record page's closing form. */
struct api_referral_close {
	const char *closed_on, *close_reason;
};
extern const struct api_body API_BODY_REFERRAL_CLOSE;
/* POST /api/v1/referrals/:id/next-step: the record page's next step on a referral. */
struct api_referral_next_step {
	const char *next_step;
};
extern const struct api_body API_BODY_REFERRAL_NEXT_STEP;
extern const struct api_body API_BODY_PROFILE;         /* struct profile_form */
/* A job-search step: new (the web form's fields, the vacancy named vacancy_id), or moved
 * on (its stage dates, outcome and note: what the web's edit form changes). */
extern const struct api_body API_BODY_APPLICATION;             /* struct application_form */
extern const struct api_body API_BODY_APPLICATION_UPDATE;      /* struct application_form */

/* All of the above, ending with NULL. */
extern const struct api_body *const API_BODIES[];

#endif
